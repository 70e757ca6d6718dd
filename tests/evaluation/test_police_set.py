"""IndiaPoliceEvents: the reader (on small files written here in the gold format), the label mapping
(on hand-made events and on hand-written sentences through the real pipeline) and the scores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from whimbrel.errors import EvaluationDataError
from whimbrel.evaluation.police_set import (
    LABELS,
    GoldSentence,
    PoliceDoc,
    event_labels,
    is_police,
    label_scores,
    read_police_events,
    sentence_labels,
)
from whimbrel.model import Actor, Article, Event, TextSpan
from whimbrel.pipeline import Pipeline


def _write_set(folder: Path, docs: dict[int, list[tuple[str, list[str]]]]) -> Path:
    """Write metadata.jsonl and sents.jsonl in the gold's shape: sentences joined by one space."""
    folder.mkdir(parents=True, exist_ok=True)
    with (
        (folder / "metadata.jsonl").open("w", encoding="utf-8") as meta,
        (folder / "sents.jsonl").open("w", encoding="utf-8") as sents,
    ):
        for doc_id, sentences in docs.items():
            full_text = " ".join(text for text, _ in sentences)
            meta.write(json.dumps({"doc_id": doc_id, "date": "2002-03-04", "full_text": full_text}) + "\n")
            for sent_id, (text, labels) in enumerate(sentences):
                record = {"doc_id": doc_id, "sent_id": sent_id, "sent_labels": labels, "sent_text": text}
                sents.write(json.dumps(record) + "\n")
    return folder


def test_reader_locates_each_sentence_in_the_article(tmp_path: Path) -> None:
    folder = _write_set(
        tmp_path / "set",
        {
            7: [("a mob gathered.", []), ("police fired.", ["FORCE", "ANY_ACTION"]), ("a mob gathered.", [])],
            9: [("nothing happened.", [])],
        },
    )
    docs = read_police_events(folder)
    assert [d.doc_id for d in docs] == [7, 9]
    first = docs[0]
    assert first.published == date(2002, 3, 4)
    # the repeated sentence is found after the one before it, not at its first occurrence
    assert [first.text[s.start : s.end] for s in first.sentences] == [
        "a mob gathered.",
        "police fired.",
        "a mob gathered.",
    ]
    assert first.sentences[2].start > first.sentences[1].end
    assert first.sentences[1].labels == {"FORCE", "ANY_ACTION"}
    assert [d.doc_id for d in read_police_events(folder, limit=1)] == [7]


def test_reader_names_file_and_line_of_a_sentence_missing_from_its_article(tmp_path: Path) -> None:
    folder = _write_set(tmp_path / "set", {1: [("first.", []), ("second.", [])]})
    with (folder / "sents.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": 1, "sent_id": 2, "sent_labels": [], "sent_text": "not there."}) + "\n")
    with pytest.raises(EvaluationDataError) as raised:
        read_police_events(folder)
    assert "E701" in str(raised.value)
    assert "sents.jsonl:3" in str(raised.value)


def _event(
    source: Actor | None,
    cameo: str,
    plover: str,
    mode: str | None = None,
    modality: str = "asserted",
    start: int = 0,
    **quantities: int,
) -> Event:
    return Event(
        event_id="e",
        article_id="a",
        sentence="",
        sentence_start=0,
        sentence_end=0,
        trigger=TextSpan("x", start, start + 1),
        pattern_id="p",
        cameo=cameo,
        plover=plover,
        plover_mode=mode,
        source=source,
        modality=modality,  # type: ignore[arg-type]
        quantities=dict(quantities),
    )


POLICE = Actor("the police", 0, 10, agent="COP")
CONSTABLES = Actor("two constables", 0, 14)
MOB = Actor("a mob", 0, 5)


def test_police_is_recognised_by_sector_or_by_word() -> None:
    assert is_police(POLICE)
    assert is_police(CONSTABLES)
    assert is_police(Actor("the rapid action force", 0, 22))
    assert not is_police(MOB)
    assert not is_police(Actor("the policy makers", 0, 17))  # a word, not a substring
    assert not is_police(None)


def test_labels_of_police_actions() -> None:
    assert event_labels(_event(POLICE, "173", "COERCE", "arrest")) == {"ARREST", "ANY_ACTION"}
    assert event_labels(_event(CONSTABLES, "193", "ASSAULT", "firearms")) == {"FORCE", "ANY_ACTION"}
    killed = _event(POLICE, "193", "ASSAULT", "firearms", killed=2)
    assert event_labels(killed) == {"KILL", "FORCE", "ANY_ACTION"}
    assert event_labels(_event(POLICE, "154", "MOBILIZE", "police")) == {"ANY_ACTION"}


def test_arrests_and_crowd_control_without_a_source_are_police_powers() -> None:
    assert event_labels(_event(None, "173", "COERCE", "arrest")) == {"ARREST", "ANY_ACTION"}
    assert event_labels(_event(None, "175", "ASSAULT", "crowd-control")) == {"FORCE", "ANY_ACTION"}
    # violence with no named perpetrator is not credited to the police
    assert event_labels(_event(None, "1823", "ASSAULT", killed=3)) == frozenset()


def test_a_source_inferred_from_the_place_is_no_named_source() -> None:
    place = Actor("Vadodara", 0, 8, country="IND", code="IND")
    arrest = _event(place, "173", "COERCE", "arrest")
    arrest.flags.append("source_from_place")
    assert event_labels(arrest) == {"ARREST", "ANY_ACTION"}
    assert event_labels(_event(place, "173", "COERCE", "arrest")) == frozenset()  # a place named as the actor


def test_others_actions_and_unreal_events_are_not_police_actions() -> None:
    assert event_labels(_event(MOB, "1823", "ASSAULT", killed=3)) == frozenset()
    assert event_labels(_event(POLICE, "173", "COERCE", "arrest", modality="intended")) == frozenset()
    assert event_labels(_event(POLICE, "173", "COERCE", "arrest", modality="negated")) == {"FAIL"}


def test_events_count_for_the_sentence_their_trigger_lies_in() -> None:
    doc = PoliceDoc(1, "a" * 40, None, (GoldSentence(0, 0, 20, frozenset()), GoldSentence(1, 20, 40, frozenset())))
    events = [_event(POLICE, "173", "COERCE", "arrest", start=25), _event(MOB, "190", "ASSAULT", start=3)]
    assert sentence_labels(doc, events) == [frozenset(), {"ARREST", "ANY_ACTION"}]


def test_label_scores_per_class() -> None:
    gold = [frozenset({"ARREST", "ANY_ACTION"}), frozenset(), frozenset({"ANY_ACTION"})]
    predicted = [frozenset({"ARREST", "ANY_ACTION"}), frozenset({"ARREST", "ANY_ACTION"}), frozenset()]
    scores = label_scores(gold, predicted)
    assert scores["ARREST_precision"] == 0.5
    assert scores["ARREST_recall"] == 1.0
    assert scores["ARREST_f1"] == pytest.approx(2 / 3)
    assert scores["ANY_ACTION_f1"] == 0.5
    assert scores["KILL_f1"] == 0.0
    assert {f"{label}_f1" for label in LABELS} <= set(scores)


def _labels_of(pipeline: Pipeline, text: str) -> frozenset[str]:
    """The labels the whole pipeline gives a one-sentence article."""
    (result,) = pipeline.process([Article(id="t", text=text, published=date(2002, 3, 4))])
    doc = PoliceDoc(1, text, None, (GoldSentence(0, 0, len(text), frozenset()),))
    return sentence_labels(doc, result.events)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested 12 rioters in the old city on Monday.", {"ARREST", "ANY_ACTION"}),
        ("Over 200 people were rounded up in the district.", {"ARREST", "ANY_ACTION"}),
        ("Two men were killed when the police opened fire on a mob.", {"KILL", "FORCE", "ANY_ACTION"}),
        ("Three people died in police firing on Tuesday.", {"KILL", "FORCE", "ANY_ACTION"}),
        ("Riot police fired tear gas to disperse the protesters near the bridge.", {"FORCE", "ANY_ACTION"}),
        ("A mob attacked the police station and burnt two jeeps.", set()),
    ],
)
def test_labels_of_hand_written_sentences(pipeline: Pipeline, text: str, expected: set[str]) -> None:
    assert _labels_of(pipeline, text) == expected
