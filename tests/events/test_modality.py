"""Modality from governing words."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.events.modality import modality_of


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Rebels attacked the town.", "attacked", "asserted"),
        ("Police did not arrest anyone.", "arrest", "negated"),
        ("There were no strikes on the city.", "strikes", "negated"),
        ("The group denied carrying out the attack.", "attack", "denied"),
        ("Iran threatened to strike Israel.", "strike", "threatened"),
        ("Hamas could attack Israel.", "attack", "hypothetical"),
        ("If Israel attacks the port, Iran would respond.", "attacks", "hypothetical"),
        ("The party demanded the arrest of the leaders.", "arrest", "hypothetical"),
        ("The senators demanded that Italy cancel its plans to sell rifles to Chad.", "sell", "hypothetical"),
        ("The league repeated its demand that Turkey ease restrictions on Syrian workers.", "ease", "hypothetical"),
        ("The party demanded that the army return the land it seized in 1970.", "seized", "asserted"),
        ("The minister is expected to visit Cairo next week.", "visit", "hypothetical"),
        ("The navy is ready to counter any attack by the rebels.", "attack", "hypothetical"),
        ("The garrison repelled an attack by the rebels on Monday.", "attack", "asserted"),
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
        ("The soldiers committed rape in the occupied villages.", "rape", "asserted"),
        ("Police called on the gunmen to surrender before storming the house.", "surrender", "hypothetical"),
    ],
)
def test_refusals_and_readiness(events, text: str, trigger: str, modality: str) -> None:  # type: ignore[no-untyped-def]
    assert {m.modality for m in events(text) if m.trigger.text == trigger} == {modality}


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # an announced act is intended; its event is coded as the promise or threat (test_intent.py)
        ("The army plans to attack the town.", "attack", "intended"),
        ("The rebels will release the hostages.", "release", "intended"),
        ("The minister is prepared to lift the ban on the party.", "lift", "intended"),
        ("The army stands ready to evacuate the villagers.", "evacuate", "intended"),
        # an intent word does not govern a relative clause or a clause of time
        (
            "Sixty people sought treatment after a leak at a factory that bombed the river with waste.",
            "bombed",
            "asserted",
        ),
        ("The movement aims to unseat the mayor as protests entered their third week.", "protests", "asserted"),
        # a subject is governed only by a verb of occurring
        ("Aid agencies said the destruction of the convoy would deepen suffering.", "destruction", "asserted"),
        ("An attack on the capital could happen at any time.", "attack", "hypothetical"),
        ("The leaders agreed on measures intended to end the fighting in the east.", "fighting", "hypothetical"),
    ],
)
def test_modality_of_the_act(nlp: Language, text: str, trigger: str, modality: str) -> None:
    (token,) = [t for t in nlp(text) if t.text == trigger]
    assert modality_of(token) == modality


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Further rallies could be staged by the students.", "rallies", "hypothetical"),
        ("The union said a strike would be called if the mines closed.", "strike", "hypothetical"),
        ("Peace talks will be held in Nairobi next month.", "talks", "intended"),
        ("A strike was called by the dockers on Monday.", "strike", "asserted"),
        # the subject of a verb other than one of holding or occurring is not governed by it
        ("The boycott of the talks would hurt the economy.", "boycott", "asserted"),
    ],
)
def test_an_event_held_or_staged_is_as_real_as_its_holding(
    nlp: Language, text: str, trigger: str, modality: str
) -> None:
    assert _modality_of_word(nlp, text, trigger) == modality


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # a conjunct with a tense of its own is not under its head's auxiliary or negation
        ("The envoy said a blockade would amount to war and demanded talks.", "demanded", "asserted"),
        ("The militia did not attack the depot but looted the market.", "looted", "asserted"),
        # one in the base form is
        ("The militia could attack the depot and loot the market.", "loot", "hypothetical"),
        ("The militia did not attack the depot or loot the market.", "loot", "negated"),
        ("The suspects would be detained and questioned.", "questioned", "intended"),
    ],
)
def test_a_conjunct_with_a_tense_of_its_own_is_not_under_its_head_s_auxiliary(
    nlp: Language, text: str, trigger: str, modality: str
) -> None:
    assert _modality_of_word(nlp, text, trigger) == modality


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        # what a reaction answers happened, whatever is said of the reaction
        ("Ruritania would not recall its envoy in response to the blockade.", "blockade", "asserted"),
        ("The rebels threatened to retaliate for the raid in revenge for the massacre.", "massacre", "asserted"),
        # unless it is only foreseen
        ("The navy will retaliate in response to any attack.", "attack", "intended"),
    ],
)
def test_what_a_reaction_answers_is_not_under_the_reaction_s_modality(
    nlp: Language, text: str, trigger: str, modality: str
) -> None:
    assert _modality_of_word(nlp, text, trigger) == modality


def _modality_of_word(nlp: Language, text: str, word: str) -> str:
    return modality_of(next(t for t in nlp(text) if t.text == word))
