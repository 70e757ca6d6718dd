"""Exports from a real store: every layout and format, and Parquet partitioned by month."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from whimbrel.evaluation.synthetic import coded_report
from whimbrel.pipeline import ArticleResult
from whimbrel.store.export import export
from whimbrel.store.writer import Store


def _result(article_id: str, day: str, outlet: str) -> ArticleResult:
    return coded_report(
        article_id,
        "Government jets struck rebel positions near Idlib, killing 7 fighters.",
        "struck",
        cameo="195",
        plover="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        day=date.fromisoformat(day),
        outlet=outlet,
        url=f"https://example.org/{article_id}",
        source={
            "text": "Government jets",
            "name": "Syrian military",
            "country": "SYR",
            "agent": "MIL",
            "code": "SYRMIL",
        },
        target={"text": "rebel positions", "country": "SYR", "agent": "REB", "code": "SYRREB"},
        places=[{"text": "Idlib", "country": "SYR", "lat": 35.93, "lon": 36.63}],
        quantities={"killed": 7},
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        run = s.start_run(["x"], "v1")
        s.write_results([_result("a", "2019-05-03", "Wire A"), _result("b", "2019-05-03", "Paper B")], run, "v1")
        s.write_results([_result("c", "2019-06-20", "Wire A")], run, "v1")
    return db


@pytest.mark.parametrize("layout", ["mentions", "events", "gdelt", "acled"])
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_each_layout_in_each_format(store: Path, tmp_path: Path, layout: str, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    with Store(store, read_only=True) as s:
        n = export(s.con, out, layout, fmt)  # type: ignore[arg-type]
    expected = 3 if layout == "mentions" else 2  # two reports of one strike merge into one event
    assert n == expected
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    rows = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchall()
    assert rows == [(expected,)]


def test_gdelt_and_acled_columns_carry_the_evidence_counts(store: Path, tmp_path: Path) -> None:
    with Store(store, read_only=True) as s:
        export(s.con, tmp_path / "g.csv", "gdelt", "csv")
        export(s.con, tmp_path / "a.csv", "acled", "csv")
    gdelt = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'g.csv'}') ORDER BY SQLDATE").fetchall()
    cols = [c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{tmp_path / 'g.csv'}')").fetchall()]
    first = dict(zip(cols, gdelt[0], strict=True))
    assert (first["SQLDATE"], first["EventRootCode"], first["QuadClass"], first["NumSources"]) == (20190503, 19, 4, 2)
    acled = duckdb.sql(f"SELECT event_type, fatalities, sources_count FROM read_csv('{tmp_path / 'a.csv'}')").fetchall()
    assert ("Explosions/Remote violence", 7, 2) in acled


def test_plover_layout_is_json_records(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    with Store(store, read_only=True) as s:
        assert export(s.con, out, "plover", "jsonl") == 2
        with pytest.raises(ValueError):
            export(s.con, tmp_path / "p.csv", "plover", "csv")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["event"] for r in records} == {"ASSAULT"}
    assert records[0]["source"][0]["code"] == "SYR" and records[0]["eventLoc"]["name"] == "Idlib"


def test_parquet_by_month_writes_one_folder_per_month(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "by_month"
    with Store(store, read_only=True) as s:
        export(s.con, out, "mentions", "parquet", partition_by_month=True)
    assert sorted(p.name for p in out.iterdir()) == ["month=2019-05", "month=2019-06"]
