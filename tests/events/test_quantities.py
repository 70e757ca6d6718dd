"""Counts attached to events."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("Gunmen killed 12 soldiers.", {"killed": 12}),
        ("Gunmen killed twelve soldiers.", {"killed": 12}),
        ("Gunmen killed at least five soldiers.", {"killed": 5}),
        ("The gunmen killed between 30 and 40 people.", {"killed": 30, "killed_max": 40}),
        ("Dozens of people were killed in the attack.", {"killed": 24}),
        ("Police arrested 15 students.", {"arrested": 15}),
        ("Troops shot dead two gunmen.", {"killed": 2}),
        ("Two men were beaten to death.", {"killed": 2}),
        ("Thousands of protesters marched against the government.", {"protesters": 2000}),
    ],
)
def test_counts(events, text: str, quantities: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    (event,) = events(text)
    assert event.quantities == quantities


def test_casualty_verb_merges_into_its_cause(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("An air strike killed 12 civilians.")
    assert (event.trigger.text, event.plover_mode, event.quantities) == ("strike", "aerial", {"killed": 12})
    assert str(event.target_span) == "civilians"


def test_passive_casualties_go_to_the_event_named_as_cause(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Twelve people were killed in the bombing by militants.")
    assert event.trigger.text == "bombing"
    assert event.quantities == {"killed": 12}


def test_destroyed_objects_are_not_casualties(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("The army destroyed five ammunition depots.")
    assert event.plover_mode == "destroy"
    assert event.quantities == {}


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake killed 20 people.",
        "Ten people were killed in the flood.",
        "The storm killed three.",
        # the cause told in an after/when clause, or named with what blew up
        "Dozens of people were killed after an earthquake hit the mountain region.",
        "Nine villagers died and many were injured when a landslide buried their homes.",
        "A gas explosion killed six people in a restaurant.",
    ],
)
def test_disasters_are_not_coded(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert events(text) == []


def test_a_human_cause_in_a_when_clause_is_still_coded(events) -> None:  # type: ignore[no-untyped-def]
    assert events("Twelve people were killed when gunmen attacked the market.")


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A soldier shot and killed a taxi driver.", 1),
        ("Gunmen killed 5 soldiers and 3 civilians.", 8),
        ("Rebels attacked the village, killing a woman and her son.", 2),
        ("Bandits killed an unknown number of herders.", None),
    ],
)
def test_determined_and_listed_victims_are_counted(events, text: str, killed: int | None) -> None:  # type: ignore[no-untyped-def]
    first = events(text)[0]
    assert first.quantities.get("killed") == killed


def test_outcome_counts_go_to_the_attack_they_end(events) -> None:  # type: ignore[no-untyped-def]
    attack = events("Rebels attacked the convoy, killing two soldiers.")[0]
    assert (attack.trigger.text, attack.quantities) == ("attacked", {"killed": 2})


def test_a_count_sentence_without_event_goes_to_the_preceding_attack(events) -> None:  # type: ignore[no-untyped-def]
    (attack,) = events("Armed men attacked two farmers near the river. Both victims died.")
    assert attack.quantities == {"killed": 2}


def test_a_participle_without_auxiliary_counts_its_subject_as_victims(events) -> None:  # type: ignore[no-untyped-def]
    (killed,) = [m for m in events("Two killed as gunmen open fire at a wedding.") if m.trigger.text == "killed"]
    assert killed.quantities == {"killed": 2}
