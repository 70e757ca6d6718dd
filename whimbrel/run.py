"""``whimbrel run``: read a corpus, code what is new, write it to the store, record every failure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from datasketch import MinHash
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from whimbrel.config import coding_version
from whimbrel.errors import WhimbrelError
from whimbrel.ingest.dedup import Match, signature
from whimbrel.ingest.readers import read_paths
from whimbrel.model import Article
from whimbrel.pipeline import ArticleResult, Pipeline
from whimbrel.store.writer import Store

#: Codes a list of articles, yielding one result per article in the same order.
Coder = Callable[[list[Article]], Iterator[ArticleResult]]


@dataclass(slots=True)
class RunStats:
    run_id: str = ""
    seen: int = 0
    coded: int = 0
    skipped: int = 0
    duplicates: int = 0
    events: int = 0
    failures: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.failures > 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("seen", "coded", "skipped", "duplicates", "events", "failures")}


def _in_corpus_order(
    work: list[tuple[Article, Match | None, MinHash]], coded: Iterator[ArticleResult]
) -> Iterator[tuple[ArticleResult, Match | None, MinHash]]:
    """Coded results and linked duplicates, back in corpus order (the coder keeps input order)."""
    for article, match, sig in work:
        if match is not None:
            yield ArticleResult(article, [], [], []), match, sig
        else:
            yield next(coded), None, sig


T = TypeVar("T")


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_corpus(
    paths: Sequence[str | Path],
    db: str | Path,
    published: date | None = None,
    coder: Coder | None = None,
    console: Console | None = None,
    commit_every: int = 16,
    recode: bool = False,
    overrides: dict[str, dict[str, Any]] | None = None,
    extra_files: Sequence[str] = (),
) -> RunStats:
    """Code every new or changed article under ``paths`` into the store at ``db``.

    Articles already stored with the same content are skipped; with ``recode``, those coded
    under another coding version (changed dictionaries or patterns) are coded again.
    Near-duplicates of stored or earlier articles are stored and linked, not coded.
    ``coder`` does the coding (default: one local :class:`Pipeline`; ``whimbrel.scale`` gives
    one that spreads batches over Ray workers); everything else happens here, in one process.
    ``overrides`` are stage settings (users' dictionaries, ``--config``) for the default coder;
    ``extra_files`` are those dictionaries, part of the coding version so ``recode`` sees edits.
    """
    console = console or Console(stderr=True)
    stats = RunStats()
    version = coding_version(extra_files)
    with Store(db) as store:
        stats.run_id = store.start_run((str(p) for p in paths), version)
        index = store.duplicate_index()
        # Every new article, in corpus order, with the stored or earlier report it copies (if any).
        # Rows are written in this order too, so a killed run leaves an exact prefix behind and
        # the near-duplicate decisions of the re-run are the ones a clean run makes.
        work: list[tuple[Article, Match | None, MinHash]] = []
        files_read: set[str] = set()
        for item in read_paths(paths, published=published):
            files_read.add(str(item.context.get("path") if isinstance(item, WhimbrelError) else item.source_path))
            if isinstance(item, WhimbrelError):
                stats.failures += 1
                stats.messages.append(str(item))
                console.print(f"[red]error[/red] {item}", highlight=False)
                store.record_failure(item, stats.run_id)
                continue
            stats.seen += 1
            stored = store.stored_version(item)
            if stored == version or (stored is not None and not recode):
                stats.skipped += 1
                continue
            sig = signature(item.text)
            work.append((item, index.match(sig, exclude=item.id), sig))
            index.add(item.id, sig)
        store.clear_stale_read_failures(files_read, stats.run_id)
        to_code = [article for article, match, _ in work if match is None]
        if work:
            if coder is None and to_code:
                coder = Pipeline(overrides).process
            coded = coder(to_code) if coder is not None and to_code else iter(())
            progress = Progress(
                TextColumn("[bold]coding[/bold]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[events]} events"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            with progress:
                task = progress.add_task("coding", total=len(work), events=0)
                for batch in _batched(_in_corpus_order(work, coded), commit_every):
                    good = [(res, match, sig) for res, match, sig in batch if res.error is None]
                    for res, _, _ in batch:
                        if res.error is not None:
                            stats.failures += 1
                            stats.messages.append(str(res.error))
                            progress.console.print(f"[red]error[/red] {res.error}", highlight=False)
                            store.record_failure(res.error, stats.run_id)
                    store.write_results(
                        [res for res, _, _ in good],
                        stats.run_id,
                        version,
                        duplicates={res.article.id: m for res, m, _ in good if m is not None},
                        signatures={res.article.id: sig for res, _, sig in good},
                    )
                    stats.duplicates += sum(1 for _, m, _ in good if m is not None)
                    stats.coded += sum(1 for _, m, _ in good if m is None)
                    stats.events += sum(len(res.events) for res, _, _ in good)
                    progress.update(task, advance=len(batch), events=stats.events)
        store.finish_run(stats.run_id, stats.as_dict(), "partial" if stats.partial else "ok")
    return stats


def failed_paths(db: str | Path) -> list[Path]:
    """The input files recorded in the store's failures table (for ``run --retry-failures``)."""
    if not Path(db).is_file():
        return []
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT DISTINCT path FROM failures WHERE path IS NOT NULL ORDER BY path")
    return [Path(r["path"]) for r in rows if Path(r["path"]).exists()]
