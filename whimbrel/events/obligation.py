"""Demands voiced as obligations: "Britain said Libya must hand over the suspects".

CAMEO codes a statement that another party must or should do something as a demand (root 10),
made by the speaker on the party named as the one obliged; the PLOVER codebook puts demands under
REQUEST. The action named in the clause has not happened and is not the event: the statement is.
A statement about one's own duty ("we must act", "it should help") is not a demand on anyone, so
the obliged party must be named (a name, a people, a sector word), and differ from the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from whimbrel.attribution.lexicon import speech_verbs
from whimbrel.events.roles import actor_span, is_actor_like

#: auxiliaries of obligation ("must", "should", "ought to")
OBLIGATION_AUX = frozenset({"must", "should", "ought"})


@dataclass(slots=True, frozen=True)
class ObligationDemand:
    clause: Token  # the verb of what must be done: the event's trigger
    statement: Token  # the verb of saying
    speaker: Span
    obliged: Span


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def obligation_demand(verb: Token) -> ObligationDemand | None:
    """The demand voiced by ``verb``'s clause, when it is "<speaker> <says> <party> must <verb>"."""
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children):
        return None
    statement = verb.head
    if verb.dep_ != "ccomp" or statement.lemma_.lower() not in speech_verbs("voices_demand"):
        return None
    obliged, speaker = _subject(verb), _subject(statement)
    if obliged is None or speaker is None or obliged.pos_ == "PRON" or not is_actor_like(obliged):
        return None
    if obliged.lemma_.lower() == speaker.lemma_.lower():
        return None
    return ObligationDemand(clause=verb, statement=statement, speaker=actor_span(speaker), obliged=actor_span(obliged))
