"""The command line as a user runs it: real processes, real files, a real DuckDB store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REQUIRED_EVENT_KEYS = {
    "event_id", "article_id", "sentence", "sentence_start", "sentence_end", "trigger", "cameo", "plover",
    "plover_mode", "acled_event_type", "acled_sub_event_type", "source", "target", "date", "date_end",
    "date_precision", "date_text", "locations", "modality", "attribution", "quantities", "confidence",
}  # fmt: skip

GOOD = [
    {
        "id": "t1",
        "published": "2019-03-12",
        "outlet": "Test Wire",
        "text": "Police arrested 40 protesters in Khartoum on Monday, witnesses said.",
    },
    {
        "id": "t2",
        "published": "2019-03-12",
        "text": "Syrian government aircraft bombed rebel positions in Idlib province on Tuesday.",
    },
]


def whimbrel(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "whimbrel", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = [json.dumps(GOOD[0]), "{not json", json.dumps(GOOD[1])]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    return folder


def test_extract_prints_one_json_object_per_event_with_the_promised_fields(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "Russian warplanes struck rebel positions near Aleppo on Tuesday, the ministry said.\n", encoding="utf-8"
    )
    proc = whimbrel("extract", str(report), "--published", "2016-08-16", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events
    assert set(events[0]) >= REQUIRED_EVENT_KEYS
    assert events[0]["article_id"] == "report"
    assert any(e["plover"] == "ASSAULT" and e["date"] == "2016-08-16" for e in events)


def test_bad_published_date_is_a_clear_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Troops clashed with rebels.", encoding="utf-8")
    proc = whimbrel("extract", str(report), "--published", "16/08/2016")
    assert proc.returncode == 2
    assert "E502" in proc.stderr and "16/08/2016" in proc.stderr


def test_geoparse_gives_offsets_and_coordinates(tmp_path: Path) -> None:
    report = tmp_path / "g.txt"
    text = "Shelling hit Aleppo and Idlib in northern Syria."
    report.write_text(text, encoding="utf-8")
    proc = whimbrel("geoparse", str(report), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    names = {t["text"]: t for t in record["toponyms"]}
    assert {"Aleppo", "Idlib", "Syria"} <= set(names)
    aleppo = names["Aleppo"]
    assert text[aleppo["start"] : aleppo["end"]] == "Aleppo"
    assert aleppo["country"] == "SYR" and abs(aleppo["lat"] - 36.2) < 0.5


def test_run_records_bad_inputs_goes_on_and_a_rerun_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = whimbrel("run", str(corpus), "--db", str(db))
    assert first.returncode == 3, first.stderr  # partial: some inputs could not be read
    assert "reports.jsonl:2" in first.stderr and "E105" in first.stderr
    assert "empty.txt" in first.stderr and "blob.txt" in first.stderr

    def snapshot() -> tuple[list[tuple], list[tuple], int]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            events = con.execute("SELECT mention_id, article_id, plover FROM event_mentions ORDER BY 1").fetchall()
            failures = con.execute("SELECT path, line, code FROM failures ORDER BY path, line").fetchall()
            articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
        return events, failures, articles

    events, failures, articles = snapshot()
    assert articles == 2
    assert {e[1] for e in events} == {"t1", "t2"}
    assert sorted(f[2] for f in failures) == ["E101", "E102", "E105"]
    assert any(f[0].endswith("reports.jsonl") and f[1] == 2 for f in failures)

    second = whimbrel("run", str(corpus), "--db", str(db))
    assert second.returncode == 3
    assert "2 already current" in second.stderr
    assert snapshot() == (events, failures, articles)

    listing = whimbrel("failures", "--db", str(db))
    assert listing.returncode == 0 and "reports.jsonl" in listing.stdout
    shown = whimbrel("events", "--db", str(db))
    assert shown.returncode == 0 and "ASSAULT" in shown.stdout


def test_retry_failures_reads_the_fixed_file_and_clears_its_failure(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    assert whimbrel("run", str(corpus), "--db", str(db)).returncode == 3
    (corpus / "empty.txt").unlink()
    (corpus / "blob.txt").unlink()
    fixed = [json.dumps(GOOD[0]), json.dumps({"id": "t3", "text": "Troops shelled the town of Kidal on Sunday."})]
    (corpus / "reports.jsonl").write_text("\n".join([*fixed, json.dumps(GOOD[1])]) + "\n", encoding="utf-8")
    retry = whimbrel("run", "--retry-failures", "--db", str(db))
    assert retry.returncode == 0, retry.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        failures = con.execute("SELECT path FROM failures WHERE path LIKE '%reports.jsonl'").fetchall()
    finally:
        con.close()
    assert articles == {"t1", "t2", "t3"}
    assert failures == []


def test_recode_recodes_only_articles_coded_under_other_dictionaries(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "r.jsonl").write_text("\n".join(json.dumps(g) for g in GOOD) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert whimbrel("run", str(folder), "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET coding_version = 'older-dictionaries' WHERE article_id = 't1'")
    con.close()
    plain = whimbrel("run", str(folder), "--db", str(db))
    assert "0 coded, 2 already current" in plain.stderr
    recode = whimbrel("run", str(folder), "--db", str(db), "--recode")
    assert "1 coded, 1 already current" in recode.stderr
