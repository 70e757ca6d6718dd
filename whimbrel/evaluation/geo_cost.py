"""``whimbrel bench``'s cost of geography: the time and memory the places cost, on one corpus.

Two measurements, each in fresh processes loaded before the clock starts:

- **with geography**: the whole pipeline, with every stage's own time taken by the pipeline's
  stage timers, so the share of the geography stages (recognising and resolving the places,
  then giving each event's places their roles) is read within one run, the same machine load
  weighing on every stage alike;
- **without geography**: the same pipeline built without those stages, which never loads the
  gazetteer: its wall time and resident memory are the baseline the first run is set against.

The two runs alternate a few times and the least disturbed of each counts: on a shared machine
one pass of each can differ by more than geography costs.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import psutil

from whimbrel.evaluation.bench import machine, peak_rss_mb, spawn_timed, warmed_pipeline
from whimbrel.model import Article

#: The stages that find, resolve and assign places; without them the gazetteer is never loaded.
GEO_STAGES = ("whimbrel_places", "whimbrel_place_roles")

#: The issue's limits: geography adds at most this share to extraction time, in at most this memory.
MAX_GEO_SHARE = 0.10
MAX_RSS_MB = 1024.0


@dataclass(slots=True)
class GeoRun:
    seconds: float  # wall time over the corpus
    cpu_seconds: float  # the process's CPU time over the corpus: what other jobs on the machine sway least
    loaded_rss_mb: float  # resident memory once built and warm, before the corpus
    peak_rss_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class GeoCost:
    articles: int
    words: int
    on: GeoRun
    off: GeoRun
    rounds: int = 1

    @property
    def geo_seconds(self) -> float:
        return sum(self.on.stage_seconds.get(s, 0.0) for s in GEO_STAGES)

    @property
    def geo_share(self) -> float:
        """The geography stages' share of the whole extraction time, within the run with them."""
        return self.geo_seconds / self.on.seconds if self.on.seconds else 0.0

    @property
    def geo_added(self) -> float:
        """What the geography stages add to the time of the other stages and the parse."""
        rest = self.on.seconds - self.geo_seconds
        return self.geo_seconds / rest if rest > 0 else 0.0

    @property
    def cpu_share(self) -> float:
        """How much more CPU time the run with geography took than the run without, as a share of it."""
        return self.on.cpu_seconds / self.off.cpu_seconds - 1.0 if self.off.cpu_seconds else 0.0

    @property
    def gazetteer_mb(self) -> float:
        return self.on.loaded_rss_mb - self.off.loaded_rss_mb


def _child_geo(payload: tuple[list[Article], bool], start: Any, out: Any) -> None:
    articles, with_geo = payload
    pipeline = warmed_pipeline(without=() if with_geo else GEO_STAGES)
    loaded = psutil.Process().memory_info().rss / 2**20
    start.wait()
    t0, cpu0 = time.perf_counter(), time.process_time()
    for _ in pipeline.process(articles):
        pass
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    out.put(GeoRun(wall, cpu, loaded, peak_rss_mb(), dict(pipeline.stage_seconds)))


def geo_cost(articles: list[Article], rounds: int = 3) -> GeoCost:
    """The runs with and without geography, taken in turn ``rounds`` times each; of each kind the
    run with the least CPU time counts, the one least slowed by other jobs on the machine."""
    runs: dict[bool, list[GeoRun]] = {True: [], False: []}
    for _ in range(rounds):
        for with_geo in (True, False):
            runs[with_geo].append(spawn_timed(_child_geo, [(articles, with_geo)])[1][0])
    on, off = (min(runs[kind], key=lambda r: r.cpu_seconds) for kind in (True, False))
    return GeoCost(len(articles), sum(len(a.text.split()) for a in articles), on=on, off=off, rounds=rounds)


def geo_markdown(cost: GeoCost, corpus: str) -> str:
    m = machine()
    on, off = cost.on, cost.off
    rest = on.seconds - sum(on.stage_seconds.values())
    share, added = cost.geo_share, cost.geo_added
    lines = [
        "## Cost of geography (`whimbrel bench --geo`)",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}; run {m['date']}; "
        f"load average {os.getloadavg()[0]:.1f} at the end.",
        f"Corpus: {corpus}; {cost.words} words. Each run {cost.rounds} times in turn; the one with the least "
        "CPU time counts.",
        "",
        "| measure | with geography | without geography |",
        "|---|---:|---:|",
        f"| whole extraction (s) | {on.seconds:.1f} | {off.seconds:.1f} |",
        f"| CPU time of the process (s) | {on.cpu_seconds:.1f} | {off.cpu_seconds:.1f} |",
        f"| articles/s | {cost.articles / on.seconds:.2f} | {cost.articles / off.seconds:.2f} |",
        f"| resident memory once loaded (MB) | {on.loaded_rss_mb:,.0f} | {off.loaded_rss_mb:,.0f} |",
        f"| peak resident memory (MB) | {on.peak_rss_mb:,.0f} | {off.peak_rss_mb:,.0f} |",
        "",
        "Time per stage, in the run with geography (the pipeline's own stage timers):",
        "",
        "| stage | seconds | share of extraction |",
        "|---|---:|---:|",
        f"| parse (spaCy) and turning docs into records | {rest:.1f} | {100 * rest / on.seconds:.1f}% |",
    ]
    for name, seconds in on.stage_seconds.items():
        mark = " (geography)" if name in GEO_STAGES else ""
        lines.append(f"| {name}{mark} | {seconds:.1f} | {100 * seconds / on.seconds:.1f}% |")
    lines += [
        f"| **geography: {' + '.join(GEO_STAGES)}** | **{cost.geo_seconds:.1f}** | **{100 * share:.1f}%** |",
        "",
        f"Geography takes {100 * share:.1f}% of extraction time by the stage timers, so it adds {100 * added:.1f}% "
        f"to the time of the rest (limit {100 * MAX_GEO_SHARE:.0f}%: {'met' if added <= MAX_GEO_SHARE else 'NOT met'}); "
        "the run with it took "
        f"{100 * cost.cpu_share:+.1f}% CPU time against the run without (separate processes, one after the other; "
        "the wall times there are swayed by the other jobs on the machine). "
        f"The gazetteer adds {cost.gazetteer_mb:,.0f} MB once loaded; the peak with it is {on.peak_rss_mb:,.0f} MB "
        f"(limit {MAX_RSS_MB:,.0f} MB: {'met' if on.peak_rss_mb <= MAX_RSS_MB else 'NOT met'}).",
        "",
    ]
    return "\n".join(lines)
