"""``whimbrel eval``: run the evaluation sets against one pipeline and tabulate the metrics."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from whimbrel.config import shared_dir
from whimbrel.evaluation.base import EvalFn, Metric
from whimbrel.evaluation.event_sets import ACTIVE_PROGRESS, eval_acled, eval_case2021, eval_plover_gsr
from whimbrel.evaluation.geo_sets import eval_event_location, eval_geovirus, eval_geowebnews, eval_lgl
from whimbrel.evaluation.petrarch_set import eval_petrarch2
from whimbrel.evaluation.police_set import eval_india_police
from whimbrel.pipeline import Pipeline

#: Messages go to stderr so that the table (or JSON) on stdout stays clean.
console = Console(stderr=True)

SETS: dict[str, EvalFn] = {
    "acled": eval_acled,
    "case2021": eval_case2021,
    "plover_gsr": eval_plover_gsr,
    "petrarch2_unittest": eval_petrarch2,
    "india_police_events": eval_india_police,
    "lgl": eval_lgl,
    "geowebnews": eval_geowebnews,
    "geovirus": eval_geovirus,
    "event_location": eval_event_location,
}


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _finish(progress: Progress, task: TaskID) -> None:
    """Show a set as done even when its function reported no per-item progress."""
    done = max(int(progress.tasks[task].completed), 1)
    progress.update(task, total=done, completed=done)


def run_eval(names: Sequence[str] | None, limit: int | None, pipeline: Pipeline | None = None) -> list[Metric]:
    """Metric rows of the named sets (all when ``names`` is empty), each on at most ``limit`` items.

    Without the shared evaluation folder this prints why and returns no rows.
    """
    shared = shared_dir()
    if shared is None:
        console.print("[yellow]No evaluation data: ../shared/eval is absent (set $WHIMBREL_SHARED). Nothing run.[/]")
        return []
    unknown = [n for n in names or [] if n not in SETS]
    if unknown:
        console.print(f"[red]Unknown set(s): {', '.join(unknown)}. Known: {', '.join(SETS)}[/]")
    chosen = [n for n in (names or list(SETS)) if n in SETS]
    pipeline = pipeline or Pipeline()
    rows: list[Metric] = []
    with _progress() as progress:
        for name in chosen:
            task = progress.add_task(name, total=None)
            token = ACTIVE_PROGRESS.set((progress, task))
            try:
                rows.extend(SETS[name](pipeline, shared / "eval", limit))
            finally:
                ACTIVE_PROGRESS.reset(token)
            _finish(progress, task)
    return rows


def render_table(rows: Sequence[Metric]) -> Table:
    """One line per metric: set, items, metric, value, time (seconds the whole set took)."""
    table = Table(title="whimbrel evaluation")
    for column, justify in (
        ("set", "left"),
        ("items", "right"),
        ("metric", "left"),
        ("value", "right"),
        ("time", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(row.set, str(row.items), row.metric, f"{row.value:.3f}", f"{row.seconds:.1f}s")
    return table
