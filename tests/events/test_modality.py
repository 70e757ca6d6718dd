"""Modality from governing words."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Rebels attacked the town.", "attacked", "asserted"),
        ("Police did not arrest anyone.", "arrest", "negated"),
        ("There were no strikes on the city.", "strikes", "negated"),
        ("The group denied carrying out the attack.", "attack", "denied"),
        ("Iran threatened to strike Israel.", "strike", "threatened"),
        ("The army plans to attack the town.", "attack", "intended"),
        ("The rebels will release the hostages.", "release", "intended"),
        ("Hamas could attack Israel.", "attack", "hypothetical"),
        ("If Israel attacks the port, Iran would respond.", "attacks", "hypothetical"),
        ("The party demanded the arrest of the leaders.", "arrest", "hypothetical"),
        ("The culprits must be arrested at once.", "arrested", "hypothetical"),
        # what a verb of enabling lets happen is as real as the enabling: a prospect, not a report
        ("The deal would allow the two armies to start patrolling the border together.", "patrolling", "intended"),
    ],
)
def test_modality(events, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = [m for m in events(text) if m.trigger.text == trigger]
    assert event.modality == modality


def test_threat_event_itself_is_asserted(events) -> None:  # type: ignore[no-untyped-def]
    (threat,) = [m for m in events("Iran threatened to strike Israel.") if m.plover == "THREATEN"]
    assert (threat.cameo, threat.modality) == ("138", "asserted")


def test_a_verb_named_call_governs_only_through_for(events) -> None:  # type: ignore[no-untyped-def]
    (called_for,) = [m for m in events("Activists called for the release of the prisoners.") if m.plover == "RETREAT"]
    assert called_for.modality == "hypothetical"


def test_a_clause_after_a_semicolon_does_not_govern(events) -> None:  # type: ignore[no-untyped-def]
    text = "Demonstrators burned tyres, hurled stones and flew kites; some tried to cut through the fence."
    burned = {m.modality for m in events(text) if m.trigger.text == "burned"}
    assert burned == {"asserted"}


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("The president refused to meet the opposition leaders.", "meet", "negated"),
        ("Police failed to arrest the men who burned the shops.", "arrest", "negated"),
        ("The minister is prepared to lift the ban on the party.", "lift", "intended"),
        ("The army stands ready to evacuate the villagers.", "evacuate", "intended"),
        ("The soldiers committed rape in the occupied villages.", "rape", "asserted"),
        ("Police called on the gunmen to surrender before storming the house.", "surrender", "hypothetical"),
    ],
)
def test_refusals_and_readiness(events, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    assert {m.modality for m in events(text) if m.trigger.text == trigger} == {modality}
