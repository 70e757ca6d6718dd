"""Which word an exported event is anchored on: the predicate verb of its clause.

CAMEO and PETRARCH code an event on the clause's predicate verb, and so do the gold sets that
mark one event verb per sentence. When a verb and a noun of one sentence tell the same event,
whimbrel codes it on the noun, where its type is read ("launched an offensive" is an attack,
"were killed in an air strike" an air strike), and notes the verbs in ``told_by``:

- a light or support verb whose object the noun is: "launched an offensive", "carried out raids";
- a verb saying the noun's event happened: "the explosion occurred", "fighting erupted";
- a result verb merged into the noun as its cause: "were killed in an attack", "the blast destroyed".

The exported :class:`whimbrel.model.Event` is anchored on the highest of those verbs in the parse
(the one the others hang below: "detonated" of "a bomber detonated himself, killing three"),
and the noun moves to ``told_by``. A verb that is the trigger of an event of its own is not taken
as an anchor (the noun then stays the trigger), and a verb trigger keeps its own word.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

from whimbrel.nlp.extensions import EventMention


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def anchor_of(mention: EventMention, coded: Collection[int] = ()) -> Token:
    """The word the exported event is anchored on; ``coded`` are the indices of the Doc's own
    event triggers, which are no anchor for another event."""
    trigger = mention.trigger
    if trigger.pos_ == "VERB":
        return trigger
    verbs = [w for w in mention.told_by if w.pos_ in ("VERB", "AUX") and w.i not in coded and w.i != trigger.i]
    if not verbs:
        return trigger
    return min(verbs, key=lambda w: (_depth(w), w.i))


def anchored_words(mention: EventMention, coded: Collection[int] = ()) -> tuple[Token, list[Token]]:
    """The anchor and the other words telling the event, in sentence order (the noun among them
    when the anchor is a verb)."""
    anchor = anchor_of(mention, coded)
    others = {w.i: w for w in (mention.trigger, *mention.told_by) if w.i != anchor.i}
    return anchor, [others[i] for i in sorted(others)]
