"""The tense of an event's clause, read from spaCy's morphology and auxiliaries.

The tense decides which way a bare date points: "attacked on Friday" is the last Friday,
"will meet on Friday" the next one.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

Tense = Literal["past", "present", "future"]

_VERBAL = {"VERB", "AUX"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
# Verbs whose infinitive complement has not happened yet: "plans to strike", "is to host",
# "is going to bomb", "vowed to retaliate".
_FUTURE_GOVERNORS = {
    "plan", "intend", "expect", "schedule", "set", "due", "go", "aim", "prepare", "vow", "pledge",
    "threaten", "promise", "hope", "want", "seek", "agree", "be", "propose", "decide",
}  # fmt: skip
# Passive participles that put their own clause in the future: "talks are scheduled for Friday".
_FUTURE_PARTICIPLES = {"schedule", "set", "due", "plan", "expect"}


def clause_verb(token: Token) -> Token | None:
    """The verb heading ``token``'s clause: the token itself if verbal, else its nearest verbal ancestor."""
    if token.pos_ in _VERBAL:
        return token
    return next((a for a in token.ancestors if a.pos_ in _VERBAL), None)


def tense_of(token: Token) -> Tense:
    """Past, present or future for the clause of ``token`` (a verb or a nominal trigger).

    Unknown (a verbless headline fragment) counts as past: news reports what has happened.
    """
    verb = clause_verb(token)
    if verb is None:
        return "past"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _has_future_auxiliary(auxiliaries):
        return "future"
    if _is_infinitive(verb, auxiliaries):
        return _infinitive_tense(verb)
    if verb.lemma_ in _FUTURE_PARTICIPLES and any(a.dep_ == "auxpass" for a in auxiliaries):
        return "future"
    if any("Past" in a.morph.get("Tense", []) for a in auxiliaries):
        return "past"
    if any(a.lemma_ == "have" for a in auxiliaries):
        return "past"  # "have arrested": the perfect reports a completed event
    if "Past" in verb.morph.get("Tense", []):
        # a finite past or a bare participle ("militants killed in the raid"); "are killed" is present
        return "present" if auxiliaries else "past"
    return "present" if "Pres" in verb.morph.get("Tense", []) or auxiliaries else "past"


def is_past_perfect(token: Token) -> bool:
    """Whether ``token``'s clause is in the pluperfect ("had been found"): a step back from the narrative."""
    verb = clause_verb(token)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


def _has_future_auxiliary(auxiliaries: list[Token]) -> bool:
    if not any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return False
    # "would have attacked" is a past counterfactual, not a future event
    return not any(a.lemma_ == "have" for a in auxiliaries)


def _is_infinitive(verb: Token, auxiliaries: list[Token]) -> bool:
    return "Inf" in verb.morph.get("VerbForm", []) and any(a.lower_ == "to" for a in auxiliaries)


def _infinitive_tense(verb: Token) -> Tense:
    """ "plans to strike" is future; "took off to conduct airstrikes" takes its governor's tense."""
    # spaCy makes a new Token object on each access: compare positions, not identities
    governor = clause_verb(verb.head) if verb.head.i != verb.i else None
    if governor is None:
        return "past"
    if governor.lemma_ in _FUTURE_GOVERNORS:
        return "future"
    return tense_of(governor)
