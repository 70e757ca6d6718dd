"""A run killed with SIGKILL and started again loses nothing and doubles nothing.

The killed run's store is compared with a store from an uninterrupted run of the same corpus.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from whimbrel.evaluation.synthetic import mixed_corpus, sample_articles

N_ARTICLES = 500


def _write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for art in mixed_corpus(sample_articles(), N_ARTICLES):
            rec = {
                "id": art.id,
                "text": art.text,
                "title": art.title,
                "outlet": art.outlet,
                "published": str(art.published),
            }
            out.write(json.dumps(rec) + "\n")


def _run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "whimbrel", "run", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT article_id, content_hash FROM articles ORDER BY 1").fetchall(),
            "mentions": con.execute(
                "SELECT mention_id, article_id, plover, date FROM event_mentions ORDER BY 1"
            ).fetchall(),
            "sentences": con.execute("SELECT article_id, idx FROM sentences ORDER BY 1, 2").fetchall(),
            "events": con.execute("SELECT count(*), sum(n_mentions) FROM events").fetchall(),
        }
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus)

    clean_db = tmp_path / "clean.duckdb"
    assert _run(corpus, clean_db).wait(timeout=1800) == 0
    clean = _tables(clean_db)
    assert len(clean["articles"]) == N_ARTICLES

    killed_db = tmp_path / "killed.duckdb"
    proc = _run(corpus, killed_db)
    time.sleep(random.Random(os.getpid()).uniform(12, 25))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    interrupted = _tables(killed_db)
    assert len(interrupted["articles"]) < N_ARTICLES, "the run finished before it was killed"

    assert _run(corpus, killed_db).wait(timeout=1800) == 0
    assert _tables(killed_db) == clean
