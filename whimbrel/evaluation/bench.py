"""``whimbrel bench``: whimbrel's speed against the parser's own, on one corpus, side by side.

Each configuration runs in fresh processes (so one's memory does not count against another),
loads everything first, and is timed from a common start to the last article:

- ``spacy nlp.pipe``: the bare model, the floor no stage can beat;
- ``whimbrel 1 process``: the whole pipeline in one process;
- ``whimbrel 2 processes``: the corpus split over two processes;
- ``whimbrel ray 2 workers``: two Ray actors on a local cluster.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import platform
import resource
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from whimbrel.config import SPACY_MODEL, shared_dir
from whimbrel.ingest.readers import read_paths
from whimbrel.model import Article


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


def _peak_rss_mb() -> float:
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
                    arts.append(Article(id=str(rec["doc_id"]), text=rec["text"]))
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
    out.put((time.perf_counter() - t0, _peak_rss_mb()))


def _child_whimbrel(articles: list[Article], start: Any, out: Any) -> None:
    from whimbrel.pipeline import Pipeline

    pipeline = Pipeline()
    # warm the lazily built parts (gazetteer index, matchers) outside the timed part
    list(pipeline.process([Article(id="warm", text="Troops shelled Aleppo on Monday, officials said.")]))
    start.wait()
    t0 = time.perf_counter()
    for _ in pipeline.process(articles):
        pass
    out.put((time.perf_counter() - t0, _peak_rss_mb()))


def _run_children(target: Any, shards: list[Any]) -> tuple[float, float]:
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
    return wall, max(r[1] for r in results)


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
        "| configuration | articles/s | words/s | peak RSS per process (MB) | × bare parse |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.articles_per_s:.1f} | {r.words_per_s:,.0f} | {r.peak_rss_mb:,.0f} | {r.articles_per_s / floor:.2f} |"
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
