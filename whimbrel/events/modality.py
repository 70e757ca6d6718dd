"""Modality of a trigger from the words that govern it.

Walk from the trigger up its chain of heads to the clause that reports it, and look for:

* a governing deny/reject/dismiss verb -> ``denied`` ("X denied carrying out the attack");
* a governing threaten/warn verb -> ``threatened`` ("threatened to strike");
* ``not``/``never``/``no`` on the trigger or on the verbs it depends on, or a governing
  refuse/decline/fail verb ("refused to meet", "failed to stop the mob") -> ``negated``;
* could/might/may/should/must, an ``if``/``unless`` clause, "possible"/"potential", or a governing
  demand ("demanded the arrest of", "called for the release of") -> ``hypothetical``;
  ``would`` is hypothetical when the sentence has an ``if``, otherwise intent reported in speech;
* will/shall/"going to", a governing plan/vow/agree/intend verb or a governing readiness adjective
  ("is willing to withdraw", "stands ready to help") -> ``intended``.

The first that applies, in that order, wins; otherwise ``asserted``. The walk stops at a verb of
saying, so "officials said X attacked" stays asserted (the attribution stage marks claims).
"""

from __future__ import annotations

from spacy.tokens import Token

from whimbrel.attribution.lexicon import speech_verbs
from whimbrel.model import Modality

DENY_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disavow"})
THREAT_VERBS = frozenset({"threaten", "warn"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "vow",
        "pledge",
        "promise",
        "agree",
        "aim",
        "prepare",
        "seek",
        "want",
        "decide",
        "hope",
        "offer",
        "propose",
        "resolve",
        "commit",
        "schedule",
        "expect",
        "consider",
        "mull",
        "try",
        "attempt",
        "plot",
        "swear",
    }
)
#: intent verbs that also mean carrying something out when they take the act as object
DOING_SENSE_VERBS = frozenset({"commit"})
#: "X is willing/ready/prepared to do Y": the doing is announced, not done
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "eager", "determined", "poised"})
#: "tried to assassinate", "an attempt to bomb": an attempt is the act itself, however it ended
ATTEMPT_WORDS = frozenset({"try", "attempt", "bid"})
#: "X refused to meet Y", "police failed to stop the mob": the action did not happen
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail"})
#: verbs that ask for an event: what is demanded has not happened ("demanded the arrest of X")
REQUEST_VERBS = frozenset({"demand", "urge", "request", "insist", "appeal", "petition"})
#: "should", "must", "ought to": an obligation, not a report ("the culprits must be arrested")
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "prospective", "hypothetical", "proposed", "planned"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


def _beyond_semicolon(token: Token) -> bool:
    """The token's clause and its head's are split by a semicolon: two statements the parser joined
    ("Demonstrators burned tyres; some tried to cut the fence" parses "burned" under "tried")."""
    head = token.head
    low, high = sorted((token.i, head.i))
    return any(c.text == ";" and low < c.i < high for c in head.children)


def governing_chain(trigger: Token) -> list[Token]:
    """The trigger and the heads above it, stopping after the first verb of saying and at a semicolon."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i and len(chain) < 8 and not _beyond_semicolon(token):
        token = token.head
        chain.append(token)
        if token.lemma_ in speech_verbs("reports_clause"):
            break
    return chain


#: Verbs that let their complement happen: what they allow is only as real as they are ("the deal
#: would allow us to start fighting" is a prospect, "did not allow the convoy to enter" a denial).
ENABLING_VERBS = frozenset({"allow", "enable", "permit", "let"})


def _local_chain(chain: list[Token]) -> list[Token]:
    """The part of the chain inside the trigger's own clause (before any clausal complement boundary,
    except the complement of a verb of enabling)."""
    local = []
    for token, above in zip(chain, [*chain[1:], None], strict=True):
        local.append(token)
        enabled = token.dep_ == "ccomp" and above is not None and above.lemma_ in ENABLING_VERBS
        if enabled:
            continue
        if token.dep_ in ("ccomp", "ROOT", "advcl", "relcl", "parataxis") or token.lemma_ in speech_verbs(
            "reports_clause"
        ):
            break
    return local


def _has_child(tokens: list[Token], deps: set[str], words: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for t in tokens for c in t.children)


def modality_of(trigger: Token) -> Modality:
    chain = governing_chain(trigger)
    above = chain[1:]
    local = _local_chain(chain)
    if any(t.lemma_ in DENY_VERBS for t in above):
        return "denied"
    if any(t.lemma_ in THREAT_VERBS for t in above):
        return "threatened"
    if _has_child(local, {"neg", "det"}, NEGATORS) or _refused(trigger):
        return "negated"
    if _is_hypothetical(trigger, local) or _requested(trigger):
        return "hypothetical"
    if _has_child(local, {"aux"}, FUTURE_AUX) or _going_to(local) or _intent_verb_governs(chain):
        return "intended"
    if any(t.lower_ in INTENT_ADJECTIVES and t.pos_ == "ADJ" for t in above):
        return "intended"
    if _has_child(local, {"aux"}, frozenset({"would"})):
        return "intended"
    return "asserted"


def _is_hypothetical(trigger: Token, local: list[Token]) -> bool:
    if _has_child(local, {"aux"}, HYPOTHETICAL_AUX):
        return True
    if _has_child(local, {"amod"}, HYPOTHETICAL_MODIFIERS):
        return True
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for t in local for c in t.children):
        return True
    sentence_has_condition = any(t.lower_ in CONDITION_MARKS and t.dep_ == "mark" for t in trigger.sent)
    return sentence_has_condition and _has_child(local, {"aux"}, frozenset({"would"}))


def _requested(trigger: Token) -> bool:
    """The trigger is what a demand asks for: "demanded the arrest", "called for the release".

    Only the verb's own object counts: in "called for an end to the fighting" or "requested a
    session, which met", the fighting and the meeting happened.
    """
    head = trigger.head
    if head.lemma_ in REQUEST_VERBS and trigger.dep_ in ("dobj", "xcomp", "ccomp"):
        return True
    # "called on the gunmen to surrender": "call on X to" asks as "urge" does
    to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    if head.lemma_ == "call" and trigger.dep_ in ("xcomp", "advcl", "ccomp") and to_infinitive:
        return True
    return head.lower_ == "for" and trigger.dep_ == "pobj" and head.head.lemma_ in REQUEST_VERBS | {"call"}


def _going_to(local: list[Token]) -> bool:
    return any(t.lower_ == "going" and any(c.lower_ == "to" for c in t.children) for t in local) or any(
        t.head.lower_ == "going" and t.dep_ == "xcomp" for t in local
    )


def _refused(trigger: Token) -> bool:
    """The trigger is what its governing verb refuses: "refused to deploy", "declined to resign"."""
    return trigger.dep_ == "xcomp" and trigger.head.lemma_ in REFUSAL_VERBS


def is_attempt(trigger: Token) -> bool:
    """An attempted action: "tried to kill", "an attempt to assassinate" (intended, yet carried out)."""
    return any(t.lemma_ in ATTEMPT_WORDS for t in governing_chain(trigger)[1:])


def _intent_verb_governs(chain: list[Token]) -> bool:
    """A plan/vow/agree... verb governs the trigger, but not as its object where the verb also means
    doing: "committed to withdraw" announces, "committed atrocities" reports what was done."""
    for below, token in zip(chain, chain[1:], strict=False):
        if token.lemma_ in INTENT_VERBS and not (token.lemma_ in DOING_SENSE_VERBS and below.dep_ == "dobj"):
            return True
    return False
