"""Label equivalences between whimbrel's output and the gold vocabularies."""

from __future__ import annotations

from whimbrel.evaluation.mapping import CASE_NONE, case_label, normalize_plover
from whimbrel.model import Event, TextSpan


def _event(cameo: str, plover: str, sub_type: str | None = None) -> Event:
    return Event(
        event_id="e",
        article_id="a",
        sentence="Rebels shelled the town.",
        sentence_start=0,
        sentence_end=24,
        trigger=TextSpan("shelled", 7, 14),
        pattern_id="p",
        cameo=cameo,
        plover=plover,
        acled_sub_event_type=sub_type,
    )


def test_acled_sub_event_type_becomes_case_tag() -> None:
    assert case_label(_event("194", "ASSAULT", "Shelling/artillery/missile attack")) == "ART_MISS_ATTACK"


def test_diplomatic_event_without_acled_type_is_diplo() -> None:
    assert case_label(_event("163", "SANCTION")) == "DIPLO"


def test_sanctions_are_diplo_though_plover_2021_files_them_under_coerce() -> None:
    assert case_label(_event("163", "COERCE")) == "DIPLO"
    assert case_label(_event("1723", "COERCE")) == CASE_NONE  # a curfew is not state-to-state


def test_accusation_is_attribution() -> None:
    assert case_label(_event("1121", "ACCUSE")) == "ATTRIB"


def test_no_event_and_unmapped_event_are_none() -> None:
    assert case_label(None) == CASE_NONE
    assert case_label(_event("154", "MOBILIZE")) == CASE_NONE


def test_draft_plover_names_become_2021_names() -> None:
    assert [normalize_plover(x) for x in ("FIGHT", "demand", "DISAPPROVE", "INVESTIGATE", "AGREE")] == [
        "ASSAULT",
        "REQUEST",
        "ACCUSE",
        "ACCUSE",
        "AGREE",
    ]
    assert normalize_plover("") is None
