"""The store on real DuckDB files: migrations, replace-on-rewrite, failures recorded once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from whimbrel.errors import Err, StoreError, WhimbrelInputError
from whimbrel.evaluation.synthetic import coded_report
from whimbrel.model import Actor, Article
from whimbrel.pipeline import ArticleResult
from whimbrel.store.schema import SCHEMA_VERSION
from whimbrel.store.writer import Store, content_hash


def _result(
    article_id: str = "a1",
    text: str = "Jets struck Aleppo.",
    outlet: str = "Test Wire",
    killed: int | None = None,
    lat: float = 36.2,
    day: str = "2016-08-16",
) -> ArticleResult:
    return coded_report(
        article_id,
        text,
        "struck",
        cameo="195",
        plover="ASSAULT",
        plover_mode="aerial",
        outlet=outlet,
        source={"text": "Jets", "agent": "MIL"},
        places=[{"text": "Aleppo", "country": "SYR", "lat": lat, "lon": 37.16}],
        day=date.fromisoformat(day),
        quantities={"killed": killed} if killed is not None else {},
    )


def test_new_store_is_migrated_and_reopening_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert set(store.counts().values()) == {0}
    with Store(db) as store:
        version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"]
    assert int(version) == SCHEMA_VERSION


def test_store_from_a_newer_whimbrel_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code is Err.E402


def test_reading_a_missing_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "nope.duckdb", read_only=True)
    assert info.value.code is Err.E401
    assert "nope.duckdb" in str(info.value)


def test_rewriting_an_article_replaces_its_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["x"], "v1")
        store.write_results([_result()], run, "v1")
        store.write_results([_result()], run, "v1")
        counts = store.counts()
        row = store.mentions()[0]
        assert store.stored_version(_result().article) == "v1"
        assert store.stored_version(Article(id="a1", text="Different text.")) is None
    assert counts["articles"] == 1 and counts["event_mentions"] == 1 and counts["events"] == 1
    assert counts["sentences"] == 1
    assert row["event_country"] == "SYR" and row["plover"] == "ASSAULT" and row["source_agent"] == "MIL"


def test_the_same_failure_is_recorded_once_and_cleared_when_the_article_succeeds(tmp_path: Path) -> None:
    err = WhimbrelInputError(Err.E105, path="c.jsonl", line=2, detail="Expecting value", article_id="a1")
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["c.jsonl"], "v1")
        store.record_failure(err, run)
        store.record_failure(err, run)
        assert [f["line"] for f in store.failures()] == [2]
        assert "c.jsonl:2" in store.failures()[0]["message"]
        store.write_results([_result("a1")], run, "v1")
        assert store.failures() == []


def test_content_hash_changes_with_text_and_date() -> None:
    a = Article(id="x", text="abc")
    b = Article(id="x", text="abd")
    assert content_hash(a) != content_hash(b)
    assert content_hash(a) == content_hash(Article(id="other-id", text="abc"))


def test_reports_of_one_strike_from_two_outlets_become_one_disputed_event(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["x"], "v1")
        store.write_results([_result("wire", outlet="Wire A", killed=12)], run, "v1")
        store.write_results([_result("paper", outlet="Paper B", killed=15, day="2016-08-17")], run, "v1")
        # same type and place but a week later: another event
        store.write_results([_result("later", outlet="Paper B", day="2016-08-24")], run, "v1")
        # far away (about 3 degrees of latitude): another event
        store.write_results([_result("far", outlet="Wire A", lat=33.2)], run, "v1")
        events = store.query("SELECT * FROM events ORDER BY n_mentions DESC, date")
    assert len(events) == 3
    merged = events[0]
    assert merged["n_mentions"] == 2 and merged["n_sources"] == 2
    assert (merged["killed_min"], merged["killed_max"]) == (12, 15)
    assert merged["disputed"] is True


def test_an_actor_inferred_from_the_place_does_not_keep_two_reports_apart(tmp_path: Path) -> None:
    inferred = _result("wire", outlet="Wire A")
    (event,) = inferred.events
    event.source = Actor(text="Aleppo", start=12, end=18, name="unnamed actor (Syria)", country="SYR", code="SYR")
    event.flags = ["source_from_place"]
    named = _result("paper", outlet="Paper B")
    (stated,) = named.events
    assert stated.source is not None
    stated.source.country, stated.source.code = "RUS", "RUSMIL"
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["x"], "v1")
        store.write_results([inferred], run, "v1")
        store.write_results([named], run, "v1")
        events = store.query("SELECT n_mentions, disputed FROM events")
        codes = store.query("SELECT source_code FROM event_mentions ORDER BY article_id")
    # "SYR" (a guess) neither contradicts "RUSMIL" nor makes the event disputed
    assert [(e["n_mentions"], e["disputed"]) for e in events] == [(2, False)]
    assert [c["source_code"] for c in codes] == ["RUSMIL", "SYR"]  # each mention keeps its own


def test_recoding_an_article_moves_its_evidence_and_drops_empty_events(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["x"], "v1")
        store.write_results([_result("a"), _result("b", outlet="Other")], run, "v1")
        assert store.query("SELECT n_mentions FROM events")[0]["n_mentions"] == 2
        store.write_results([_result("b", outlet="Other", day="2017-01-01")], run, "v2")
        counts = store.query("SELECT date, n_mentions FROM events ORDER BY date")
    assert [(str(r["date"]), r["n_mentions"]) for r in counts] == [("2016-08-16", 1), ("2017-01-01", 1)]
