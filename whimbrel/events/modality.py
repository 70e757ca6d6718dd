"""Modality of a trigger from the words that govern it.

Walk from the trigger up its chain of heads to the clause that reports it, and look for:

* a governing deny/reject/dismiss verb -> ``denied`` ("X denied carrying out the attack");
* a governing threaten/warn verb -> ``threatened`` ("threatened to strike");
* ``not``/``never``/``no`` on the trigger or on the verbs it depends on, or a governing
  refuse/decline/fail verb ("refused to meet", "failed to stop the mob") -> ``negated``;
* could/might/may/should/must, an ``if``/``unless`` clause, "possible"/"potential", or a governing
  demand ("demanded the arrest of", "called for the release of") -> ``hypothetical``;
  ``would`` is hypothetical when the sentence has an ``if``, otherwise intent reported in speech;
  so is what a demanded clause says ("demanded that X cancel plans to sell arms"), and an act
  others forecast ("X is expected to visit"), and what an act not yet done is to counter ("ready to
  counter any attack");
* will/shall/"going to", a governing plan/vow/agree/intend verb or a governing readiness adjective
  ("is willing to withdraw", "stands ready to help") -> ``intended``. A relative clause is not
  governed by the verb its noun hangs from ("sought help after a spill at a plant that released gas"),
  nor a clause of time or cause ("aimed at ... as protests entered their tenth day").

The first that applies, in that order, wins; otherwise ``asserted``. The walk stops at a verb of
saying, so "officials said X attacked" stays asserted (the attribution stage marks claims).
"""

from __future__ import annotations

from spacy.tokens import Token

from whimbrel.attribution.lexicon import speech_verbs
from whimbrel.events.roles import verb_is
from whimbrel.model import Modality
from whimbrel.nlp.extensions import EventMention

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
#: verbs whose object is another act, met, ended or kept off: "ready to counter any attack", "to end the fighting"
COUNTERING_VERBS = frozenset(
    {"counter", "repel", "repulse", "prevent", "avert", "thwart", "foil", "deter", "forestall", "end", "stop", "halt"}
)
#: verbs whose subject is the event that occurs: "talks will take place", "an attack could happen"
OCCURRENCE_VERBS = frozenset(
    {"happen", "occur", "take", "begin", "start", "resume", "continue", "proceed", "go", "come", "follow", "last", "be"}
)
#: verbs whose passive subject is the event they bring about: "talks will be held", "a strike was called"
HOLDING_VERBS = frozenset({"hold", "stage", "call", "organise", "organize", "plan", "schedule", "convene", "mount"})
#: verbs of foreseeing: in the passive ("is expected to") they forecast an act nobody announced
FORECAST_VERBS = frozenset({"expect", "predict", "forecast"})
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


def _outside_governance(token: Token) -> bool:
    """The word's head does not govern it: the word is the subject of a verb other than one of
    occurring ("the destruction of the trucks would deepen suffering": the destruction happened, unlike
    "talks will take place"), or of being held ("talks will be held", "a strike could be called")."""
    subject = token.dep_ in ("nsubj", "nsubjpass", "csubj") and token.pos_ in ("NOUN", "PROPN")
    held = token.dep_ == "nsubjpass" and verb_is(token.head, HOLDING_VERBS)
    return (subject and token.head.lemma_ not in OCCURRENCE_VERBS and not held) or _reacted_to(token)


#: Nouns of reacting: "in response to X", "in retaliation for X" presuppose that X happened.
REACTION_NOUNS = frozenset({"response", "retaliation", "reaction", "reprisal", "revenge"})


def _reacted_to(token: Token) -> bool:
    """What a reaction answers ("would not expel diplomats in response to the sanctions"): the
    sanctions were imposed whatever the reaction's verb says, unless they are only foreseen
    ("will retaliate in response to any attack")."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("to", "for", "against") or prep.head.lemma_ not in REACTION_NOUNS:
        return False
    return not any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.children)


def governing_chain(trigger: Token) -> list[Token]:
    """The trigger and the heads above it, stopping after the first verb of saying, at a semicolon,
    and at a subject (see :func:`_outside_governance`)."""
    chain = [trigger]
    token = trigger
    while (
        token.head.i != token.i and len(chain) < 8 and not _beyond_semicolon(token) and not _outside_governance(token)
    ):
        token = token.head
        chain.append(token)
        if token.lemma_ in speech_verbs("reports_clause"):
            break
    return chain


#: Verbs that let their complement happen: what they allow is only as real as they are ("the deal
#: would allow us to start fighting" is a prospect, "did not allow the convoy to enter" a denial).
ENABLING_VERBS = frozenset({"allow", "enable", "permit", "let"})


#: Tags of a verb with a tense of its own: a conjunct so marked is not under its head's auxiliary
#: ("said the move would amount to war and demanded a withdrawal": the demand was made). Not VBP,
#: which has the base form's spelling: the tagger gives it to "will keep troops and continue ...".
FINITE_TAGS = frozenset({"VBD", "VBZ"})


def _local_chain(chain: list[Token]) -> list[Token]:
    """The part of the chain inside the trigger's own clause (before any clausal complement boundary,
    except the complement of a verb of enabling, and before the head of a conjunct with a tense of
    its own)."""
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
        if token.dep_ == "conj" and token.tag_ in FINITE_TAGS and above is not None and above.pos_ in ("VERB", "AUX"):
            break
    return local


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


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
    if _has_child(local, {"neg", "det"}, NEGATORS) or is_refused(trigger):
        return "negated"
    if (
        _is_hypothetical(trigger, local)
        or _countered_in_prospect(trigger)
        or _requested(trigger)
        or _inside_request(trigger)
        or _forecast_governs(chain)
    ):
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
    if trigger.dep_ in ("acl", "ccomp") and any(
        c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in trigger.children
    ):
        # "its demand that Israel ease the restrictions", "an appeal to lay down arms"; the parser
        # may hang the clause on the verb whose object the demand is ("repeated its demand that ...")
        asking = (
            [head]
            if head.pos_ == "NOUN"
            else [c for c in head.children if c.dep_ == "dobj" and trigger.dep_ == "ccomp"]
        )
        if any(noun.lemma_ in REQUEST_VERBS for noun in asking):
            return True
    return head.lower_ == "for" and trigger.dep_ == "pobj" and head.head.lemma_ in REQUEST_VERBS | {"call"}


#: Links by which a word is part of what its clause says will be done: an object, a complement, a
#: coordinated act, or a plan noun's infinitive ("cancel plans to sell").
ASKED_CONTENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "conj", "acl"})


def _inside_request(trigger: Token) -> bool:
    """The trigger is part of an act a demand asks for: "demanded that X cancel plans to sell arms"
    (the sale is not reported as done), "its demand that X ease restrictions".

    Only through objects and complements: a participle describing a thing ("property seized in
    1970") and an adverbial clause ("urged them to leave after the rebels attacked") report what
    happened."""
    token = trigger
    while token.dep_ in ASKED_CONTENT_DEPS and token.head.i != token.i:
        if token.dep_ == "acl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False
        if token is not trigger and token.pos_ in ("VERB", "AUX") and _requested(token):
            return True
        token = token.head
    return token is not trigger and token.pos_ in ("VERB", "AUX") and _requested(token)


def _going_to(local: list[Token]) -> bool:
    return any(t.lower_ == "going" and any(c.lower_ == "to" for c in t.children) for t in local) or any(
        t.head.lower_ == "going" and t.dep_ == "xcomp" for t in local
    )


def is_refused(trigger: Token) -> bool:
    """The trigger is what its governing verb refuses: "refused to deploy", "declined to resign"."""
    return trigger.dep_ == "xcomp" and trigger.head.lemma_ in REFUSAL_VERBS


def is_attempt(trigger: Token) -> bool:
    """An attempted action: "tried to kill", "an attempt to assassinate" (intended, yet carried out)."""
    return any(t.lemma_ in ATTEMPT_WORDS for t in governing_chain(trigger)[1:])


def _intent_verb_governs(chain: list[Token]) -> bool:
    """A plan/vow/agree... verb governs the trigger, but not as its object where the verb also means
    doing: "committed to withdraw" announces, "committed atrocities" reports what was done."""
    governors = _clause_governors(chain)
    for below, token in zip(chain, governors, strict=False):
        if _forecast(token):
            return False
        if token.lemma_ in INTENT_VERBS and not (token.lemma_ in DOING_SENSE_VERBS and below.dep_ == "dobj"):
            return True
    return False


def _countered_in_prospect(trigger: Token) -> bool:
    """The trigger is what an act not yet done is to counter: "the navy is ready to counter any
    attack" announces the countering; the attack is only foreseen (and is not the navy's)."""
    head = trigger.head
    if trigger.dep_ != "dobj" or head.lemma_ not in COUNTERING_VERBS:
        return False
    return modality_of(head) in ("intended", "hypothetical")


def _clause_governors(chain: list[Token]) -> list[Token]:
    """The words above the trigger up to a relative clause's noun: "the plant that released gas"
    is described by its clause, not governed by the verb the plant hangs from."""
    governors = []
    for below, token in zip(chain, chain[1:], strict=False):
        if below.dep_ == "relcl" or (below.dep_ == "advcl" and _child(below, "mark") is not None):
            # nor is a clause of time or cause: "aimed at forcing the government out as protests
            # entered their tenth day" (a purpose infinitive, "to end the war", is governed)
            break
        governors.append(token)
    return governors


def _forecast_governs(chain: list[Token]) -> bool:
    return any(_forecast(t) for t in _clause_governors(chain))


def _forecast(token: Token) -> bool:
    """ "X is expected to visit", "prices are predicted to rise": others foresee it, X announced nothing."""
    return token.lemma_ in FORECAST_VERBS and any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


#: Modalities of an act not (yet) done: a plan, a promise, a condition, a threat.
UNREALISED_MODALITIES = frozenset({"intended", "hypothetical", "threatened"})


def is_unrealised(mention: EventMention) -> bool:
    """Whether the coded act has not happened, as far as the text says: it is only intended,
    supposed or threatened, or it was announced and coded as the promise or threat."""
    return mention.modality in UNREALISED_MODALITIES or bool(mention.extra.get("announced_act"))
