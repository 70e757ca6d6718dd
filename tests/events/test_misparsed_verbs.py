"""Verbs the small parser hangs as modifiers of their own object are still events."""

from __future__ import annotations

from spacy.language import Language

from whimbrel.events.matcher import misparsed_verb


def test_progressive_hung_as_modifier_is_an_event(events) -> None:  # type: ignore[no-untyped-def]
    # the parser makes "patrolling" an amod of "streets"; the auxiliary before it says verb
    assert "patrolling" in [m.trigger.text for m in events("Hundreds of soldiers are patrolling crowded streets.")]


def test_participles_after_determiner_number_or_verb_stay_modifiers(nlp: Language) -> None:
    for text in (
        "The wounded soldiers were taken to a fortified town.",
        "Officials visited captured rebel bases in the north.",
        "Iran will put 12 captured sailors on trial.",
    ):
        assert not any(misparsed_verb(t) for t in nlp(text) if t.dep_ == "amod"), text


def test_named_forces_entering_a_town_move(events) -> None:  # type: ignore[no-untyped-def]
    # "Forces" in a name keeps its -s as lemma, yet still says armed men
    (event,) = [
        m for m in events("The Northern Highland Forces entered Varnok on Monday.") if m.trigger.lemma_ == "enter"
    ]
    assert event.plover == "MOBILIZE"


def test_entering_a_new_phase_is_no_move(events) -> None:  # type: ignore[no-untyped-def]
    assert all(m.trigger.lemma_ != "enter" for m in events("The rebel forces say the war will enter a new phase."))
