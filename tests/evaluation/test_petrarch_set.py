"""The petrarch2_unittest set: reading the records, PETRARCH's way of writing codes, and a short real run."""

from __future__ import annotations

from pathlib import Path

from whimbrel.evaluation.petrarch_set import (
    RECORDS,
    SET_DIR,
    coded_triples,
    eval_petrarch2,
    petrarch_actor_code,
    read_records,
)
from whimbrel.evaluation.runner import SETS
from whimbrel.model import Actor, Event, TextSpan


def _event(pattern_id: str, source: Actor | None, target: Actor | None, cameo: str = "064") -> Event:
    return Event(
        event_id="e",
        article_id="a",
        sentence="",
        sentence_start=0,
        sentence_end=0,
        trigger=TextSpan("x", 0, 1),
        pattern_id=pattern_id,
        cameo=cameo,
        plover="COOPERATE",
        source=source,
        target=target,
    )


def test_actor_codes_are_written_as_petrarch_writes_them() -> None:
    assert petrarch_actor_code(None) == "---"
    assert petrarch_actor_code(Actor(text="officials", start=0, end=9, agent="GOV")) == "---GOV"
    assert petrarch_actor_code(Actor(text="Freedonia", start=0, end=9, country="FRE", code="FRE")) == "FRE"


def test_triples_use_the_code_the_event_is_written_with() -> None:
    source = Actor(text="Freedonia", start=0, end=9, country="FRE", code="FRE")
    events = [_event("petrarch.restore.1", source, None, "0641"), _event("bundled", source, None)]
    assert coded_triples(events) == [("FRE", "---", "0641"), ("FRE", "---", "064")]


def test_the_set_is_registered() -> None:
    assert SETS["petrarch2_unittest"] is eval_petrarch2


def test_records_hold_dates_categories_and_gold(shared: Path) -> None:
    records = read_records(shared / "eval" / SET_DIR / RECORDS)
    assert len(records) > 200
    assert all(r.text and r.category for r in records)
    assert sum(len(r.gold) for r in records) > 300
    assert all(code[:2].isdigit() for r in records for _, _, code in r.gold)
    assert len({r.day.year for r in records}) > 3  # the dated-actor records span decades


def test_a_short_run_reports_every_metric(shared: Path) -> None:
    rows = eval_petrarch2(None, shared / "eval", 12)  # type: ignore[arg-type]  # the set builds its own pipeline
    metrics = {row.metric: row for row in rows}
    for name in ("triples reproduced", "source code", "target code", "event code", "event root code"):
        assert 0.0 <= metrics[name].value <= 1.0
    assert metrics["triples reproduced"].items > 0
    # the stylised first records are simple statements of cooperation: most of them are reproduced
    assert metrics["event code"].value >= 0.5
