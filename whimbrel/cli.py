"""The ``whimbrel`` command line. ``extract`` and ``geoparse`` keep the interface evaluation relies on."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from whimbrel.config import UserSettings
    from whimbrel.pipeline import ArticleResult

app = typer.Typer(
    help="whimbrel: who did what to whom, where, when, and according to whom -- from news text, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: exit code of a run that finished but could not read or code some inputs
EXIT_PARTIAL = 3


class OutFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


Paths = Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .html or .jsonl.")]
Published = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")]
Db = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
Dicts = Annotated[
    list[Path] | None,
    typer.Option(
        "--dict",
        help="Your own dictionary (YAML: actors and/or patterns); overrides bundled entries by id. Repeatable.",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="A whimbrel config file (YAML: dictionaries, stage settings).")
]


def _user_settings(dicts: list[Path] | None, config_file: Path | None) -> UserSettings:
    """Validate --dict/--config before any text is read; a bad file exits with its error (code 2)."""
    from whimbrel.config import user_settings
    from whimbrel.errors import WhimbrelError

    try:
        return user_settings(dicts or [], config_file)
    except WhimbrelError as err:
        _console(stderr=True).print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None


def _console(stderr: bool = False) -> Console:
    # Piped output (CI logs, `| cut`) would otherwise wrap tables at 80 columns.
    width = None if sys.stdout.isatty() else 200
    return Console(stderr=stderr, width=width)


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from whimbrel.errors import Err, WhimbrelError

        err = WhimbrelError(Err.E502, detail=value)
        _console(stderr=True).print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None


def _open_out(output: Path | None):  # type: ignore[no-untyped-def]
    return output.open("w", encoding="utf-8") if output else sys.stdout


def _code_inputs(
    paths: list[Path],
    published: str | None,
    failures: list[str],
    upto: str | None = None,
    settings: UserSettings | None = None,
) -> Iterator[ArticleResult]:
    """Read and code PATH...; every unreadable input or failed article is printed and counted."""
    from whimbrel.errors import WhimbrelError
    from whimbrel.ingest.readers import read_paths
    from whimbrel.pipeline import Pipeline

    err_console = _console(stderr=True)
    articles = []
    for item in read_paths(paths, published=_published(published)):
        if isinstance(item, WhimbrelError):
            failures.append(str(item))
            err_console.print(f"[red]error[/red] {item}", highlight=False)
        else:
            articles.append(item)
    if not articles:
        return
    for res in Pipeline(settings.overrides if settings else None, upto=upto).process(articles):
        if res.error is not None:
            failures.append(str(res.error))
            err_console.print(f"[red]error[/red] {res.error}", highlight=False)
            continue
        yield res


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    format: Annotated[
        OutFormat, typer.Option("--format", help="jsonl (one event per line) or table.")
    ] = OutFormat.jsonl,
    output: Output = None,
    dicts: Dicts = None,
    config_file: ConfigOpt = None,
) -> None:
    """Code the events in PATH... and print them (no store)."""
    from whimbrel.display import events_table

    settings = _user_settings(dicts, config_file)
    failures: list[str] = []
    results = list(_code_inputs(paths, published, failures, settings=settings))
    events = [ev.to_dict() for res in results for ev in res.events]
    if format is OutFormat.table:
        console = Console(file=output.open("w", encoding="utf-8"), width=200) if output else _console()
        console.print(events_table(events, title=f"{len(events)} events from {len(results)} article(s)"))
    else:
        out = _open_out(output)
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        if output:
            out.close()
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def geoparse(
    paths: Paths,
    published: Published = None,
    format: Annotated[
        OutFormat, typer.Option("--format", help="jsonl (one article per line) or table.")
    ] = OutFormat.jsonl,
    output: Output = None,
    dicts: Dicts = None,
    config_file: ConfigOpt = None,
) -> None:
    """Find and resolve the place names in PATH... (one JSON object per article)."""
    from dataclasses import asdict

    from rich.table import Table

    settings = _user_settings(dicts, config_file)
    failures: list[str] = []
    out = _open_out(output)
    table = Table("article", "text", "start", "name", "country", "lat", "lon", "geonameid")
    for res in _code_inputs(paths, published, failures, upto="whimbrel_places", settings=settings):
        if format is OutFormat.table:
            for t in res.toponyms:
                table.add_row(
                    res.article.id, t.text, str(t.start), t.name, t.country, str(t.lat), str(t.lon), str(t.geonameid)
                )
        else:
            record = {"article_id": res.article.id, "toponyms": [asdict(t) for t in res.toponyms]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if format is OutFormat.table:
        _console().print(table)
    if output:
        out.close()
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders of .txt, .html or .jsonl.")] = None,
    db: Db = Path("whimbrel.duckdb"),
    published: Published = None,
    recode: Annotated[
        bool, typer.Option("--recode", help="Re-code articles coded under other dictionaries or patterns.")
    ] = False,
    retry_failures: Annotated[
        bool, typer.Option("--retry-failures", help="Read again the files recorded in the failures table.")
    ] = False,
    use_ray: Annotated[bool, typer.Option("--ray", help="Code batches on Ray workers.")] = False,
    address: Annotated[
        str | None, typer.Option("--address", help="An existing Ray cluster (default: start one on 127.0.0.1).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Ray workers (each loads the model once).")] = 2,
    dicts: Dicts = None,
    config_file: ConfigOpt = None,
) -> None:
    """Run the whole pipeline over PATH... into the DuckDB store (new and changed articles only)."""
    from whimbrel.run import failed_paths, run_corpus

    console = _console(stderr=True)
    settings = _user_settings(dicts, config_file)
    inputs = list(paths or [])
    if retry_failures:
        inputs += [p for p in failed_paths(db) if p not in inputs]
    if not inputs:
        console.print("nothing to run: give PATH... (or --retry-failures with a store that has failures)")
        raise typer.Exit(2)
    day = _published(published)
    if use_ray:
        from whimbrel.scale.ray_coder import RayCoder

        with RayCoder(address=address, workers=workers, overrides=settings.overrides) as coder:
            stats = run_corpus(
                inputs,
                db,
                published=day,
                console=console,
                recode=recode,
                coder=coder,
                overrides=settings.overrides,
                extra_files=settings.files,
            )
    else:
        stats = run_corpus(
            inputs,
            db,
            published=day,
            console=console,
            recode=recode,
            overrides=settings.overrides,
            extra_files=settings.files,
        )
    console.print(
        f"run {stats.run_id}: {stats.seen} articles read, {stats.coded} coded, {stats.skipped} already current, "
        f"{stats.duplicates} near-duplicates linked, {stats.events} events, {stats.failures} failures -> {db}",
        highlight=False,
    )
    if stats.partial:
        console.print(f"[yellow]partial run[/yellow]: see `whimbrel failures --db {db}`")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def events(
    db: Db = Path("whimbrel.duckdb"),
    limit: Annotated[int, typer.Option(help="Show at most this many events.")] = 200,
    format: Annotated[OutFormat, typer.Option("--format")] = OutFormat.table,
) -> None:
    """Show the events in a store."""
    from whimbrel.display import events_table
    from whimbrel.store.writer import Store

    with Store(db, read_only=True) as store:
        rows = store.query(
            "SELECT record FROM event_mentions ORDER BY date NULLS LAST, article_id, trigger_start LIMIT ?", [limit]
        )
        total = store.counts()["event_mentions"]
    records = [json.loads(r["record"]) for r in rows]
    if format is OutFormat.jsonl:
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    _console().print(events_table(records, title=f"{len(records)} of {total} events in {db}"))


@app.command()
def failures(db: Db = Path("whimbrel.duckdb")) -> None:
    """List what could not be read or coded, with file, line and reason."""
    from rich.table import Table

    from whimbrel.store.writer import Store

    with Store(db, read_only=True) as store:
        rows = store.failures()
    table = Table(title=f"{len(rows)} failures")
    table.add_column("path", no_wrap=True)
    for col in ("line", "article", "stage", "code"):
        table.add_column(col)
    table.add_column("message", overflow="fold")
    for r in rows:
        table.add_row(
            *(str(r[k]) if r[k] is not None else "" for k in ("path", "line", "article_id", "stage", "code", "message"))
        )
    _console().print(table)


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


class ExportLayout(StrEnum):
    mentions = "mentions"
    events = "events"
    gdelt = "gdelt"
    acled = "acled"
    plover = "plover"


@app.command()
def export(
    db: Db = Path("whimbrel.duckdb"),
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.parquet,
    layout: Annotated[ExportLayout, typer.Option("--layout", help="Column layout.")] = ExportLayout.mentions,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file (a folder with --by-month).")] = Path(
        "whimbrel-export"
    ),
    by_month: Annotated[bool, typer.Option("--by-month", help="Parquet partitioned by month.")] = False,
) -> None:
    """Export events as Parquet, CSV or JSONL, in whimbrel's, GDELT's, ACLED's or PLOVER's layout."""
    from whimbrel.store.export import export as do_export
    from whimbrel.store.writer import Store

    if layout is ExportLayout.plover and format is not ExportFormat.jsonl:
        _console(stderr=True).print("the plover layout is JSON: use --format jsonl")
        raise typer.Exit(2)
    with Store(db, read_only=True) as store:
        n = do_export(store.con, output, layout.value, format.value, partition_by_month=by_month)  # type: ignore[arg-type]
    _console(stderr=True).print(f"{n} rows ({layout.value}) -> {output}")


@app.command()
def serve(
    db: Db = Path("whimbrel.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the read API and the dashboard over a store (http://HOST:PORT/)."""
    from whimbrel.api.serve import serve as run_server
    from whimbrel.errors import WhimbrelError

    try:
        run_server(str(db), host=host, port=port)
    except WhimbrelError as err:
        _console(stderr=True).print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None


@app.command("map")
def draw_map(
    db: Db = Path("whimbrel.duckdb"),
    output: Annotated[Path, typer.Option("-o", "--output", help="map.png, map.svg or map.html.")] = Path("map.png"),
    types: Annotated[
        list[str] | None, typer.Option("--type", help="Only this PLOVER type (repeatable), e.g. ASSAULT.")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="Only events placed in this ISO3 country.")] = None,
    since: Annotated[
        datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Events ending on or after this day.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Events starting on or before this day.")
    ] = None,
    modality: Annotated[
        list[str] | None,
        typer.Option(
            "--modality", help="Repeatable; default asserted and claimed (what happened); 'all' for every one."
        ),
    ] = None,
    origins: Annotated[bool, typer.Option("--origins", help="Also draw where events came from (role origin).")] = False,
    title: Annotated[str | None, typer.Option("--title", help="Title over the map.")] = None,
    width: Annotated[int, typer.Option("--width", min=400, max=8000, help="Width in pixels.")] = 1600,
    height: Annotated[
        int | None, typer.Option("--height", min=300, max=8000, help="Height in pixels (default: what the map needs).")
    ] = None,
) -> None:
    """Draw a static map of the events in a store (PNG, or self-contained SVG/HTML with tooltips)."""
    from rich.markup import escape

    from whimbrel.errors import WhimbrelError
    from whimbrel.web.static_map import HAPPENED, MODALITIES, Selection, layout, load_event_map, output_format, render

    modalities = tuple(m.strip().lower() for m in modality or HAPPENED)
    try:
        output_format(output)
        selection = Selection(
            types=tuple(types or ()),
            country=country,
            since=since.date() if since else None,
            until=until.date() if until else None,
            modalities=MODALITIES if "all" in modalities else modalities,
        )
        event_map = load_event_map(db, selection, origins=origins)
    except WhimbrelError as err:
        _console(stderr=True).print(f"[red]error[/red] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from None
    scene = layout(event_map, width, height, title)
    render(scene, output)
    country_level = sum(1 for p in event_map.places if p.country_level)
    summary = (
        f"{event_map.n_events} events: {event_map.n_mapped} mapped at {len(event_map.places)} places "
        f"({country_level} country-level only), {event_map.n_unlocated} without coordinates"
    )
    if origins:
        summary += f", {len(event_map.origins)} origins"
    _console(stderr=True).print(f"{summary} -> {output} ({scene.width}x{scene.height})", highlight=False)


@app.command("eval")
def evaluate(
    sets: Annotated[list[str] | None, typer.Option("--set", help="Only these sets (repeatable).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many items per set.")] = None,
    dicts: Dicts = None,
    config_file: ConfigOpt = None,
) -> None:
    """Score whimbrel on the gold sets in ../shared/eval (skipped when absent)."""
    from whimbrel.evaluation.runner import render_table, run_eval
    from whimbrel.pipeline import Pipeline

    settings = _user_settings(dicts, config_file)
    pipeline = Pipeline(settings.overrides) if settings.overrides else None
    rows = run_eval(sets, limit, pipeline=pipeline)
    _console().print(render_table(rows))


@app.command("convert-petrarch")
def convert_petrarch(
    folder: Annotated[Path, typer.Argument(help="Folder of PETRARCH/TABARI dictionaries (*.actors.txt, ...).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The whimbrel dictionary file to write.")],
) -> None:
    """Convert PETRARCH/TABARI actor, agent and verb dictionaries into one whimbrel --dict file."""
    from whimbrel.actors.petrarch import write_conversion
    from whimbrel.errors import WhimbrelError

    try:
        conversion = write_conversion(folder, output)
    except WhimbrelError as err:
        _console(stderr=True).print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    _console(stderr=True).print(f"{conversion.summary()}\n-> {output}", highlight=False, markup=False)


@app.command()
def bench(
    paths: Annotated[list[Path] | None, typer.Argument(help="Corpus (default: news texts in ../shared/eval).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many articles.")] = 300,
    workers: Annotated[int, typer.Option(help="Ray workers for the Ray row.")] = 2,
    write: Annotated[Path | None, typer.Option("--write", help="Update this markdown file's section.")] = Path(
        "docs/benchmarks.md"
    ),
    store: Annotated[bool, typer.Option("--store", help="Benchmark the store instead of the pipeline.")] = False,
    geo: Annotated[bool, typer.Option("--geo", help="Only the cost of geography, not the throughput.")] = False,
    rounds: Annotated[int, typer.Option(help="Runs with and without geography, each, taken in turn.")] = 3,
) -> None:
    """Measure articles/s, words/s and memory against the bare spaCy parse, side by side, and
    the time and memory geography costs (its stages' share of extraction, the gazetteer's memory)."""
    from whimbrel.evaluation.bench import default_corpus, load_corpus, markdown, run_bench, write_section
    from whimbrel.evaluation.geo_cost import geo_cost, geo_markdown

    if store:
        import tempfile

        from whimbrel.evaluation.bench import dedup_scores, rerun_bench, store_bench, store_markdown

        with tempfile.TemporaryDirectory() as tmp:
            text = store_markdown(dedup_scores(), store_bench(Path(tmp)), rerun_bench(Path(tmp)))
        _console().print(text, markup=False, highlight=False)
        if write is not None:
            write_section(write, "Store", text)
        return
    corpus, articles = load_corpus(paths, limit) if paths else default_corpus(limit)
    console = _console()
    console.print(f"benchmarking on {corpus} ...")
    sections = [] if geo else [("Pipeline throughput", markdown(run_bench(articles, ray_workers=workers), corpus))]
    sections.append(("Cost of geography", geo_markdown(geo_cost(articles, rounds), corpus)))
    for heading, text in sections:
        console.print(text, markup=False, highlight=False)
        if write is not None:
            write.parent.mkdir(parents=True, exist_ok=True)
            write_section(write, heading, text)


def main() -> None:  # pragma: no cover - console entry point alias
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
