"""Events read from the target's side: a pattern's ``reverse`` code (PETRARCH's ``[032:033]``).

"X left for Y" is X visiting Y (032) and Y hosting X (033). The matcher records a pattern's
reverse code on its mentions; once actors are resolved (the target may come from the dictionary
roles), each mention with both a source and a target gives a second one, target to source.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from whimbrel.events.schema import TriggerPattern, cameo_to_plover
from whimbrel.nlp.extensions import EventMention

#: the key of ``EventMention.extra`` holding the reversed event's cameo, plover and mode
REVERSE_KEY = "reverse"


def reverse_fields(pattern: TriggerPattern) -> dict[str, Any]:
    """What a mention of ``pattern`` records so that its reversed event can be made later."""
    if pattern.reverse is None:
        return {}
    mapped = cameo_to_plover().get(pattern.reverse)
    mode = mapped.mode if mapped else pattern.plover_mode
    return {REVERSE_KEY: {"cameo": pattern.reverse, "plover": pattern.reverse_plover, "plover_mode": mode}}


def _has(mention: EventMention, role: str) -> bool:
    return getattr(mention, f"{role}_actor") is not None or getattr(mention, f"{role}_span") is not None


def reversed_mentions(mentions: list[EventMention]) -> list[EventMention]:
    """The target-to-source mention of every mention whose pattern has a reverse code and that
    has both actors."""
    out = []
    for mention in mentions:
        fields = mention.extra.get(REVERSE_KEY)
        if not fields or not (_has(mention, "source") and _has(mention, "target")):
            continue
        out.append(
            replace(
                mention,
                **fields,
                source_span=mention.target_span,
                target_span=mention.source_span,
                source_actor=mention.target_actor,
                target_actor=mention.source_actor,
                extra={k: v for k, v in mention.extra.items() if k != REVERSE_KEY},
            )
        )
    return out
