"""``whimbrel bench``: whimbrel's speed against the parser's own, on one corpus, side by side.

Each configuration runs in fresh processes (so one's memory does not count against another),
loads everything first, and is timed from a common start to the last article:

- ``spacy nlp.pipe``: the bare model, the floor no stage can beat;
- ``whimbrel 1 process``: the whole pipeline in one process;
- ``whimbrel 2 processes``: the corpus split over two processes;
- ``whimbrel ray 2 workers``: two Ray actors on a local cluster.

The cost of geography on the same corpus (time share, gazetteer memory) is in
:mod:`whimbrel.evaluation.geo_cost`.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import platform
import resource
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil

from whimbrel.config import SPACY_MODEL, shared_dir
from whimbrel.ingest.readers import read_paths
from whimbrel.model import Article

if TYPE_CHECKING:
    from whimbrel.pipeline import Pipeline


@dataclass(slots=True)
class BenchRow:
    name: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float  # the largest resident set of any one process of this configuration

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def default_corpus(limit: int) -> tuple[str, list[Article]]:
    """News texts from ../shared/eval (IndiaPoliceEvents, LGL), else the bundled sample recombined."""
    shared = shared_dir()
    if shared is not None:
        docs = shared / "eval" / "india_police_events" / "docs.jsonl"
        if docs.is_file():
            arts = []
            with docs.open(encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    arts.append(Article(id=str(rec["doc_id"]), text=rec["doc_text"]))
                    if len(arts) >= limit:
                        break
            return f"IndiaPoliceEvents docs.jsonl (first {len(arts)})", arts
    from whimbrel.evaluation.synthetic import mixed_corpus, sample_articles

    arts = mixed_corpus(sample_articles(), limit)
    return f"bundled sample recombined ({len(arts)} articles)", arts


def load_corpus(paths: list[Path], limit: int) -> tuple[str, list[Article]]:
    arts = [a for a in read_paths(paths) if isinstance(a, Article)][:limit]
    return f"{', '.join(str(p) for p in paths)} ({len(arts)} articles)", arts


# -- the configurations, each run in a child process ------------------------------------------


def _child_floor(texts: list[str], start: Any, out: Any) -> None:
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    start.wait()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    out.put((time.perf_counter() - t0, peak_rss_mb()))


def warmed_pipeline(without: Collection[str] = ()) -> Pipeline:
    """A pipeline (lacking the stages ``without``) whose lazily built parts (gazetteer index,
    matchers) are warm, so that they stay outside the timed part."""
    from whimbrel.pipeline import Pipeline

    pipeline = Pipeline(without=without)
    list(pipeline.process([Article(id="warm", text="Troops shelled Aleppo on Monday, officials said.")]))
    pipeline.stage_seconds.clear()
    return pipeline


def _child_whimbrel(articles: list[Article], start: Any, out: Any) -> None:
    pipeline = warmed_pipeline()
    start.wait()
    t0 = time.perf_counter()
    for _ in pipeline.process(articles):
        pass
    out.put((time.perf_counter() - t0, peak_rss_mb()))


def _run_children(target: Any, shards: list[Any]) -> tuple[float, float]:
    wall, results = spawn_timed(target, shards)
    return wall, max(r[1] for r in results)


def spawn_timed(target: Any, shards: list[Any]) -> tuple[float, list[Any]]:
    """Run ``target(shard, start, out)`` in one fresh process per shard; the wall time from the
    moment every child is loaded (they wait on ``start``) to the last result, and the results."""
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(len(shards) + 1)
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(shard, start, out)) for shard in shards]
    for p in procs:
        p.start()
    start.wait()  # every child has loaded its model
    t0 = time.perf_counter()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    return wall, results


def _ray_row(articles: list[Article], workers: int) -> tuple[float, float]:
    from whimbrel.scale.ray_coder import RayCoder

    with RayCoder(workers=workers, batch_size=8) as coder:
        coder.worker_pids()  # waits until every actor has built its pipeline
        list(coder([Article(id=f"warm{i}", text="Troops shelled Aleppo on Monday.") for i in range(workers)]))
        t0 = time.perf_counter()
        for _ in coder(articles):
            pass
        wall = time.perf_counter() - t0
        peaks = coder.worker_peak_rss_mb()
    return wall, max(peaks)


def run_bench(articles: list[Article], ray_workers: int = 2) -> list[BenchRow]:
    words = sum(len(a.text.split()) for a in articles)
    n = len(articles)
    rows = []
    wall, rss = _run_children(_child_floor, [[a.text for a in articles]])
    rows.append(BenchRow("spacy nlp.pipe (floor)", n, words, wall, rss))
    wall, rss = _run_children(_child_whimbrel, [articles])
    rows.append(BenchRow("whimbrel 1 process", n, words, wall, rss))
    wall, rss = _run_children(_child_whimbrel, [articles[0::2], articles[1::2]])
    rows.append(BenchRow("whimbrel 2 processes", n, words, wall, rss))
    wall, rss = _ray_row(articles, ray_workers)
    rows.append(BenchRow(f"whimbrel ray {ray_workers} workers", n, words, wall, rss))
    return rows


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def markdown(rows: list[BenchRow], corpus: str) -> str:
    m = machine()
    floor = rows[0].articles_per_s or 1.0
    lines = [
        "## Pipeline throughput (`whimbrel bench`)",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}; run {m['date']}.",
        f"Corpus: {corpus}; {rows[0].words} words.",
        "",
        "| configuration | articles/s | words/s | peak RSS per process (MB) | × bare parse | × whimbrel 1 process |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    single = rows[1].articles_per_s or 1.0
    for r in rows:
        lines.append(
            f"| {r.name} | {r.articles_per_s:.1f} | {r.words_per_s:,.0f} | {r.peak_rss_mb:,.0f} "
            f"| {r.articles_per_s / floor:.2f} | {r.articles_per_s / single:.2f} |"
        )
    return "\n".join(lines) + "\n"


def write_section(path: Path, heading: str, body: str) -> None:
    """Replace (or append) one ``## heading`` section of a markdown file, keeping the others."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    parts = text.split("\n## ")
    head, sections = parts[0], parts[1:]
    kept = [s for s in sections if not s.startswith(heading)]
    new_text = "\n## ".join([head.rstrip("\n") + "\n", *kept]) if kept else head.rstrip("\n") + "\n"
    path.write_text(new_text.rstrip("\n") + "\n\n" + body, encoding="utf-8")


# -- the store ---------------------------------------------------------------------------------


def dedup_scores(seed: int = 11) -> tuple[float, float, int]:
    """Precision and recall of near-duplicate links on the sample plus copies and rewrites.

    Copying is transitive (a copy of a syndicated copy copies the original too), so a link is
    right when both articles belong to one group of copies, and recall is the share of the
    articles that have an earlier copy in their group which were linked to one.
    """
    from whimbrel.evaluation.synthetic import duplicate_corpus, sample_articles
    from whimbrel.ingest.dedup import DuplicateIndex, signature

    corpus, gold = duplicate_corpus(sample_articles(), seed=seed)
    group: dict[str, int] = {}
    gid: int | None
    for pair in gold:  # union the true pairs into groups of copies
        ids = [i for i in pair]
        known = {group[i] for i in ids if i in group}
        gid = min(known) if known else len(group) + len(gold)
        for key, value in list(group.items()):
            if value in known:
                group[key] = gid
        for i in ids:
            group[i] = gid
    index = DuplicateIndex()
    seen_groups: set[int] = set()
    should_link = linked_right = linked = 0
    for art in corpus:
        sig = signature(art.text)
        match = index.match(sig, exclude=art.id)
        gid = group.get(art.id)
        if gid is not None and gid in seen_groups:
            should_link += 1
        if match is not None:
            linked += 1
            if gid is not None and group.get(match.article_id) == gid:
                linked_right += 1
        if gid is not None:
            seen_groups.add(gid)
        index.add(art.id, sig)
    precision = linked_right / linked if linked else 0.0
    recall = linked_right / should_link if should_link else 0.0
    return precision, recall, should_link


def _synthetic_results(n_articles: int, events_per_article: int, seed: int = 3) -> list[Any]:
    """Hand-made coded articles (no NLP): what the writer stores, to time the writer alone."""
    import random
    from datetime import date, timedelta

    from whimbrel.evaluation.synthetic import coded_report

    rng = random.Random(seed)
    codes = ["RUSMIL", "UKRMIL", "SYRGOV", "ISIS", "USAGOV", "IRNGOV", "NGACOP", "MLIMIL", "SDNMIL", "ISRMIL"]
    out = []
    for i in range(n_articles):
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        reports = []
        for j in range(events_per_article):
            src, tgt = rng.sample(codes, 2)
            reports.append(
                coded_report(
                    f"bench-{i}",
                    f"{src} struck {tgt} near X.",
                    "struck",
                    cameo="190",
                    plover=rng.choice(["ASSAULT", "CONSULT", "PROTEST", "COERCE"]),
                    day=day + timedelta(days=rng.randrange(3)),
                    outlet=f"Outlet {i % 7}",
                    event_id=f"b{i}-{j}",
                    source={"text": src, "code": src, "country": src[:3]},
                    target={"text": tgt, "code": tgt, "country": tgt[:3]},
                    places=[
                        {"text": "X", "country": src[:3], "lat": rng.uniform(-30, 60), "lon": rng.uniform(-20, 100)}
                    ],
                )
            )
        first = reports[0]
        first.events[:] = [r.events[0] for r in reports]
        out.append(first)
    return out


def store_bench(workdir: Path, n_query_events: int = 1_000_000) -> dict[str, float]:
    """Write speed through the real writer; query time by actor and date range over generated events."""
    import statistics

    import duckdb

    from whimbrel.store.writer import Store

    results = _synthetic_results(2000, 10)
    db = workdir / "write.duckdb"
    with Store(db) as store:
        run = store.start_run(["bench"], "bench")
        t0 = time.perf_counter()
        for i in range(0, len(results), 16):
            store.write_results(results[i : i + 16], run, "bench")
        write_s = time.perf_counter() - t0
    n_written = sum(len(r.events) for r in results)

    big = workdir / "query.duckdb"
    Store(big).close()
    con = duckdb.connect(str(big))
    t0 = time.perf_counter()
    con.execute(
        """INSERT INTO events (event_id, plover, cameo, source_code, source_country, target_code, target_country,
                               date, event_country, lat, lon, modality, n_mentions, n_articles, n_sources)
           SELECT 'e' || i,
                  ['ASSAULT','CONSULT','PROTEST','COERCE','AGREE'][1 + i % 5], '190',
                  'C' || (hash(i) % 400), 'C' || (hash(i) % 400),
                  'C' || (hash(i + 1) % 400), 'C' || (hash(i + 1) % 400),
                  DATE '2000-01-01' + CAST(hash(i * 7) % 9000 AS INTEGER),
                  'C' || (hash(i) % 400), (hash(i * 3) % 120) - 60.0, (hash(i * 5) % 360) - 180.0,
                  'asserted', 1, 1, 1
           FROM range(?) t(i)""",
        [n_query_events],
    )
    con.execute("CHECKPOINT")  # as a finished run leaves it: compressed on disk, not in the WAL
    generate_s = time.perf_counter() - t0
    timings = []
    for k in range(30):
        actor = f"C{(k * 37) % 400}"
        t0 = time.perf_counter()
        con.execute(
            """SELECT event_id, plover, date, source_code, target_code FROM events
               WHERE (source_code = ? OR target_code = ?) AND date BETWEEN ? AND ?
               ORDER BY date LIMIT 500""",
            [actor, actor, f"{2005 + k % 10}-01-01", f"{2006 + k % 10}-06-30"],
        ).fetchall()
        timings.append((time.perf_counter() - t0) * 1000)
    con.close()
    return {
        "events_written": n_written,
        "write_events_per_s": n_written / write_s,
        "query_events": n_query_events,
        "generate_s": generate_s,
        "query_ms_median": statistics.median(timings),
        "query_ms_max": max(timings),
    }


def rerun_bench(workdir: Path, n_articles: int = 100) -> dict[str, float]:
    """The same corpus twice: the second run must add nothing, and should cost little."""
    import json as _json

    from rich.console import Console

    from whimbrel.evaluation.synthetic import mixed_corpus, sample_articles
    from whimbrel.run import run_corpus
    from whimbrel.store.writer import Store

    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for a in mixed_corpus(sample_articles(), n_articles):
            fh.write(_json.dumps({"id": a.id, "text": a.text, "published": str(a.published)}) + "\n")
    db = workdir / "rerun.duckdb"
    quiet = Console(file=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
    t0 = time.perf_counter()
    run_corpus([corpus], db, console=quiet)
    first = time.perf_counter() - t0
    with Store(db, read_only=True) as store:
        before = store.counts()
    t0 = time.perf_counter()
    second_stats = run_corpus([corpus], db, console=quiet)
    second = time.perf_counter() - t0
    with Store(db, read_only=True) as store:
        after = store.counts()
    return {
        "articles": n_articles,
        "first_s": first,
        "second_s": second,
        "second_share": second / first,
        "identical": float(before == after and second_stats.coded == 0),
    }


def store_markdown(dedup: tuple[float, float, int], writes: dict[str, float], rerun: dict[str, float]) -> str:
    m = machine()
    p, r, pairs = dedup
    return "\n".join(
        [
            "## Store",
            "",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; run {m['date']} (`whimbrel bench --store`).",
            "",
            "| measure | value |",
            "|---|---:|",
            f"| near-duplicate links: precision / recall ({pairs} articles with an earlier copy: sample + copies + rewrites) "
            f"| {p:.3f} / {r:.3f} |",
            f"| write speed through the writer, with event merging ({writes['events_written']:,.0f} events) "
            f"| {writes['write_events_per_s']:,.0f} events/s |",
            f"| query by actor and date range over {writes['query_events']:,.0f} events: median / max of 30 "
            f"| {writes['query_ms_median']:.1f} / {writes['query_ms_max']:.1f} ms |",
            f"| same corpus twice ({rerun['articles']:.0f} articles): first / second run "
            f"| {rerun['first_s']:.1f} s / {rerun['second_s']:.2f} s ({100 * rerun['second_share']:.1f}%) |",
            f"| second run left every table identical | {'yes' if rerun['identical'] else 'NO'} |",
            "",
        ]
    )
