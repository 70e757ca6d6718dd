"""The same pipeline on a real local Ray cluster (127.0.0.1): same events, and a killed worker loses nothing."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from whimbrel.model import Article
from whimbrel.pipeline import ArticleResult
from whimbrel.run import run_corpus
from whimbrel.scale.ray_coder import RayCoder

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "articles.jsonl"

pytestmark = pytest.mark.slow


def _records(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT record FROM event_mentions ORDER BY mention_id").fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def local_records(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    run_corpus([SAMPLE], db)
    records = _records(db)
    assert records
    return records


@pytest.fixture(scope="module")
def ray_coder() -> Iterator[RayCoder]:
    with RayCoder(workers=2, batch_size=2) as coder:
        yield coder


def test_ray_run_stores_the_same_events_byte_for_byte(
    tmp_path: Path, ray_coder: RayCoder, local_records: list[str]
) -> None:
    db = tmp_path / "ray.duckdb"
    stats = run_corpus([SAMPLE], db, coder=ray_coder)
    assert stats.failures == 0
    assert _records(db) == local_records


def test_a_worker_killed_mid_run_has_its_batch_retried(
    tmp_path: Path, ray_coder: RayCoder, local_records: list[str]
) -> None:
    victim = ray_coder.worker_pids()[0]

    def killing_coder(articles: list[Article]) -> Iterator[ArticleResult]:
        for i, result in enumerate(ray_coder(articles)):
            if i == 3:
                os.kill(victim, signal.SIGKILL)
            yield result

    db = tmp_path / "killed.duckdb"
    stats = run_corpus([SAMPLE], db, coder=killing_coder)
    assert stats.failures == 0
    assert victim not in ray_coder.worker_pids()  # Ray restarted the actor
    assert _records(db) == local_records
