"""A coder for :func:`whimbrel.run.run_corpus` that spreads batches over Ray actors.

Each actor builds one :class:`~whimbrel.pipeline.Pipeline` (model, dictionaries, gazetteer)
and codes whole batches; the driver keeps reading, de-duplicating and writing the store, so a
Ray run stores exactly what a local run stores. Results are yielded in input order. An actor
that dies is restarted by Ray and its batch is retried, so nothing is lost or doubled.
"""

from __future__ import annotations

import os
import resource
from collections import deque
from collections.abc import Iterator
from typing import Any

from whimbrel.model import Article
from whimbrel.pipeline import ArticleResult, Pipeline


class PipelineWorker:
    """Ray actor body (wrapped with ``ray.remote`` in :class:`RayCoder`)."""

    def __init__(self, overrides: dict[str, dict[str, Any]] | None = None) -> None:
        self.pipeline = Pipeline(overrides)

    def pid(self) -> int:
        return os.getpid()

    def peak_rss_mb(self) -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB

    def process(self, batch: list[Article]) -> list[ArticleResult]:
        return list(self.pipeline.process(batch))


class RayCoder:
    """Use as a context manager; without ``address`` it starts a local cluster on 127.0.0.1."""

    def __init__(
        self,
        address: str | None = None,
        workers: int = 2,
        batch_size: int = 8,
        overrides: dict[str, dict[str, Any]] | None = None,
        max_retries: int = 3,
    ) -> None:
        self.address = address
        self.workers = workers
        self.batch_size = batch_size
        self.overrides = overrides
        self.max_retries = max_retries
        self.actors: list[Any] = []
        self._started_cluster = False

    def __enter__(self) -> RayCoder:
        import ray

        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                ray.init(
                    num_cpus=self.workers,
                    include_dashboard=False,
                    log_to_driver=False,
                    _node_ip_address="127.0.0.1",
                )
                self._started_cluster = True
        remote = ray.remote(num_cpus=1, max_restarts=self.max_retries, max_task_retries=self.max_retries)
        worker_cls = remote(PipelineWorker)
        self.actors = [worker_cls.remote(self.overrides) for _ in range(self.workers)]  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)
        self.actors = []
        if self._started_cluster:
            ray.shutdown()

    def worker_pids(self) -> list[int]:
        import ray

        return list(ray.get([a.pid.remote() for a in self.actors]))

    def worker_peak_rss_mb(self) -> list[float]:
        import ray

        return list(ray.get([a.peak_rss_mb.remote() for a in self.actors]))

    def __call__(self, articles: list[Article]) -> Iterator[ArticleResult]:
        import ray

        batches = [articles[i : i + self.batch_size] for i in range(0, len(articles), self.batch_size)]
        in_flight: deque[Any] = deque()
        next_batch = 0
        # Two batches per actor in flight keeps every worker busy while the driver writes.
        while next_batch < len(batches) or in_flight:
            while next_batch < len(batches) and len(in_flight) < 2 * len(self.actors):
                actor = self.actors[next_batch % len(self.actors)]
                in_flight.append(actor.process.remote(batches[next_batch]))
                next_batch += 1
            yield from ray.get(in_flight.popleft())
