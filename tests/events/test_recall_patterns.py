"""Events news coders report in words of their own: exchanges of fire, bodies found, stones thrown,
force movements, defections. Each case checks the pattern that codes it and the ACLED type it gets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.nlp.extensions import EventMention


def coded(mentions: list[EventMention]) -> set[tuple[str, str | None]]:
    return {(m.pattern_id, m.acled_sub_event_type) for m in mentions}


@pytest.mark.parametrize(
    ("text", "pattern", "sub_type"),
    [
        (
            "The forces of the two countries exchanged fire across the frontier.",
            "assault.exchange_fire",
            "Armed clash",
        ),
        ("An exchange of fire took place by the toll gate late on Monday.", "assault.exchange_fire", "Armed clash"),
        ("Witnesses said a shoot-out took place behind the stadium.", "assault.exchange_fire", "Armed clash"),
        ("The body of a teenager with gunshot wounds was discovered in a ditch.", "assault.body_found", "Attack"),
        ("A woman was found dead in the district on Sunday.", "assault.body_found", "Attack"),
        ("The air force targeted rebel positions near the airport.", "assault.aerial_strike", "Air/drone strike"),
        ("Rebels targeted the barracks with artillery.", "assault.target", "Shelling/artillery/missile attack"),
        ("Several explosions took place in the city centre.", "assault.explosion", "Remote explosive/landmine/IED"),
        (
            "Hundreds of traders held a protest against the rise in fuel prices.",
            "protest.demonstrate",
            "Peaceful protest",
        ),
        ("Market vendors demonstrated outside the town hall.", "protest.demonstrate_ambiguous", "Peaceful protest"),
        (
            "Nurses gathered outside the hospital to demand their unpaid wages.",
            "protest.gather_to_demand",
            "Peaceful protest",
        ),
        ("Youths pelted stones at the police in the old town.", "protest.throw_stones", "Violent demonstration"),
        ("A group of men threw stones at a passing bus.", "protest.throw_stones", "Mob violence"),
        ("Residents burned tires on the main road.", "protest.burn_tires", "Violent demonstration"),
        (
            "Government reinforcements arrived at the front on Monday.",
            "mobilize.reinforcements",
            "Change to group/activity",
        ),
        ("Foreign forces conducted a patrol in the border town.", "mobilize.patrol", "Change to group/activity"),
        (
            "The militia established new fortifications east of the city.",
            "mobilize.fortify",
            "Change to group/activity",
        ),
        ("Dozens of rebel fighters defected to the army.", "retreat.defect", "Change to group/activity"),
        (
            "Twenty policemen joined the Taliban in the province.",
            "retreat.join_armed_group",
            "Change to group/activity",
        ),
        (
            "The army set up a new observation post in the province.",
            "mobilize.base_established",
            "Headquarters or base established",
        ),
        ("The two factions agreed a ceasefire in the region.", "agree.intent_ceasefire", "Agreement"),
        (
            "Militants fired mortar rounds filled with poison gas at the town.",
            "assault.fire_projectiles",
            "Chemical weapon",
        ),
        ("Riot police beat a protester outside parliament.", "assault.beat", "Excessive force against protesters"),
        # a charge set off is a bombing even where assault.bomb stands aside (a "mine" may be a mine)
        (
            "Militants detonated a mine under an army truck near the border.",
            "assault.detonate",
            "Remote explosive/landmine/IED",
        ),
        # the attack the targeting is told in says it is one
        (
            "The army opened an offensive on Sunday, targeting rebel positions near the dam.",
            "assault.target",
            "Armed clash",
        ),
    ],
)
def test_reported_event_is_coded(
    events: Callable[[str], list[EventMention]], text: str, pattern: str, sub_type: str
) -> None:
    assert (pattern, sub_type) in coded(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "The study demonstrated that the vaccine is safe.",
        "Shares rallied on the stock market after the announcement.",
        "The electoral body found no irregularities in the vote.",
        "A gas cylinder explosion in a factory injured four workers.",
        "The company launched an advertising campaign that targeted young voters.",
        "The two armies exchanged prisoners under the deal.",
        "Engineers of the demining team detonated the old mine in a controlled blast.",
        "The army veteran entered the race for mayor.",
        "The young golfer captured the lead in the closing round of the Seville tournament.",
        "The skier captured the win on a sunny slope in Aspen.",
        "Fuel prices shot up in the capital after the announcement.",
    ],
)
def test_other_senses_of_the_cues_are_not_these_events(events: Callable[[str], list[EventMention]], text: str) -> None:
    new_patterns = {
        "protest.demonstrate_ambiguous",
        "assault.body_found",
        "assault.explosion",
        "assault.target",
        "assault.exchange_fire",
        "assault.detonate",
        "mobilize.enter",
        "coerce.capture_person",
        "coerce.occupy",
        "assault.gunfire",
    }
    assert not {m.pattern_id for m in events(text)} & new_patterns


def test_prisoner_exchange_is_an_agreement(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("The government and the rebels exchanged prisoners under the deal.")
    assert ("retreat.release_persons", "Agreement") in coded(mentions)


def test_troops_moved_during_fighting_are_not_a_change_to_group(
    events: Callable[[str], list[EventMention]],
) -> None:
    mentions = events("Fierce clashes broke out near the town. The army sent reinforcements to the area.")
    sub_types = {m.acled_sub_event_type for m in mentions if m.pattern_id.startswith("mobilize")}
    assert sub_types and "Change to group/activity" not in sub_types


def test_rioters_clashing_with_soldiers_are_a_violent_demonstration(
    events: Callable[[str], list[EventMention]],
) -> None:
    mentions = events("Rioters protesting against price rises clashed with soldiers in the port city.")
    assert ("assault.clash", "Violent demonstration") in coded(mentions)


def test_arrest_at_a_protest_is_an_intervention(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Students held a protest outside the ministry. Police intervened and arrested one of them.")
    assert ("coerce.arrest", "Protest with intervention") in coded(mentions)


@pytest.mark.parametrize(
    ("text", "pattern", "sub_type"),
    [
        ("Five villagers beat a man accused of theft.", "assault.beat", "Mob violence"),
        (
            "Residents demonstrated in the town and burnt chairs at the town hall.",
            "protest.demonstrate",
            "Violent demonstration",
        ),
        (
            "Party members demonstrated in the capital and burnt an effigy of the minister.",
            "protest.demonstrate",
            "Peaceful protest",
        ),
    ],
)
def test_crowd_violence_and_its_limits(
    events: Callable[[str], list[EventMention]], text: str, pattern: str, sub_type: str
) -> None:
    assert (pattern, sub_type) in {
        (m.pattern_id.removesuffix("_ambiguous"), m.acled_sub_event_type) for m in events(text)
    }


def test_forces_pulling_out_unopposed_change_their_activity(events: Callable[[str], list[EventMention]]) -> None:
    quiet = events("Militia forces pulled back from the province on Monday.")
    fought = events("The army withdrew from the town after heavy fighting.")
    assert ("retreat.withdraw", "Change to group/activity") in coded(quiet)
    assert ("retreat.withdraw", "Change to group/activity") not in coded(fought)


@pytest.mark.parametrize(
    "text",
    [
        "Striking dockers blocked the coast road for six hours, army officials said.",  # the army only reports
        "Angry farmers blocked transport into the capital with their tractors.",
        "Residents blocked the roadway with burning debris to protest the eviction.",
    ],
)
def test_civilians_blocking_passage_are_protesting(events: Callable[[str], list[EventMention]], text: str) -> None:
    assert "protest.obstruct" in {m.pattern_id for m in events(text)}


def test_troops_blocking_a_road_are_not_protesting(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Government troops blocked the main road into the valley.")
    assert "protest.obstruct" not in {m.pattern_id for m in mentions}


def test_armed_men_moving_into_a_place_are_a_move_there(events: Callable[[str], list[EventMention]]) -> None:
    mentions = [
        m for m in events("Rebel fighters entered the town of Kafr Batna after dawn.") if m.trigger.text == "entered"
    ]
    assert [(m.pattern_id, m.plover) for m in mentions] == [("mobilize.enter", "MOBILIZE")]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Rebels launched a counterattack near the dam on Monday.", "launched"),
        ("Army units began a military operation in the eastern hills.", "began"),
        ("The militia continued its advance along the river, capturing two villages.", "continued"),
    ],
)
def test_military_operations_and_advances_are_uses_of_force(  # type: ignore[no-untyped-def]
    events, text: str, anchor: str
) -> None:
    mentions = [m for m in events(text) if m.pattern_id.startswith("assault.military_")]
    assert mentions and {(m.cameo, m.plover) for m in mentions} == {("190", "ASSAULT")}
    # the noun is coded and the light verb it is the object of tells it
    assert anchor in {w.text for m in mentions for w in m.told_by}


def test_targeting_during_a_military_operation_is_an_attack(events) -> None:  # type: ignore[no-untyped-def]
    text = "The troops continued their military operations on Friday, targeting the rebels' positions near the pass."
    assert {m.pattern_id for m in events(text) if m.trigger.text == "targeting"} == {"assault.target"}


@pytest.mark.parametrize(
    "text",
    [
        "The medical advance was praised by the researchers.",
        "Tickets can be bought in advance at the station.",
        "The surgeon said the operation on the patient went well.",
    ],
)
def test_advances_and_operations_outside_warfare_are_no_attacks(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [m for m in events(text) if m.pattern_id.startswith("assault.military_")]


def test_dying_in_an_attack_is_told_by_the_verb_and_dying_of_illness_is_no_event(events) -> None:  # type: ignore[no-untyped-def]
    attack = events("Nine people died in a bomb attack on a market on Friday.")
    assert "died" in {w.text for m in attack for w in m.told_by}
    ambush = events("Four soldiers died when gunmen ambushed their convoy.")
    assert {m.pattern_id for m in ambush if m.trigger.text == "died"} == {"assault.die_violently"}
    assert not events("The old farmer died of cancer in his home.")
    assert not [m for m in events("The fighting had died down by noon.") if m.trigger.text == "died"]
