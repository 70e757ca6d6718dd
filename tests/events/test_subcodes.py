"""CAMEO sub-code patterns (patterns/subcodes.yaml): each refines its parent code's trigger without taking others."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.events.patterns import load_patterns
from whimbrel.events.schema import cameo_to_plover
from whimbrel.nlp.extensions import EventMention

Events = Callable[[str], list[EventMention]]


def codes_of(events: Events, text: str, trigger: str) -> set[str]:
    return {e.cameo for e in events(text) if e.trigger.text == trigger}


@pytest.mark.parametrize(
    ("text", "trigger", "cameo"),
    [
        ("Turkey requested the extradition of the cleric from the United States.", "requested", "0213"),
        ("The OSCE has pulled out its observers from the region.", "pulled", "1662"),
        ("The charity withdrew its aid workers from the province after the attack.", "withdrew", "1663"),
        ("Pakistan asked the IMF for a new loan to shore up its reserves.", "asked", "0231"),
        ("China urged Washington to lift sanctions on its technology firms.", "urged", "0254"),
        ("Germany pledged to send more air defense systems to Ukraine.", "pledged", "0332"),
        ("The embattled president offered to step down after the vote.", "offered", "0341"),
        ("The junta lifted the ban on opposition parties on Monday.", "lifted", "0812"),
        ("Rights groups demanded an independent investigation into the killings.", "demanded", "101"),
        ("The United Nations demanded an immediate ceasefire in the region.", "demanded", "107"),
        ("The prime minister refused to resign despite the scandal.", "refused", "1231"),
        ("The European Union refused to lift sanctions on Belarus.", "refused", "1244"),
        ("The rebels threatened to abandon peace talks with the government.", "threatened", "134"),
        ("North Korea threatened to use nuclear weapons against its neighbours.", "threatened", "1385"),
        ("Police were put on high alert across the capital ahead of the verdict.", "alert", "151"),
        ("Japan halted economic aid to the military government.", "halted", "1621"),
        ("The United Nations withdrew its peacekeepers from Mali at the end of the year.", "withdrew", "1661"),
    ],
)
def test_sub_code_wins_its_trigger(events: Events, text: str, trigger: str, cameo: str) -> None:
    assert codes_of(events, text, trigger) == {cameo}


@pytest.mark.parametrize(
    ("text", "trigger", "cameo"),
    [
        # "call for" + resignation stays with request.demand_resignation (another file's sub-code)
        ("Opposition leaders called for the resignation of the prime minister.", "called", "1041"),
        # a threat of force without a named kind stays the parent code
        ("The rebels threatened to attack the capital.", "threatened", "138"),
        # an intent verb next to force words is not an offer of military aid
        ("The militants vowed to destroy the tanks with missiles.", "vowed", "138"),
        # a cut with aid mentioned elsewhere in the sentence is not a cut in aid
        ("Services were cut for a year, and humanitarian access is still denied.", "cut", None),
    ],
)
def test_sub_code_leaves_other_triggers_alone(events: Events, text: str, trigger: str, cameo: str | None) -> None:
    assert codes_of(events, text, trigger) == ({cameo} if cameo else set())


def test_sub_codes_add_at_least_25_cameo_codes_and_follow_the_plover_table() -> None:
    patterns = load_patterns()
    sub = [p for p in patterns if p.id.startswith("subcode.")]
    elsewhere = {p.cameo for p in patterns if not p.id.startswith("subcode.")}
    assert len({p.cameo for p in sub} - elsewhere) >= 25
    assert len({p.cameo for p in patterns}) >= 150
    table = cameo_to_plover()
    # the mode is the one CAMEO2PLOVER gives the code, so a sub-code and its table entry never disagree
    assert all(p.plover_mode == table[p.cameo].mode for p in sub)


def test_withdrawal_demands_and_mass_expulsions_have_their_own_codes(events) -> None:  # type: ignore[no-untyped-def]
    (demand,) = [m for m in events("The council demanded the withdrawal of foreign troops.") if m.plover == "REQUEST"]
    assert demand.cameo == "106"
    (expulsion,) = events("Rights groups documented the mass expulsion of villagers.")
    assert expulsion.cameo == "201"
