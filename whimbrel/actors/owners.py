"""Whose are the things an attack destroyed: the parties the same attack is named as aimed at.

"Bombers struck ISIS and Nusra positions, destroying five depots and three command posts": the
depots are not Syria's because they stand in Syria; they are the targets' (CAMEO codes the owner
of what was hit, not the thing). A destroyed target that names only things gives way to the named
targets of the attack of its sentence (same doer, or one event governing the other), each once:
the destroyed depots, camps and posts give one event aimed at ISIS and one at Nusra. A destroyed
thing with no such attack keeps the place convention (see :mod:`whimbrel.actors.context`): CAMEO's
coders give what was destroyed in a country to that country.
"""

from __future__ import annotations

from whimbrel.model import Actor
from whimbrel.nlp.extensions import EventMention

#: The type whose targets are what was struck, and so own the things struck in the same attack.
ATTACK_TYPES = frozenset({"ASSAULT"})
#: CAMEO code of destroying property: its things are what the attack hit ("exploded bombs" names
#: the means, which the attack's targets do not own).
DESTRUCTION_CODE = "1712"


def _named_target(mention: EventMention) -> Actor | None:
    """The mention's target if the text names it as an actor (not a thing, not inferred)."""
    actor = mention.target_actor
    if actor is None or actor.code is None or (actor.agent is None and actor.group is None):
        return None
    if any(key.startswith("target_") and key != "target_is_place" and value for key, value in mention.extra.items()):
        return None
    return actor


def _same_attack(thing: EventMention, other: EventMention) -> bool:
    if other is thing or other.plover not in ATTACK_TYPES or other.sent.start != thing.sent.start:
        return False
    if other.trigger in thing.trigger.ancestors or thing.trigger in other.trigger.ancestors:
        return True
    return thing.source_span is not None and other.source_span is not None and thing.source_span == other.source_span


def attack_owners(thing: EventMention, mentions: list[EventMention]) -> list[Actor]:
    """The named targets of the attack the thing was hit in, in order, each once."""
    if not thing.cameo.startswith(DESTRUCTION_CODE):
        return []
    owners: list[Actor] = []
    for other in mentions:
        owner = _named_target(other) if _same_attack(thing, other) else None
        if owner is not None and owner.code not in {o.code for o in owners}:
            owners.append(owner)
    return owners
