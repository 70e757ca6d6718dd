"""event_location scoring on hand-made records, the reader on small files written here, one smoke run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.errors import WhimbrelInputError
from whimbrel.evaluation.geo_sets import (
    EVENT_LOCATION_FILE,
    LocationRecord,
    eval_event_location,
    event_location_scores,
    predicted_event_places,
    read_event_location,
    told_event,
    verb_event,
)
from whimbrel.model import Event, Place, TextSpan

TEXT = "Rebels from Chad attacked a convoy in Goz Beida and Abeche on Monday."


def _at(words: str) -> tuple[int, int]:
    return TEXT.index(words), TEXT.index(words) + len(words)


VERB = _at("attacked")
CHAD, GOZ_BEIDA, ABECHE, MONDAY = _at("Chad"), _at("Goz Beida"), _at("Abeche"), _at("Monday")


def _record(*places: tuple[int, int]) -> LocationRecord:
    return LocationRecord(TEXT, VERB, tuple(places))


def _event(trigger: tuple[int, int], confidence: float = 0.5, **roles: tuple[int, int]) -> Event:
    return Event(
        event_id=f"e{trigger[0]}",
        article_id="a",
        sentence=TEXT,
        sentence_start=0,
        sentence_end=len(TEXT),
        trigger=TextSpan(TEXT[trigger[0] : trigger[1]], *trigger),
        pattern_id="p",
        cameo="190",
        plover="ASSAULT",
        confidence=confidence,
        locations=[Place(TEXT[a:b], a, b, role=role) for role, (a, b) in roles.items()],  # type: ignore[arg-type]
    )


def test_exact_agreement_partial_and_wrong_places() -> None:
    records = [_record(GOZ_BEIDA, ABECHE), _record(GOZ_BEIDA, ABECHE), _record(GOZ_BEIDA)]
    predicted = [(GOZ_BEIDA, ABECHE), (GOZ_BEIDA,), (CHAD,)]
    scores = event_location_scores(records, predicted)
    assert scores["accuracy"] == pytest.approx(1 / 3)
    assert scores["span_precision"] == pytest.approx(3 / 4)  # Chad is the one wrong prediction
    assert scores["span_recall"] == pytest.approx(3 / 5)
    assert scores["span_f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert scores["trigger_coverage"] == 1.0


def test_no_place_is_right_only_against_no_place() -> None:
    records = [_record(), _record(), _record(GOZ_BEIDA)]
    predicted: list[tuple[tuple[int, int], ...] | None] = [(), (CHAD,), ()]
    scores = event_location_scores(records, predicted)
    assert scores["accuracy"] == pytest.approx(1 / 3)
    assert scores["none_accuracy"] == pytest.approx(1 / 2)
    assert scores["span_precision"] == 0.0
    assert scores["span_recall"] == 0.0


def test_an_uncoded_verb_answers_no_place() -> None:
    records = [_record(), _record(GOZ_BEIDA), _record(GOZ_BEIDA)]
    predicted = [None, None, (GOZ_BEIDA,)]
    scores = event_location_scores(records, predicted)
    assert scores["accuracy"] == pytest.approx(2 / 3)  # the uncoded no-place record is right
    assert scores["accuracy_covered"] == 1.0
    assert scores["trigger_coverage"] == pytest.approx(1 / 3)


def test_the_event_on_the_verb_and_its_event_places() -> None:
    other = _event(MONDAY, confidence=0.9, event=CHAD)  # not the gold verb
    weak = _event(VERB, confidence=0.3, event=CHAD)
    strong = _event(VERB, confidence=0.8, origin=CHAD, event=GOZ_BEIDA, mentioned=ABECHE)
    chosen = verb_event(_record(), [other, weak, strong])
    assert chosen is strong
    assert predicted_event_places(chosen) == (GOZ_BEIDA,)
    assert verb_event(_record(), [other]) is None
    assert predicted_event_places(None) == ()


def test_the_aligned_event_is_the_one_the_verb_also_tells() -> None:
    text = "Rebels launched an attack on a convoy in Abeche."
    record = LocationRecord(text, (text.index("launched"), text.index("launched") + 8), ())
    attack = text.index("attack")
    event = Event(
        event_id="e",
        article_id="a",
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        trigger=TextSpan("attack", attack, attack + 6),
        pattern_id="p",
        cameo="190",
        plover="ASSAULT",
    )
    assert verb_event(record, [event]) is None  # the plain metric: no event on "launched"
    assert told_event(record, [event]) is None  # nothing says "launched" tells it
    event.told_by = [TextSpan("launched", *record.verb)]
    assert told_event(record, [event]) is event


def test_aligned_scores_carry_their_suffix() -> None:
    scores = event_location_scores([_record(GOZ_BEIDA)], [(GOZ_BEIDA,)], suffix="_aligned")
    assert scores["accuracy_aligned"] == 1.0
    assert "accuracy" not in scores


def _write(path: Path, records: list[dict[str, object]], as_array: bool) -> Path:
    if as_array:
        path.write_text(json.dumps(records), encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _raw(spans: list[dict[str, object]]) -> dict[str, object]:
    return {"text": TEXT, "spans": spans, "answer": "accept"}


@pytest.mark.parametrize("as_array", [True, False])
def test_reader_takes_an_array_or_lines_and_honours_limit(tmp_path: Path, as_array: bool) -> None:
    verb = {"start": VERB[0], "end": VERB[1], "token_start": 3, "token_end": 3, "label": "VERB"}
    place = {"start": ABECHE[0], "end": ABECHE[1], "token_start": 9, "token_end": 9, "label": "LOCATION"}
    path = _write(tmp_path / "gold.jsonl", [_raw([verb, place]), _raw([verb])], as_array)
    assert read_event_location(path) == [_record(ABECHE), _record()]
    assert read_event_location(path, limit=1) == [_record(ABECHE)]


def test_reader_repairs_spans_given_in_token_numbers(tmp_path: Path) -> None:
    # "Goz Beida" is tokens 7-8; the span's start/end repeat those numbers instead of characters
    verb = {"start": VERB[0], "end": VERB[1], "label": "VERB"}
    place = {"start": 7, "end": 8, "token_start": 7, "token_end": 8, "label": "LOCATION", "text": "Goz Beida"}
    path = _write(tmp_path / "gold.jsonl", [_raw([verb, place])], as_array=False)
    assert read_event_location(path) == [_record(GOZ_BEIDA)]


def test_reader_names_file_and_line_of_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_raw([])) + "\n", encoding="utf-8")
    with pytest.raises(WhimbrelInputError, match=r"E111 .*gold.jsonl:1: .*VERB"):
        read_event_location(path)
    verb = {"start": VERB[0], "end": VERB[1], "label": "VERB"}
    path.write_text(json.dumps(_raw([verb])) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(WhimbrelInputError, match=r"E105 .*gold.jsonl:2:"):
        read_event_location(path)


@pytest.mark.shared
def test_smoke_on_the_shared_set(shared: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    if not (shared / "eval" / EVENT_LOCATION_FILE).exists():
        pytest.skip("event_location_dev is absent")
    rows = {m.metric: m for m in eval_event_location(pipeline, shared / "eval", limit=20)}
    assert {m.items for m in rows.values()} == {20}
    assert 0.0 < rows["trigger_coverage"].value <= 1.0
    assert 0.0 < rows["accuracy"].value <= 1.0
    assert rows["stage_errors"].value == 0.0
