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
