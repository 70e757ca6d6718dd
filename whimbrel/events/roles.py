"""Source and target of a trigger, read off the dependency parse.

The rules, in order of use:

* a verb's source is its ``nsubj`` or its passive ``agent`` ("by X"); with neither, the source
  is inherited up an ``xcomp`` / ``conj`` / purpose-``advcl`` chain ("bombers took off ... to
  conduct airstrikes") or from the act whose aim or manner a gerund names ("with the goal of
  coordinating", see :mod:`whimbrel.events.purpose`), from the noun a ``relcl``/``acl`` verb modifies, and never for a passive
  verb without an agent (coordinated passives share one: "was shot and killed by X");
* a noun trigger's source is its possessor, a name, demonym or sector-word compound/modifier
  ("Russian airstrikes", "Israel's strikes", "coalition airstrikes"), its own "by" agent ("shelling
  by LNA forces", "a mine planted by militants"), or else the source of the verb it hangs from: as the object of
  a light verb ("conduct airstrikes") or through on/in/with ("took off on raids");
* targets come from the relations the pattern lists (``dobj``, ``nsubjpass``, ``prep:against``,
  ``acl:dobj`` for "raids targeting ISIS", ``between`` for "talks between X and Y"); a light
  verb's own prepositions count for its noun ("carried out strikes on ISIS");
* coordinated actors ("ISIS and allied Nusra Front militants") each give an actor;
* pronoun sources (he, she, it, they) are resolved to a subject of the previous sentence: the main
  clause's subject first, then the other subjects from last to first, taking the first whose
  person/number fits;
* a place is a target only when no non-place target exists ("strikes against ISIS in Syria").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from whimbrel.actors.dictionary import load_dictionaries
from whimbrel.attribution.lexicon import speech_verbs
from whimbrel.events.purpose import governing_act
from whimbrel.events.schema import TriggerPattern

#: Verbs whose noun object is the real event: "conduct airstrikes", "carry out raids".
LIGHT_VERBS = frozenset(
    {
        "conduct",
        "carry",
        "launch",
        "stage",
        "hold",
        "make",
        "mount",
        "wage",
        "begin",
        "start",
        "continue",
        "resume",
        "perform",
        "unleash",
        "step",
        "intensify",
        "undertake",
        "lead",
        "escalate",
        "have",
        "organize",
        "organise",
        "join",
        "go",
        "renew",
        "order",
        "plan",
        "sign",
        "reach",
        "announce",
        "impose",
        "declare",
        "grant",
        "give",
    }
)
#: Prepositions through which a noun trigger takes its verb's subject ("took off on raids").
BORROWING_PREPS = frozenset({"on", "in", "with"})
PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural"}
#: Possessive pronouns ("its invasion", "their withdrawal"); "her" only as a possessor, not an object.
POSSESSIVES = {"his": "person", "her": "person", "its": "thing", "their": "plural"}
ACTOR_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
PLACE_ENT_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: "who", "that", "which" opening a relative clause
RELATIVE_PRONOUN_TAGS = frozenset({"WP", "WDT"})
ACTOR_POS = frozenset({"NOUN", "PROPN"})
#: Verbs whose object, not subject, does what their xcomp says ("ordered troops to attack").
OBJECT_CONTROL_VERBS = frozenset(
    {
        "order",
        "force",
        "urge",
        "ask",
        "tell",
        "allow",
        "instruct",
        "command",
        "authorize",
        "authorise",
        "push",
        "pressure",
        "encourage",
        "invite",
        "send",
        "prompt",
        "persuade",
        "compel",
        "enable",
        "permit",
        "deploy",
    }
)
#: Entity types that are never actors: "strikes on Tuesday".
NON_ACTOR_ENT_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
QUANTITY_NOUNS = frozenset({"dozens", "hundreds", "thousands", "scores", "tens", "millions", "group", "number"})
SPAN_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case", "det:poss"})


@dataclass(slots=True)
class RoleResult:
    sources: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    source_from_pronoun: bool = False
    target_is_place: bool = False


def actor_span(head: Token) -> Span:
    """The actor phrase around ``head``: its compounds, modifiers and possessor; a name in full."""
    doc = head.doc
    counted = next((c for p in head.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), None)
    if head.lower_ in QUANTITY_NOUNS and counted is not None:
        left, right = head.i, counted.i  # "thousands of protesters": the protesters are the actor
        head = counted
    else:
        left, right = head.i, head.i
    for child in head.children:
        if child.dep_ in SPAN_DEPS or (child.dep_ == "appos" and child.pos_ == "PROPN"):
            sub = _modifier_tokens(child)
            left, right = min(left, sub[0].i), max(right, sub[-1].i)
        elif child.dep_ == "prep" and child.lower_ == "of" and head.ent_type_ not in ACTOR_ENT_TYPES:
            # "military forces of Armenia", "members of National Corps": the owner names the actor
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if owner is not None and (owner.pos_ == "PROPN" or owner.ent_type_ in ACTOR_ENT_TYPES):
                right = max(right, _modifier_tokens(owner)[-1].i, owner.i)
    if head.ent_type_ in ACTOR_ENT_TYPES:
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            left, right = min(left, ent.start), max(right, ent.end - 1)
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _modifier_tokens(modifier: Token) -> list[Token]:
    """A modifier's words without its own prepositional phrases and clauses: the parser hangs
    "On 7 May" on "presumed" in "On 7 May, presumed ISGS militants", and "located at X" on a name."""
    cut = {c.i for c in modifier.children if c.dep_ in ("prep", "acl", "relcl", "punct")}
    skipped = {t.i for i in cut for t in modifier.doc[i].subtree}
    return [t for t in modifier.subtree if t.i not in skipped]


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.conjuncts else [token]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    objs: list[Token] = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            objs.extend(c for c in prep.children if c.dep_ == "pobj")
    return objs


def _prep_objects_of(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _agent_objects(verb: Token) -> list[Token]:
    return [c for agent in verb.children if agent.dep_ == "agent" for c in agent.children if c.dep_ == "pobj"]


def verb_is(token: Token, verbs: frozenset[str]) -> bool:
    """Whether the word is one of ``verbs``, also when the lemmatizer strips too much ("staged" -> "stag")
    or too little: the regular inflections of the written form are tried as well."""
    if token.lemma_.lower() in verbs:
        return True
    word = token.lower_
    bases = []
    if word.endswith("ing"):
        bases += [word[:-3], word[:-3] + "e"]
    if word.endswith(("ed", "es")):
        bases += [word[:-2], word[:-1]]
    elif word.endswith(("d", "s")):
        bases.append(word[:-1])
    return any(base in verbs for base in bases)


@dataclass(slots=True, frozen=True)
class Reason:
    """An act told as the reason for another: "accused X of killing", "thanked X for helping"."""

    doer: Token  # the object said to have done it
    verb: Token  # the verb it is the reason of


def reason_of(gerund: Token) -> Reason | None:
    """The act a gerund after "of"/"for" on a verb's object names: its doer is that object ("accused
    the police of killing protesters"); the later gerunds of the list, which the parser hangs on the
    verb itself ("..., ignoring court orders and torturing detainees"), are reasons as well."""
    if gerund.tag_ != "VBG":
        return None
    head = gerund.head
    if gerund.dep_ == "pcomp" and head.lower_ in ("of", "for"):
        verb = head.head.head if head.head.dep_ == "dobj" else head.head
    elif gerund.dep_ == "advcl" and _child(gerund, "nsubj") is None:
        verb = head
        earlier = [g for p in verb.subtree if p.lower_ in ("of", "for") for g in p.children if g.dep_ == "pcomp"]
        if not any(g.tag_ == "VBG" and g.i < gerund.i for g in earlier):
            return None
    else:
        return None
    doer = _child(verb, "dobj")
    if verb.pos_ != "VERB" or doer is None or not is_actor_like(doer):
        return None
    return Reason(doer=doer, verb=verb)


def verb_source_heads(verb: Token, depth: int = 0) -> list[Token]:
    """The head token(s) of a verb's source, following control and coordination chains upward."""
    if depth > 4:
        return []
    reason = reason_of(verb)
    if reason is not None:
        return [reason.doer]
    subj = _child(verb, "nsubj")
    if subj is not None and subj.tag_ in RELATIVE_PRONOUN_TAGS and verb.dep_ == "relcl" and verb.head.pos_ in ACTOR_POS:
        # "the policemen who opened fire": "who" stands for the noun the clause describes; not for a
        # place named as where something was ("strikes on a hall in Sanaa, which killed 140")
        return [] if _named_as_location(verb.head) else [verb.head]
    if subj is not None:
        return [subj]
    agents = _agent_objects(verb)
    if not agents and is_passive(verb):
        # "was shot and killed by militants": coordinated passives share the one "by" agent;
        # "died in a drone strike by the alliance": the agent of the action that did it;
        # "were killed in police firing": the force that names the action did it
        for passive in (verb, *verb.conjuncts):
            agents = agents or _agent_objects(passive)
            agents = agents or [a for means in _means_nouns(passive) for a in _prep_objects(means, {"by"})]
            agents = agents or [a for means in _means_nouns(passive) for a in _means_force(means)]
    if agents or is_passive(verb):
        return agents
    if verb.tag_ == "VBG" and (by := _prep_objects(verb, {"by"})):
        return by  # a gerund read as a verb: "shelling by rebel forces"
    head = verb.head
    if head.i == verb.i:
        return _fronted_subject(verb)
    if verb.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "ROOT":
        # "a gendarme shot and killed a driver": the first verb misread as a noun keeps the subject
        # as its compound
        return _noun_modifier_sources(head)
    if verb.dep_ == "xcomp" and is_passive(head) and not _agent_objects(head):
        # "X was seen to break into ...", "X is expected to visit": the raised subject acts
        return [c for c in head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "xcomp":
        obj = _child(head, "dobj")
        return [obj] if obj is not None and verb_is(head, OBJECT_CONTROL_VERBS) else verb_source_heads(head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return verb_source_heads(head, depth + 1)
    act = governing_act(verb) if verb.dep_ in ("pcomp", "acl") else None
    if act is not None:
        # "set up a centre with the goal of coordinating", "responded by bombing": the doer of the
        # act whose aim or manner the verb names
        return verb_source_heads(act, depth + 1)
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
        # "X is about to restore ...", "X is ready to talk": the predicate's subject acts
        return verb_source_heads(head, depth + 1)
    if (
        verb.tag_ == "VBG"
        and verb.dep_ in ("dobj", "acl")
        and _done_by_light_verb(verb if verb.dep_ == "dobj" else head)
    ):
        # "carried out a shooting" read as a gerund, "launched an attack targeting X", "carried out a
        # drive-by shooting" (the shooting hung on "drive"): the light verb's subject acts
        return verb_source_heads(head if verb.dep_ == "dobj" else head.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    return []


#: Prepositions that name where something is: a place after one is a location, not an actor.
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around"})


def _named_as_location(noun: Token) -> bool:
    return is_place(noun) and noun.dep_ == "pobj" and noun.head.lower_ in LOCATION_PREPS


def _done_by_light_verb(noun: Token) -> bool:
    """Whether the word is the object of a light verb and names no actor itself ("carried out a drive")."""
    return noun.dep_ == "dobj" and verb_is(noun.head, LIGHT_VERBS) and not is_actor_like(noun)


#: Sectors whose words, as a noun's modifier, name who acted ("police raid", "army shelling"); the
#: others' words mostly say where or to whom ("village raid", "hospital attack", "school bombing").
ACTING_SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "INS", "UAF", "OPP", "SPY", "CRM", "PTY", "LAB"})


@lru_cache(maxsize=1)
def sector_nouns() -> frozenset[str]:
    """One-word names of the acting sectors in the bundled dictionary ("police", "army", "gunmen")."""
    sectors = load_dictionaries().sectors
    words = (w for sector in ACTING_SECTORS if sector in sectors for w in sectors[sector].words)
    return frozenset(w.lower() for w in words if " " not in w)


#: Prepositions that introduce the action by which something was done ("killed in an airstrike").
MEANS_PREPS = frozenset({"in", "during", "following", "after"})


def _means_nouns(verb: Token) -> list[Token]:
    """Nouns of the action a passive verb happened in: "killed in an airstrike", "following an operation"."""
    preps = [c for c in verb.children if c.dep_ in ("prep", "xcomp") and c.lower_ in MEANS_PREPS]
    return [o for p in preps for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]


def _means_force(means: Token) -> list[Token]:
    """The acting force a means noun names: "police" in "in police firing", which the parser reads either
    as a compound of the noun or, with "firing" taken for a participle, as the object itself."""
    if means.lower_ in sector_nouns() and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in means.children):
        return [means]
    return [c for c in means.children if c.dep_ == "compound" and c.lower_ in sector_nouns()]


def _fronted_subject(verb: Token) -> list[Token]:
    """The subject the parser hung on a fronted place: "In Tripoli, Libya, armed men (who ...) attacked"
    parses "men" as an apposition of the place. The noun right before the main verb, skipping its
    relative clause, is then the subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return []
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ != "punct":
        token = doc[i]
        clause = next((a for a in [token, *token.ancestors] if a.dep_ in ("relcl", "acl") and a.i < verb.i), None)
        if clause is not None and clause.head.i < i:
            i = clause.head.i  # jump to the noun the clause describes
            continue
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("appos", "conj", "npadvmod", "dep"):
            return [] if is_place(token) else [token]
        if token.dep_ not in SPAN_DEPS and token.dep_ not in ("nummod", "det", "advmod", "quantmod"):
            return []
        i -= 1
    return []


def _noun_modifier_sources(noun: Token) -> list[Token]:
    mods = [c for c in noun.children if c.dep_ == "poss"]
    mods += [
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod")
        and (c.ent_type_ in ACTOR_ENT_TYPES or c.pos_ == "PROPN" or c.lower_ in sector_nouns())
    ]
    return mods


def _noun_agents(noun: Token) -> list[Token]:
    """ "shells by LNA forces", "a landmine planted by an armed group": the noun's own "by" agent."""
    agents = _prep_objects(noun, {"by"})
    agents += [a for acl in noun.children if acl.dep_ == "acl" for a in _agent_objects(acl)]
    return agents


def noun_source_heads(noun: Token, depth: int = 0) -> list[Token]:
    mods = _noun_modifier_sources(noun) or _noun_agents(noun)
    if mods:
        return mods
    head = noun.head
    # "Egypt launched a mediation effort between Chad and Sudan": who launched it acts
    light_subject = verb_source_heads(head) if noun.dep_ == "dobj" and verb_is(head, LIGHT_VERBS) else []
    between = _between_objects(noun)
    if between and not light_subject:
        return between[:1]
    if light_subject:
        return light_subject
    if noun.dep_ == "pobj" and head.lower_ in MEANS_PREPS and is_passive(head.head):
        return _agent_objects(head.head)  # "died in a drone strike by the alliance"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and depth < 3:
        # "a round of talks", "a stage of talks", "a wave of strikes": the frame noun's actor
        return noun_source_heads(head.head, depth + 1)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BORROWING_PREPS:
        verb = head.head
        # "X are in talks with Y" borrows the copula's subject as well as a full verb's
        if verb.pos_ in ("VERB", "AUX") and not verb_is(verb, speech_verbs("talks_about")) and not is_passive(verb):
            return verb_source_heads(verb)
    return []


def _between_objects(noun: Token) -> list[Token]:
    objs = _prep_objects(noun, {"between", "among"})
    return [t for obj in objs for t in with_conjuncts(obj)]


#: nouns counting acts, through which a light verb's object is the acts: "launched a string of attacks"
SERIES_NOUNS = frozenset(
    {"string", "series", "wave", "spate", "round", "barrage", "volley", "salvo", "flurry", "number"}
)


def light_verb_of(noun: Token) -> Token | None:
    """The light verb whose object the noun is ("carried out raids", "granted asylum", "launched a
    wave of attacks"), if any."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in SERIES_NOUNS:
        noun = noun.head.head
    if noun.dep_ == "dobj" and verb_is(noun.head, LIGHT_VERBS):
        return noun.head
    return None


#: Verbs that only say an event noun, their subject, happened: "the attacks occurred", "protests took place".
OCCURRENCE_VERBS = frozenset({"occur", "happen", "erupt", "break", "explode", "detonate", "unfold", "rage", "take"})


def occurrence_verb_of(noun: Token) -> Token | None:
    """The verb saying the noun's event happened ("fighting erupted", "protests took place"), if any;
    "take" and "break" only as "take place" and "break out"."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or not verb_is(verb, OCCURRENCE_VERBS):
        return None
    if verb.lemma_ == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
        return None
    if verb.lemma_ == "break" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None
    return verb


#: what an act leaves people as: "the fighting left 36 dead", "a bomb attack left 15 killed"
LEFT_AS = frozenset({"dead", "killed", "wounded", "injured", "hurt", "homeless", "displaced"})


def outcome_verb_of(noun: Token) -> Token | None:
    """The verb saying what the noun's event, its subject, left behind ("the fighting has left 36
    dead", "the raid left 15 people wounded"), if any."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "leave":
        return None
    said = [t for c in verb.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "acomp") for t in c.subtree]
    return verb if any(t.lower_ in LEFT_AS for t in said) else None


def _direct_objects(verb: Token) -> list[Token]:
    """The verb's objects. A second "object" after a clause of its own ("use a base to bomb ISIS,
    Syrian rebels") is the small parser hanging the clause's object on the wrong verb."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    clauses = [c.i for c in verb.children if c.dep_ in ("xcomp", "advcl", "ccomp")]
    return [o for o in objects if o is objects[0] or not any(objects[0].i < k < o.i for k in clauses)]


def _relation_targets(token: Token, relation: str) -> list[Token]:
    if relation.startswith("prep:"):
        return _prep_objects(token, {relation.removeprefix("prep:")})
    if relation == "acl:dobj":
        acls = [acl for acl in token.children if acl.dep_ in ("acl", "relcl")]
        return [o for acl in acls for o in acl.children if o.dep_ == "dobj"]
    if relation == "between":
        return _between_objects(token)[1:2]
    if relation == "dobj":
        return _direct_objects(token)
    if relation in ("nsubjpass", "dative"):
        found = [c for c in token.children if c.dep_ == relation]
        # a dative "to" ("granted asylum to twelve journalists") stands for its object
        return [o for c in found for o in (_prep_objects_of(c) or [c])]
    return []


#: Participles the small parser often reads as a coordinated verb: "bombed ISIS and allied militants".
ATTRIBUTIVE_PARTICIPLES = frozenset({"ally", "affiliate", "link", "associate", "align"})


def _misparsed_conjuncts(obj: Token) -> list[Token]:
    """Objects of a subjectless verb right after "<obj> and": "ISIS and allied Nusra militants"."""
    doc = obj.doc
    if obj.i + 2 >= len(doc) or doc[obj.i + 1].lower_ not in ("and", ","):
        return []
    verb = doc[obj.i + 2]
    if verb.lemma_ not in ATTRIBUTIVE_PARTICIPLES or verb.dep_ != "conj" or _child(verb, "nsubj") is not None:
        return []
    return [o for o in verb.children if o.dep_ == "dobj"]


def _in_aid_of_objects(noun: Token) -> list[Token]:
    """Whom an act is done for when it is done "in <event noun> of X" ("sent troops in support of
    the governor", "marched in protest of the verdict"): X is the noun's target. Only the bare noun
    after "in": in "with the support of Ruritania" or "the backing of X" the X is often the giver."""
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return []
    if any(c.dep_ in ("det", "poss") for c in noun.children):
        return []
    return _prep_objects(noun, {"of"})


def target_heads(trigger: Token, pattern: TriggerPattern) -> list[Token]:
    heads: list[Token] = []
    holders = [trigger]
    light = light_verb_of(trigger)
    if light is not None:
        holders.append(light)
    # "launched a wave of attacks": the counting noun is the light verb's object, not a target
    counting = {trigger.i, trigger.head.head.i} if light is not None and trigger.dep_ == "pobj" else {trigger.i}
    for relation in pattern.roles.target:
        for holder in holders:
            found = _relation_targets(holder, relation)
            found += [extra for t in found for extra in _misparsed_conjuncts(t)]
            heads.extend(
                t for t in found if t not in heads and t.i not in counting and t.ent_type_ not in NON_ACTOR_ENT_TYPES
            )
    heads.extend(t for t in _in_aid_of_objects(trigger) if t not in heads and t.ent_type_ not in NON_ACTOR_ENT_TYPES)
    actors = [h for h in heads if is_actor_like(h)]
    if actors:
        return actors
    # What was given, offered or lifted is no actor: the target is who receives it.
    recipients = _recipients(holders + [c for c in trigger.children if c.dep_ == "xcomp"])
    return recipients or heads


#: Prepositions that name who receives what a verb or its object gives: "aid to X", "arms for X".
RECIPIENT_PREPS = frozenset({"to", "for"})


def is_actor_like(token: Token) -> bool:
    """Could this word name an actor (a name, a people, a sector word) rather than a thing given?"""
    return (
        token.ent_type_ in ACTOR_ENT_TYPES
        or token.pos_ in ("PROPN", "PRON")
        or token.lower_ in sector_nouns()
        or token.lemma_.lower() in sector_nouns()
    )


def _recipients(holders: list[Token]) -> list[Token]:
    """Actor-like datives and to/for objects of the verbs, or of their objects ("aid to Mozambique")."""
    found: list[Token] = []
    for holder in holders:
        objects = [c for c in holder.children if c.dep_ == "dobj"]
        candidates = [c for c in holder.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        candidates += _prep_objects(holder, set(RECIPIENT_PREPS))
        candidates += [r for obj in objects for r in _prep_objects(obj, set(RECIPIENT_PREPS))]
        found += [c for c in candidates if is_actor_like(c) and c not in found]
    return found


def is_place(token: Token) -> bool:
    return token.ent_type_ in PLACE_ENT_TYPES


#: First-person plural pronouns: in a speaker's words they stand for the speaker's side.
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our"})


def _speakers_side(pronoun: Token) -> Span | None:
    """ "X said the deal would allow us to ...": inside what a speaker is reported as saying, "we"
    and "us" are the speaker (a minister speaks for the state, a spokesman for the group)."""
    info = (pronoun.doc._.sentence_info or {}).get(pronoun.sent.start)
    if info is None or info.speaker_span is None:
        return None
    inside = any(start <= pronoun.idx < end for start, end in info.reported_ranges)
    return info.speaker_span if inside else None


def resolve_pronoun(pronoun: Token) -> Span | None:
    """The subject of the previous sentence that the pronoun most plausibly stands for; for the
    subject of a reported clause, the reporting verb's subject ("Ethiopia indicated it would act");
    for "we" or "us" in a speaker's words, the speaker."""
    if pronoun.lower_ in FIRST_PERSON_PLURAL:
        return _speakers_side(pronoun)
    kind = POSSESSIVES.get(pronoun.lower_) if pronoun.dep_ == "poss" else PRONOUNS.get(pronoun.lower_)
    sent = pronoun.sent
    clause = pronoun.head
    if kind is not None and pronoun.dep_ == "poss":
        # "Israel mounted its invasion": a possessor refers to the subject of its own clause first
        owner = _clause_subject(pronoun.head)
        if owner is not None and _fits(owner, kind):
            return actor_span(owner)
    if kind is not None and pronoun.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp":
        reporter = _child(clause.head, "nsubj")
        if reporter is not None and reporter.pos_ != "PRON" and _fits(reporter, kind):
            return actor_span(reporter)
    if kind is None or sent.start == 0:
        return None
    previous = pronoun.doc[sent.start - 1].sent
    subjects = [t for t in previous if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"]
    main = [t for t in subjects if t.head.dep_ == "ROOT"]
    ordered = main + [t for t in reversed(subjects) if t not in main]
    for candidate in ordered:
        if _fits(candidate, kind):
            return actor_span(candidate)
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The source of the verb a noun hangs from (through its prepositions), if it is no pronoun."""
    verb = noun.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subtree = {t.i for t in noun.subtree}
    return next((h for h in verb_source_heads(verb) if h.pos_ != "PRON" and h.i not in subtree), None)


def _fits(token: Token, kind: str) -> bool:
    # "a group of diplomats held their meeting": a collective noun is "they"
    plural = token.tag_ in ("NNS", "NNPS") or bool(token.conjuncts) or token.lower_ in QUANTITY_NOUNS
    if kind == "person":
        return token.ent_type_ == "PERSON" or (token.pos_ == "NOUN" and not plural)
    if kind == "plural":
        return plural or token.ent_type_ in ("ORG", "GPE", "NORP")
    return not plural and token.ent_type_ != "PERSON"


def _expand(heads: list[Token]) -> list[Token]:
    """Each head with its coordinated actors, except inside "between X and Y" (that pair is source/target)."""
    out: list[Token] = []
    for head in heads:
        group = [head] if head.head.lower_ in ("between", "among") else with_conjuncts(head)
        if not any(c.dep_ == "cc" for t in group for c in t.children) and not all(is_place(t) for t in group):
            # "In Brasileia, Acre, health workers gathered": fronted places the parser lists with the
            # actor, with no "and" between them ("Gondor and the Arnor army" are two actors)
            group = [t for t in group if not is_place(t)]
        out.extend(t for t in group if t not in out)
    return out


def _spans(heads: list[Token]) -> tuple[list[Span], bool]:
    """Actor spans for the heads, pronouns resolved (or dropped); and whether a pronoun was resolved."""
    spans: list[Span] = []
    resolved_any = False
    for head in heads:
        if head.pos_ != "PRON":
            spans.append(actor_span(head))
            continue
        resolved = resolve_pronoun(head)
        if resolved is not None:
            spans.append(resolved)
            resolved_any = True
    return spans, resolved_any


def find_roles(trigger: Token, pattern: TriggerPattern) -> RoleResult:
    result = RoleResult()
    is_verb = trigger.pos_ in ("VERB", "AUX")
    source_heads = _expand(verb_source_heads(trigger) if is_verb else noun_source_heads(trigger))
    # "Monday's attack": a date or a bare number heads no actor ("thousands of students" does)
    source_heads = [h for h in source_heads if h.ent_type_ not in NON_ACTOR_ENT_TYPES or _child(h, "prep")]
    result.sources, result.source_from_pronoun = _spans(source_heads)
    heads = [h for h in _expand(target_heads(trigger, pattern)) if h not in source_heads]
    actors = [h for h in heads if not is_place(h)]
    result.target_is_place = bool(heads) and not actors
    result.targets, _ = _spans(actors or heads)
    # "X and Y met", and "X and Y will share facilities": what they share or discuss is no party
    no_party = not any(is_actor_like(h) for h in heads)
    if pattern.roles.reciprocal and no_party and len(result.sources) > 1:
        result.targets = result.sources[1:]
        result.sources = result.sources[:1]
    return result
