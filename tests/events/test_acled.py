"""ACLED sub-types derived from context: weapon words and who acted on whom."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.events.acled import acled_rules, word_classes
from whimbrel.nlp.extensions import EventMention


def sub_types(mentions: list[EventMention], pattern_prefix: str) -> set[str | None]:
    return {m.acled_sub_event_type for m in mentions if m.pattern_id.startswith(pattern_prefix)}


def test_rule_files_load_and_name_known_classes() -> None:
    assert acled_rules()
    assert {"armed", "civilian", "crowd"} <= set(word_classes())


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("Gunmen killed three villagers near the market.", "assault.kill", "Attack"),
        ("Militants attacked army soldiers at a checkpoint.", "assault.attack", "Armed clash"),
        ("Rebel fighters attacked a police post.", "assault.attack", "Armed clash"),
        ("Two soldiers were killed when a landmine exploded.", "assault", "Remote explosive/landmine/IED"),
        ("Two attackers detonated explosives in the market, killing themselves.", "assault.bomb", "Suicide bomb"),
        ("A militant detonated a suicide car bomb at the gate of the base.", "assault.bomb", "Suicide bomb"),
        ("Two kamikazes blew up near the market, killing nine people.", "assault", "Suicide bomb"),
        ("Warplanes bombed a rebel base near the border.", "assault", "Air/drone strike"),
        ("Fighter jets fired four missiles at a fuel depot.", "assault.fire_projectiles", "Air/drone strike"),
        (
            "Rebels fired shells into the old town. Doctors said the victims had been exposed to chlorine.",
            "assault.fire_projectiles",
            "Chemical weapon",
        ),
        ("Two mobs clashed over a land dispute.", "assault.clash", "Mob violence"),
        ("Clashes were reported between tribesmen and government forces near the dam.", "assault.clash", "Armed clash"),
        ("An angry mob set fire to the suspect's house.", "assault.destroy", "Mob violence"),
        ("Militants attacked the village at dawn, a vigilante leader said.", "assault.attack", "Attack"),
        ("The air force destroyed a convoy of rebel vehicles.", "assault.destroy", "Air/drone strike"),
        (
            "Riot police clashed with hundreds of protesters outside parliament.",
            "assault.clash",
            "Violent demonstration",
        ),
        ("Gunmen attacked a crowded bar in the city centre.", "assault.attack", "Attack"),
        ("Unidentified gunmen attacked a radio station in the city.", "assault.attack", "Attack"),
        (
            "Bandits attacked the village at night and abducted the chief.",
            "assault.attack",
            "Abduction/forced disappearance",
        ),
        ("An escaped convict was shot dead when officers stormed his hideout.", "assault", "Attack"),
        ("Unknown gunmen shot and wounded a police officer in the city.", "assault.gunfire", "Armed clash"),
        ("Police seized seven rifles and a grenade launcher.", "coerce", "Disrupted weapons use"),
        ("Soldiers destroyed a cache of mines and explosives.", "assault.destroy", "Disrupted weapons use"),
        ("An explosive device was found near the bridge and defused.", "coerce.weapons_found", "Disrupted weapons use"),
        ("Taliban militants captured a district centre.", "coerce.occupy", "Non-state actor overtakes territory"),
        ("Government troops recaptured the town.", "coerce.occupy", "Government regains territory"),
        ("Troops captured a rebel-held district.", "coerce.occupy", "Government regains territory"),
        ("Army units drove the insurgents out of two villages.", "coerce.drive_out", "Government regains territory"),
        ("The militants were pushed back from the outskirts of the city.", "coerce", "Government regains territory"),
        ("Rebels drove government soldiers out of the town.", "coerce", "Non-state actor overtakes territory"),
        (
            "Rebels took control of the town after the army withdrew.",
            "coerce.occupy",
            "Non-violent transfer of territory",
        ),
        # a peaceful crowd broken up with deaths or serious injuries: excessive force
        (
            "Police fired tear gas to disperse the marchers. Two demonstrators died of their wounds.",
            "assault.repression",
            "Excessive force against protesters",
        ),
        (
            "Nine people were wounded as troops fired rubber bullets to disperse the crowd of teachers.",
            "assault.injure",
            "Excessive force against protesters",
        ),
        (
            "Six protesters were shot dead outside the governor's office.",
            "assault",
            "Excessive force against protesters",
        ),
        # the crowd fought first: the demonstration turned violent, whatever the police did
        (
            "Students hurled stones at the police station. Officers used water cannon to disperse the crowd.",
            "assault.repression",
            "Violent demonstration",
        ),
        ("Three protesters were killed as rioting spread across the capital.", "assault.kill", "Violent demonstration"),
        (
            "Two more demonstrators have been killed in the capital, where clashes with police went on overnight.",
            "assault.kill",
            "Violent demonstration",
        ),
        # no casualties: an intervention
        (
            "Police used tear gas to disperse a rally of farmers outside parliament.",
            "assault.repression",
            "Protest with intervention",
        ),
    ],
)
def test_generic_assault_gets_a_sub_type(
    events: Callable[[str], list[EventMention]], text: str, pattern: str, expected: str
) -> None:
    assert expected in sub_types(events(text), pattern)


def test_protest_dispersed_with_teargas_is_an_intervention(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Hundreds of students protested in the capital. Police used teargas to disperse them.")
    assert sub_types(mentions, "protest.demonstrate") == {"Protest with intervention"}


def test_peaceful_protest_stays_peaceful(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Teachers protested outside the ministry over unpaid wages.")
    assert sub_types(mentions, "protest.demonstrate") == {"Peaceful protest"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police detained dozens of students as they protested outside the ministry.", "Protest with intervention"),
        # an earlier arrest is what the protest is about, not an intervention in it
        ("Teachers protested outside the ministry against the arrest of their union leader.", "Peaceful protest"),
    ],
)
def test_arrests_at_a_protest_are_an_intervention(
    events: Callable[[str], list[EventMention]], text: str, expected: str
) -> None:
    assert sub_types(events(text), "protest.demonstrate") == {expected}


def test_weapons_fired_at_positions_is_an_assault(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Army units fired small arms at rebel positions on the ridge.")
    assert sub_types(mentions, "assault.fire_weapons") == {"Armed clash"}


def test_seizing_a_town_is_not_disrupted_weapons_use(events: Callable[[str], list[EventMention]]) -> None:
    assert "Disrupted weapons use" not in sub_types(events("Rebels seized the town of Kidal."), "coerce")


def test_a_surrender_is_an_agreement(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Forty rebels surrendered to the army in the northern province.")
    assert sub_types(mentions, "retreat.surrender") == {"Agreement"}


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Soldiers raped two women and killed their husbands in the village.", "assault.kill"),
        ("The gang abducted a schoolgirl and raped her.", "assault.abduct"),
        ("A shopkeeper was arrested after he molested a customer.", "assault.sexual"),
    ],
)
def test_violence_with_rape_is_sexual_violence(
    events: Callable[[str], list[EventMention]], text: str, pattern: str
) -> None:
    assert "Sexual violence" in sub_types(events(text), pattern)


def test_pushing_back_against_a_plan_takes_no_ground(events: Callable[[str], list[EventMention]]) -> None:
    assert not sub_types(events("The opposition party pushed back against the plan."), "coerce")


def test_a_bomb_test_is_no_bombing(events: Callable[[str], list[EventMention]]) -> None:
    assert not sub_types(events("The country carried out a test of a hydrogen bomb on Sunday."), "assault")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hundreds of families fled their villages as the fighting spread.", "Other"),
        ("Thousands of residents evacuated the border town before dawn.", "Other"),
        ("The rebels withdrew from the town overnight.", "Change to group/activity"),
        # "war" is the backdrop of most conflict news, not fighting at the withdrawal
        (
            "Government forces withdrew from the port city as the war entered its sixth year.",
            "Change to group/activity",
        ),
    ],
)
def test_civilians_fleeing_are_displacement_not_a_move_of_forces(
    events: Callable[[str], list[EventMention]], text: str, expected: str
) -> None:
    assert expected in sub_types(events(text), "retreat.withdraw")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The departing contingent handed the airbase over to the national army.",
            {"Non-violent transfer of territory"},
        ),
        (
            "Under the deal the militia ceded three villages to government control.",
            {"Non-violent transfer of territory"},
        ),
        ("Police handed the suspects over to prosecutors in the capital city.", set()),
    ],
)
def test_ground_handed_over_is_a_non_violent_transfer(
    events: Callable[[str], list[EventMention]], text: str, expected: set[str]
) -> None:
    assert sub_types(events(text), "retreat.hand") == expected
