"""The role of each place in each event: the ``whimbrel_place_roles`` stage.

For every event mention, every place in its sentence gets one role, read off the dependency
parse between the place and the event:

* ``origin`` -- the place sits under "from"/"out of" ("took off from a base in Iran", "fired
  from Gaza");
* ``event`` -- it sits under a locative preposition ("in", "near", "across", "on" as in "strikes
  on Raqqa"), or is the subject of a passive or the object of the trigger ("Aleppo was shelled",
  "bombed Mosul"), or is coordinated with an event place ("in Aleppo, Deir el-Zor and Idlib");
* ``mentioned`` -- anything else, including demonyms ("Russian bombers"), places naming a long
  conflict the event is told as part of ("killed in Yemen's civil war"), place names opening a body's name, and places inside the
  source actor's words ("Iran's news agency"). A place inside the *target*'s words counts as
  event only under a locative preposition ("ISIS in Syria") or, for attacks and seizures, when
  the place is itself what was attacked or taken ("bombed Serbia", "airstrikes targeted Harib"),
  or for another act on the ground, when the target is the place itself ("patrolled Bamako").

A locative counts only within the event's own clause (:func:`in_event_clause`): the place of
the reporting source ("a police source in Ramadi said ..."), of a clause on the subject, or of
another subject's conjunct is ``mentioned``. A reference point ("160 km north of Baghdad", "40
km from Aden") is the event place only when the sentence gives no other. Of a place and its
parent division ("the Zafaraniyah district of Baghdad", "Ramadi, the capital of Anbar", a place "in" a known
place no finer than it: "Tal Rifaat in northern Aleppo") only the place is the event place; the parent locates it when the gazetteer does not know it or knows
only a namesake abroad ("the Hamburg village of Khost district").

A town resolved abroad from the one country all the sentence's divisions lie in takes its
namesake there, or gives way when the sentence's other places side with that country. A country
is demoted to ``mentioned`` when a finer event place lies inside it, a region, sea or
continent when any finer event place is given. A clause set against the event's own ("...,
while his brother was arrested in Quetta") tells of another event. A sentence with
no event place borrows the nearest earlier event place of an event of the same PLOVER type (or
the dateline place: a capitalised name opening the article only when set off by a comma, colon,
bracket or dash, as a dateline is, not a headline's "U.S. troops" or a slug's "IRAQ-BLAST", which
say nothing of where the story was filed), else, for the opening sentence, the first later one, else the article's only
place (all its resolved places being one place named at several levels, "Rubaya (Masisi,
Nord-Kivu)"), one precision level coarser; a report that names no place at all is set in its doer's country
(a group's or a government's, not a state army's); and it says so with
``extra["place_fallback"] = True``; a place the sentence names only to say whose a participant
is ("the U.S. soldier"), what the event is about ("protesting against a deal with China") or a
participant's common noun read as a town ("the Police seized ...") lends itself to none; nor
does, as the sentence's own place or country, a place set apart from the event: what qualifies
the doer ("refugees from Sudan demonstrated"), a time ("after
Israel's withdrawal") or a non-locative place of another clause ("raising fears of a race with
Pakistan"), for the doer's home, a date and another act's participant say nothing of where this
act was done (such a place still counts in telling whether the article names only one place, since
lending that one place keeps reports naming only their doer's home set in the right country);
an event place the gazetteer could not resolve takes the borrowed whereabouts instead of a
second place being added. Borrowing only
within one type keeps a meeting from inheriting the place of the strike reported before it;
borrowing forwards only for the opening sentence (a headline) keeps a claim from taking the
place of a different event reported later.

A sentence that only tells where the attackers came from ("The jets took off from the Hamadan
base") gives that place as the origin of the aerial and missile attacks reported before it,
replacing a coarser origin ("a base in Iran").
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from whimbrel.events.modality import is_unrealised
from whimbrel.events.roles import light_verb_of, occurrence_verb_of, sector_nouns
from whimbrel.geo.gazetteer import get_gazetteer
from whimbrel.geo.missions import mission_mentions
from whimbrel.geo.recognize import to_place
from whimbrel.model import Place, PlaceRole
from whimbrel.nlp.extensions import EventMention, PlaceMention, event_mentions_of, places_of, register_extensions

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "at",
        "across",
        "around",
        "inside",
        "outside",
        "throughout",
        "within",
        "on",
        "into",
        "over",
        "along",
        "outskirts",
        "towards",
        "toward",
        "to",
        "between",
        "through",
        "beyond",
        "behind",
        "off",
        "atop",
        "south",
        "north",
        "east",
        "west",
    }
)
ORIGIN_PREPS = frozenset({"from"})
#: prepositions of what an event is about or aimed at, whose own locatives are not the event's
TOPIC_PREPS = frozenset({"against", "about", "despite", "regarding", "concerning"})
# Dependents of the trigger that are what was acted on ("Aleppo was shelled", "bombed Mosul";
# the small parser sometimes labels such an object advmod/npadvmod).
EVENT_ARGUMENT_DEPS = frozenset({"nsubjpass", "dobj", "advmod", "npadvmod", "oprd", "attr"})
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "area",
        "province",
        "region",
        "district",
        "outskirts",
        "suburb",
        "suburbs",
        "capital",
        "neighborhood",
        "neighbourhood",
        "county",
        "governorate",
        "state",
        "port",
        "border",
        "centre",
        "center",
        "heart",
        "south",
        "north",
        "east",
        "west",
        "street",
        "countryside",
        "vicinity",
        "edge",
        "part",
        "hillside",
        "hill",
        "environs",
        "camp",
        "coast",
        "territory",
        "island",
        "municipality",
        "commune",
        "subdistrict",
        "sub-district",
        "prefecture",
        "quarter",
        "zone",
        "locality",
        "division",
        "parish",
        "township",
        "settlement",
        "valley",
        "lga",
        "woreda",
        "tehsil",
        "barangay",
        "oblast",
        "raion",
        "rayon",
        "wilaya",
        "canton",
        "department",
        "chiefdom",
    }
)
#: spots and sites inside a place: "in the courtyard of X", "on a central square of X", "patrolled
#: X's streets", "bombed X's airport" are in X
SPOT_NOUNS = frozenset(
    {"square", "courtyard", "entrance", "gate", "gates", "premises", "compound", "market", "streets", "road"}
    | {"street", "alleys", "avenue", "suburb", "suburbs", "airport", "hospital", "home", "jungle", "jungles"}
    | {"forest", "forests", "mountains", "hills", "waters", "peninsula", "outskirts", "neighbourhoods"}
    # a place known by what it is to someone: "the rebel stronghold of X", "the Red Sea resort of X"
    | {"stronghold", "strongholds", "bastion", "hometown", "resort", "resorts", "foothills", "enclave"}
)
#: parts and shares of a place: "fighting in the western sector of Aleppo", "captured half of
#: X", "on the northern flank of X" are in X (looked through like a place noun under "of")
PART_NOUNS = frozenset(
    {"half", "third", "thirds", "much", "most", "all", "percent", "portion", "portions", "rest", "remainder"}
    | {"bulk", "section", "sections", "parts", "sector", "sectors", "flank", "flanks", "pocket", "pockets"}
    | {"axis", "perimeter", "periphery", "edges", "fringes", "outskirt", "tip", "corner"}
    | {"slope", "slopes", "center", "centre", "heart", "middle", "swathe", "swathes", "swath", "swaths"}
)
#: settlement nouns: in "the Bavarian city of Passau" the name after "of" is the city
NAMED_BY_OF = frozenset(
    {"city", "town", "village", "neighbourhood", "neighborhood", "suburb", "port", "hamlet", "township", "camp"}
)
#: the words of "Ramadi, the capital of Anbar" or "the Bavarian city of Passau" besides place nouns
HIERARCHY_WORDS = frozenset({",", "(", "in", "of", "the", "a", "capital", "local", "government", "area"})
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west"}
)
#: words of a side of a place between its name and a part of it: "Baghdad's northern district of X"
SIDE_WORDS = DIRECTIONS | {f"{d}ern" for d in DIRECTIONS} | {"of", "central", "old", "new"}
DISTANCE_UNITS = frozenset({"km", "kilometer", "kilometre", "mile", "meter", "metre", "kms", "mi"})
# Verb-to-verb links that keep a place in the event's clause ("shot and killed in X", "killed
# when their helicopter came down in X", "went on to attack X"); see in_event_clause.
CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj"})
#: conjunctions opening an adverbial clause that tells of another event set beside the main one
CONTRAST_MARKS = frozenset({"while", "whereas", "whilst", "although", "though"})
TIME_MARKS = frozenset({"while", "whilst"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: events whose target, when it is a place, is where they happened ("bombed Serbia", "captured Kabul")
PLACE_TARGET_PLOVER = frozenset({"ASSAULT"})
PLACE_TARGET_MODES = frozenset({"seize"})
COARSER = {"point": "admin1", "admin1": "country", "country": "country"}
PRECISION_RANK = {"point": 0, "admin1": 1, "country": 2, None: 3}
#: verbs of setting out: their "from" place is where an attack came from
DEPARTURE_VERBS = frozenset({"take", "fly", "launch", "depart", "fire", "scramble", "leave", "set"})
#: attack modes whose origin is a launch site
LAUNCHED_MODES = frozenset({"aerial", "missile", "drone", "artillery", "rocket", "shelling"})
# Points further apart than this are different places, not one place named at several levels.
CLUSTER_KM = 50.0

#: PLOVER types of what happens on the ground: one of these, with no place of its own, may take the
#: place of an earlier one of another of these types ("they arrested a man" after a clash in X); a
#: meeting, a promise or a statement takes only an earlier one of its own type's place.
FIELD_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT", "SANCTION"})
# How far into the text a dateline place may start ("ALEPPO, Syria (Reuters) - ...").
DATELINE_CHARS = 40


def _head_path(tok: Token, stop: Token | None) -> list[Token]:
    """Ancestors of ``tok`` up to (not including) ``stop`` or the sentence root, nearest first."""
    path = []
    for anc in tok.ancestors:
        if anc == stop:
            break
        path.append(anc)
    return path


#: nouns of a long conflict that an event is told as part of: the place they name ("killed in
#: Syria's civil war", "died in the war in Iraq") is the war's, not where this event happened
BACKDROP_NOUNS = frozenset({"war", "conflict", "uprising", "revolution", "insurgency", "crisis"})


def _names_a_backdrop(mention: PlaceMention) -> bool:
    """Whether the place qualifies a long conflict's noun below the nearest verb (see
    :data:`BACKDROP_NOUNS`): "thousands died in Yemen's civil war". Such a
    place neither is the event's place nor lends itself to it."""
    for anc in _head_path(_coordination_root(mention.span.root), None):
        if anc.pos_ in ("VERB", "AUX"):
            return False
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in BACKDROP_NOUNS:
            return True
    return False


def _governing_prep(path: list[Token], topic_preps: frozenset[str] = TOPIC_PREPS) -> str | None:
    """The preposition that places the toponym, looking up through the nouns it modifies.

    "from" anywhere below the nearest verb wins ("from a base in Iran" is an origin); "of" under a
    place noun is looked through ("near the town of Hama" is "near"); a locative inside a phrase
    about something else is that thing's place ("protested against a war on Iraq"), unless that
    thing is what an attack hits (``topic_preps`` empty: "airstrikes against ISIS in Syria").
    """
    preps: list[str] = []
    below: Token | None = None  # the word the preposition governs, on the way up
    for anc in path:
        if anc.pos_ in ("VERB", "AUX"):
            break
        below, governed = anc, below
        if anc.dep_ != "prep" and anc.pos_ != "ADP":
            continue
        word = anc.lower_
        before = anc.doc[anc.i - 1] if anc.i > anc.sent.start else None
        if anc.text[0].isupper() and before is not None and before.lower_ in LOCATIVE_PREPS | ORIGIN_PREPS:
            # "in As Sabaa": the capitalised article of a transliterated name is no preposition
            word = before.lower_
        if word == "of" and anc.head.lower_ == "out":
            word = "from"  # "out of X"
        elif word == "of" and (anc.head.lemma_.lower() in PLACE_NOUNS | SPOT_NOUNS or _is_part(anc.head)):
            continue
        elif word == "of" and governed is not None and governed.lower_ in SPOT_NOUNS:
            continue  # "on the doorstep of his Lagos home": the home is in Lagos
        preps.append(word)
    if any(p in ORIGIN_PREPS for p in preps):
        return "from"
    topic = next((p for p in preps if p in topic_preps), None)
    return topic or (preps[0] if preps else None)


#: prepositions of where a movement ends
GOAL_PREPS = frozenset({"to", "into", "towards", "toward"})


def _goal_of_another_verb(event: EventMention, path: list[Token], prep: str | None) -> bool:
    """Whether the place is where another act's movement ended ("captured in Panama and taken to
    the United States", "Kurds who tried to flee to Turkey"): a goal says where the event was only
    for the verb that tells it."""
    if prep not in GOAL_PREPS:
        return False
    word = next((t for t in path if t.dep_ == "prep" and t.lower_ == prep), None)
    if word is None or word.head.pos_ not in ("VERB", "AUX"):
        return False
    told = {event.trigger.i, _clause_head(event).i, *(t.i for t in event.told_by)}
    return word.head.i not in told


def _inside(span: Span | None, mention: PlaceMention) -> bool:
    return span is not None and span.start_char <= mention.span.start_char and mention.span.end_char <= span.end_char


def _coordination_root(tok: Token) -> Token:
    """The first conjunct of a coordination ("Aleppo" for "Idlib" in "Aleppo, Deir el-Zor and Idlib")."""
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    return tok


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS for child in verb.children)


def _on_subject_side(tok: Token, stop: Token) -> bool:
    """Whether ``tok`` lies in a subject of a clause below ``stop`` ("Lane, traded to X, was shot")."""
    # the agent of a passive is its subject too ("killed by clans involved in clashes in X")
    return any(t.dep_ in SUBJECT_DEPS or t.dep_ == "agent" for t in (tok, *_head_path(tok, stop)))


def in_event_clause(event: EventMention, root: Token) -> bool:
    """Whether a place (by its head token) is said within the event's own clause.

    The place and the trigger meet at their lowest common ancestor. Between the place and that
    word, a verb must join as the event's own clause does (an adverbial clause, "killed when
    their helicopter came down in Basra"; a coordination, "killed, wounded and arrested in
    Kabul") or modify an object ("fired on positions located at Zamanly"): a verb modifying a
    subject ("Ortiz, who moved to Denver, was stabbed") or a preposition ("According to a source
    in Aleppo") says where something else was. Between the trigger and that word, a reported
    clause ("an official in Mosul said the explosion killed"), a conjunct with its own subject or a
    clause modifying a subject ("Ortiz, who moved to Denver, was stabbed in Omaha") means
    the place belongs to another event.
    """
    trigger_line = [event.trigger, *event.trigger.ancestors]
    place_line = [root, *root.ancestors]
    common = next((t for t in place_line if t in trigger_line), None)
    if common is None:
        return True
    between = place_line[1 : place_line.index(common)] + trigger_line[: trigger_line.index(common)]
    if any(_contrasting_clause(tok) for tok in between):
        return False  # "X was captured in Afghanistan, while Y was arrested on U.S. soil"
    for tok in place_line[1 : place_line.index(common)]:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in CLAUSE_LINKS:
            continue
        if tok.head == event.trigger:
            continue  # a clause on the trigger itself: "an IED planted in Karak detonated"
        if tok.dep_ in ("acl", "relcl") and not _on_subject_side(tok.head, common):
            continue
        return False
    # a fronted locative scopes over what follows ("In Foz do Iguacu, two were killed and three
    # were injured"), unless it sits in the subject ("A police source in Ramadi said ...")
    fronted = root.i < common.i and not _on_subject_side(root, common)
    if any(tok.lower_ in TOPIC_PREPS for tok in trigger_line[: trigger_line.index(common)]):
        return False  # "protested in Berlin against the raids": Berlin is the protest's, not the raids'
    for tok in trigger_line[: trigger_line.index(common)]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ in ("ccomp", "parataxis") or (tok.dep_ == "conj" and _has_subject(tok)):
            if fronted:
                continue
            return False
        # only a clause on a subject is surely another event: the small parser also hangs the
        # main verb of "On 9 May, in X, armed men carried out a shooting" as a noun's clause
        on_subject = tok.dep_ in ("relcl", "acl") and _on_subject_side(tok.head, common)
        if on_subject and tok.head not in (root, _carrier(root)):
            return False
    return True


def _contrasting_clause(tok: Token) -> bool:
    """A clause with a subject of its own set against another: "..., while a third targeted X"
    (a "while" without the comma is mostly "at the same time": "shot dead while a bystander was
    wounded in an attack in X" tells of one attack)."""
    if tok.dep_ != "advcl" or not _has_subject(tok):
        return False
    marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS]
    return any(m.lower_ not in TIME_MARKS or (m.i > 0 and m.doc[m.i - 1].text == ",") for m in marks)


#: how a verb hangs on the clause it depends on, when it tells an event of its own there
DEPENDENT_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "relcl", "ccomp", "parataxis"})


def _clause_head(event: EventMention) -> Token:
    """The verb whose clause tells the event: the trigger, or for a noun the verb carrying it
    ("launched an offensive", "the attacks occurred")."""
    trigger = event.trigger
    return light_verb_of(trigger) or occurrence_verb_of(trigger) or trigger


def _dominates(head: Token, tok: Token) -> bool:
    return head == tok or head in tok.ancestors


def _tells_its_own_event(verb: Token, above: Token) -> bool:
    """Whether a verb below ``above`` tells an act apart from it: not a verb coordinated with it on
    one subject ("shot and killed") nor its complement ("began to shell"), which tell one act."""
    if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and not _has_subject(verb)):
        return False
    return verb != above and above in verb.ancestors


def places_to_their_own_clauses(events: list[EventMention], mentions: dict[int, PlaceMention]) -> None:
    """Each event place of a sentence's events belongs to the nearest event clause that tells it.

    A place said inside the clause of another event below this one is that event's ("launched an
    assault in X, targeting the village of Y": Y is where the targeting was; "were killed after
    warplanes bombed Z": Z is where the bombing was); this event keeps it only when it would be
    left with no place and the lower clause has no subject of its own. And an event told in a
    dependent clause that names its own place does not take those of the clause above it
    ("targeting" has Y, not X), unless they open the sentence ("On 9 May, in X, ..."), which
    scopes over all it tells. ``mentions`` are the sentence's places by start character.
    """
    verbs = [e.trigger for e in events if e.trigger.pos_ == "VERB"]
    for event in events:
        head = _clause_head(event)
        told = {t.i for t in event.told_by} | {event.trigger.i}
        placed = [
            (p, _coordination_root(mentions[p.start].span.root))
            for p in event.places
            if p.role == "event" and p.start in mentions
        ]
        lower = [
            [v for v in verbs if v.i not in told and _tells_its_own_event(v, head) and _dominates(v, root)]
            for _, root in placed
        ]
        kept = [(p, root) for (p, root), below in zip(placed, lower, strict=True) if not below]
        # a subordinate clause with a subject of its own tells another event ("after warplanes bombed
        # Z"), unless it tells the same moment ("were killed when guards opened fire in Z"); a
        # coordinated one may only leave out its verb's repeated words ("one was killed and four
        # wounded in X")
        separate = any(_has_subject(v) and v.dep_ != "conj" and not _same_moment(v) for below in lower for v in below)
        if kept or separate:
            for (place, _), below in zip(placed, lower, strict=True):
                if below:
                    place.role = "mentioned"
        _keep_conjuncts_places_apart(head, told, kept)
        if head.pos_ != "VERB" or head.dep_ not in DEPENDENT_CLAUSE_DEPS:
            continue
        if any(_nearest_verb(root) == head for _, root in kept):
            for place, root in kept:
                if _nearest_verb(root) != head and not _fronted(root, head):
                    place.role = "mentioned"


def _keep_conjuncts_places_apart(head: Token, told: set[int], placed: list[tuple[Place, Token]]) -> None:
    """When the event's own verb names a place and a verb coordinated below it names another, each
    place is its own verb's ("was detained in Quito and deported to the United States", "was
    arrested in Honduras and is serving a sentence in the US"); a place only the last of the verbs
    names is said of them all ("were killed, wounded and arrested in Kabul")."""
    if not any(_nearest_verb(root) == head for _, root in placed):
        return
    for place, root in placed:
        verb = _nearest_verb(root)
        if verb is not None and verb != head and verb.i not in told and verb.dep_ == "conj" and head in verb.ancestors:
            place.role = "mentioned"


#: conjunctions opening a clause that tells what happened at the same moment as the main one
SAME_MOMENT_MARKS = frozenset({"when", "as", "while", "whilst"})


def _same_moment(verb: Token) -> bool:
    # the parser attaches "when" as advmod, "as" and "while" as mark
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in SAME_MOMENT_MARKS for c in verb.children)


def _nearest_verb(tok: Token) -> Token | None:
    """The verb of the clause a word is said in."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _fronted(root: Token, head: Token) -> bool:
    """A place opening the sentence before its clause's subject ("On 9 May, in X, gunmen ...")
    scopes over every event the sentence tells."""
    verb = _nearest_verb(root)
    if root.i > head.i:
        return False
    if verb is None:
        return True  # the small parser hung the opening words on no verb ("On 7 May, in X, ...")
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return all(root.i < s.left_edge.i for s in subjects) and root.i < verb.i


def _is_part(tok: Token) -> bool:
    """A part or share of what follows its "of" ("half", "one-third", "the western sector")."""
    word = tok.lower_.rsplit("-", 1)[-1]
    return word in PART_NOUNS or tok.lemma_.lower() in PART_NOUNS


#: landforms named after a place, standing for it in a clause ("targeting the Al-Bab Plateau")
LANDFORM_NOUNS = frozenset({"plateau", "ridge", "mountain", "hilltop", "plain", "heights", "desert", "hills"})


#: place nouns whose owner is not the place they name: "X's capital" is another town, "X's
#: borders" lie between X and its neighbours ("in front of", "either side of" are beside a thing,
#: so "front" and "side" are no parts either)
OTHER_PLACE_NOUNS = frozenset({"capital", "border", "port"})
#: bare time nouns the small parser may take for the head of a place object ("patrolled Bunia Friday")
TIME_NOUNS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight"}
    | {"yesterday", "morning", "afternoon", "evening", "night", "overnight", "weekend"}
)


def _carrier_step(root: Token) -> Token:
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        owner = root.head.head
        if owner.lemma_.lower() in PLACE_NOUNS or _is_part(owner):
            return owner  # "the hillside of X", "half of X", "the northern flank of X"
    if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in PLACE_NOUNS | LANDFORM_NOUNS:
        return root.head  # "the X district", "raided X and Y villages" (the parser's nmod), "the X Plateau"
    if root.dep_ == "poss" and (root.head.lemma_.lower() in PLACE_NOUNS - OTHER_PLACE_NOUNS or _is_part(root.head)):
        return root.head  # "held a third of X's territory", "X's southern flank": the part of X is in X
    if root.dep_ in ("poss", "compound") and root.head.lower_ in SPOT_NOUNS:
        return root.head  # "Kabul's streets", "his Moscow home": the site stands for the place
    named = any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)  # "villages of X", not "X's city"
    if root.dep_ == "appos" and named and root.lemma_.lower() in NAMED_BY_OF | {"settlement", "area", "district"}:
        # "targeting the army-held villages of X": the parser hangs the villages on the army
        return root.head
    if root.dep_ == "compound" and root.head.dep_ == "npadvmod" and root.head.lower_ in TIME_NOUNS:
        return root.head  # "patrolled Bunia Friday": the parser hung the object on the day
    return root


def _carrier(root: Token) -> Token:
    """The word standing for the place in the clause: "the hillside of X", "the X district", "X's
    streets", "70 percent of X's territory" -> the noun (a part of a part is still the place)."""
    carrier = root
    for _ in range(3):
        step = _carrier_step(carrier)
        if step == carrier:
            break
        carrier = step
    return carrier


def _is_reference_point(root: Token) -> bool:
    """A place that only locates another one: "160 km north of Baghdad", "40 km from Aden", "west of
    Mosul", "the town of Shiheen near Naqoura"."""
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("of", "from", "near"):
        return False
    anchor = prep.head
    if prep.lower_ == "near":
        return anchor.pos_ == "PROPN" or anchor.lemma_.lower() in PLACE_NOUNS
    words = {t.lemma_.lower() for t in anchor.subtree if t.i < prep.i}
    if prep.lower_ == "from":
        return bool(words & DISTANCE_UNITS)
    determined = any(c.dep_ == "det" for c in anchor.children)
    return anchor.lower_ in DIRECTIONS and (not determined or bool(words & DISTANCE_UNITS))


#: words naming a body that publishes or flies, whose place name says nothing of where its news happened
MEDIUM_WORDS = frozenset(
    {
        "post",
        "times",
        "news",
        "herald",
        "tribune",
        "journal",
        "daily",
        "gazette",
        "radio",
        "tv",
        "television",
        "channel",
        "press",
        "agency",
        "newspaper",
        "broadcasting",
        "air",
        "airways",
        "airlines",
    }
)


def _names_a_medium(mention: PlaceMention) -> bool:
    """Whether the name a place opens is a medium's or an airline's ("the Washington Post", "Air Zimbabwe")."""
    doc = mention.span.doc
    ent = next((e for e in doc.ents if e.start <= mention.span.start and mention.span.end <= e.end), None)
    words = ent if ent is not None else mention.span
    return any(t.lower_ in MEDIUM_WORDS for t in words)


#: internal role of a reference point until the whole sentence is read (see :func:`_settle_references`)
REFERENCE = "reference"


def syntactic_role(event: EventMention, mention: PlaceMention) -> str:
    """The role read from the parse alone (see module doc); ``reference`` for a reference point."""
    root = _coordination_root(mention.span.root)
    path = _head_path(root, None)
    place_target = event.plover in PLACE_TARGET_PLOVER or event.plover_mode in PLACE_TARGET_MODES
    prep = _governing_prep(path, frozenset() if place_target else TOPIC_PREPS)
    # An actor span may run over a fronted locative ("On 3 May, in Acapulco, gunmen ..."): only a
    # place without a preposition of its own ("Iran's news agency") is part of the actor's name.
    in_source_name = _inside(event.source_span, mention) and prep not in LOCATIVE_PREPS
    # a people or a body named after a place does not say where the event was; but a body's name
    # under "in"/"at" is where it was done, unless the body is one that only publishes or flies
    # ("at the Aleppo airport", "in Saraqab in Idleb" mislabelled a body; not "in the Washington Post")
    embedded_site = mention.source == "embedded" and prep in LOCATIVE_PREPS and not _names_a_medium(mention)
    if mention.is_demonym or (mention.source == "embedded" and not embedded_site) or in_source_name:
        return "mentioned"
    # where the story was filed is where its events are only when they name no place (the fallback)
    if _names_a_backdrop(mention) or _owns_the_site(mention) or _is_dateline(mention):
        return "mentioned"
    if prep in ORIGIN_PREPS or prep in LOCATIVE_PREPS:
        if not in_event_clause(event, root) or _goal_of_another_verb(event, path, prep):
            return "mentioned"
        # "the border between Gaza and Israel": the two sides of a line say where it runs, and are
        # where the event was only when the sentence names no other place
        if _is_reference_point(root) or prep == "between":
            return REFERENCE
        return "origin" if prep in ORIGIN_PREPS else "event"
    carrier = _carrier(root)
    acted_on = carrier.dep_ in EVENT_ARGUMENT_DEPS and carrier.head == event.trigger
    if place_target and not acted_on and event.trigger.dep_ == "nsubj":
        # a noun trigger doing what its verb says: "airstrikes targeted Harib", "shelling hit Donetsk"
        acted_on = carrier.dep_ == "dobj" and carrier.head == event.trigger.head
    if place_target and not acted_on:
        # "invaded three villages, killing 20": what the attack fell on is where its sequel happened
        trigger = event.trigger
        acted_on = (
            carrier.dep_ in ("dobj", "nsubjpass")
            and trigger.dep_ in ("advcl", "conj", "xcomp")
            and trigger.head == carrier.head
        )
    if _names_its_patient(event, mention):
        return "mentioned"
    if _inside(event.target_span, mention):
        # "bombed Serbia", "captured western Afghanistan": a place that is the thing attacked or
        # taken is where it happened; "Kabul police" or "Iraq's envoy" only name the target
        return "event" if (place_target or _target_is_the_place(event, root)) and acted_on else "mentioned"
    return "event" if acted_on else "mentioned"


#: verbs of acts done to a person: what they are done to is someone, not somewhere
PERSON_ACT_VERBS = frozenset(
    {"shoot", "kill", "murder", "wound", "injure", "stab", "behead", "execute", "assassinate", "torture"}
    | {"capture", "arrest", "kidnap", "abduct", "detain"}
)


def _names_its_patient(event: EventMention, mention: PlaceMention) -> bool:
    """Whether a name the gazetteer does not know is the one a person-act is done to ("Zubaydah was
    shot", "Turkey captured Ocalan"): the NER took the person for a place."""
    root = mention.span.root
    trigger = event.trigger
    return (
        mention.place.lat is None
        and trigger.lemma_ in PERSON_ACT_VERBS
        and root.head == trigger
        and root.dep_ in ("nsubjpass", "dobj")
    )


def _target_is_the_place(event: EventMention, root: Token) -> bool:
    """Whether an act on the ground is done to the place itself ("patrolled Bamako", "rebels
    captured Kisangani"), not to a body it names ("Kabul police") or a state acted on as an actor
    ("blamed Serbia")."""
    target = event.target_span
    if event.plover not in FIELD_TYPES or target is None:
        return False
    return bool(event.extra.get("target_is_place")) or target.root in (root, _carrier(root))


def _settle_references(roles: list[tuple[PlaceMention, str]]) -> list[tuple[PlaceMention, PlaceRole]]:
    """A reference point is the event place only when the sentence gives no other."""
    has_event = any(r == "event" for _, r in roles)
    return [(pm, ("mentioned" if has_event else "event") if r == REFERENCE else r) for pm, r in roles]  # type: ignore[misc]


def _demote_countries(places: list[Place]) -> list[Place]:
    """A country or a division is the event place only when nothing finer inside it is ("In Hama
    province, militants shelled Mardes": Mardes), and a region, sea or
    continent only when nothing finer is at all ("Poplar Grove" in "the Midwest", "Monrovia" in
    "west Africa": such wide areas hold the finer place or lie beside it as mere context)."""
    finer = {p.country for p in places if p.role == "event" and p.precision in ("point", "admin1")}
    towns = {(p.country, p.admin1) for p in places if p.role == "event" and p.precision == "point"}
    for place in places:
        if place.role != "event" or place.lat is None:
            continue
        wide_area = place.feature_code == "RGN" or place.country is None
        holds_town = place.precision == "admin1" and (place.country, place.admin1) in towns
        if (place.precision == "country" and place.country in finer) or (wide_area and finer) or holds_town:
            place.role = "mentioned"
    return places


_GLUE_WORD = re.compile(r"[\w’'-]+|[,(]")
#: an appositive describing the place before it: "Soweto, a Johannesburg township"
_APPOSITIVE = re.compile(r"^\s*,\s*(a|an|the)\s+$", re.IGNORECASE)
POSSESSIVES = frozenset({"'s", "’s"})
#: words between two places that put one beside the other rather than inside it
PROXIMITY_WORDS = frozenset({"near", "border", "borders", "outside", "beyond", "off", "across"})


def _level_word(word: str) -> bool:
    return word in PLACE_NOUNS or word.removesuffix("s") in PLACE_NOUNS or word == "capital"


def _not_finer(child: Place, parent: Place) -> bool:
    """False when the supposed parent is resolved finer than the child ("Baghdad province of Iraq")."""
    if child.precision is None or parent.precision is None:
        return True
    if child.feature_code == "RGN" and child.country is not None and child.country == parent.country:
        # a region within one country is of no fixed size: "the Ghouta region of rural Damascus"
        return True
    return PRECISION_RANK[parent.precision] >= PRECISION_RANK[child.precision]


def hierarchy_parent(glue: str, first: Place, second: Place, determined: bool = False) -> int | None:
    """Which of two neighbouring places is the other's parent division (0, 1), if the words between say so.

    Child first: "Zafaraniyah district of southern Baghdad", "Mangalia village of Rania",
    "Ghazni, in the eastern province of that name", "Fallujah, the largest town of its province",
    "Bunia, Ituri", "Sartène, in southern Corsica" (without a level word, only before a known
    first-level division holding the child, or resolved in another country; in brackets a chief
    town stands for its division, "Moundou (Logone Occidental)"). Parent first, when a determiner
    opens the phrase (``determined``): "the Bavarian city of Passau", "the south Baghdad
    neighbourhood of Zafaraniya" -- a settlement noun followed by "of" names the place after it
    -- unless the gazetteer knows the second better;
    and an owner: "Mogadishu's Hodan district".
    """
    words = _GLUE_WORD.findall(glue.lower())
    if len(words) == 2 and words[0] in NAMED_BY_OF and words[1] == "of" and determined:
        # "the northern Huriyah neighborhood of Baghdad" reads the other way round: the better
        # known of the two (resolved, or coarser) is the parent
        if (first.lat is None) != (second.lat is None):
            return 1 if first.lat is None else 0
        if first.precision and second.precision and first.precision != second.precision:
            return 0 if PRECISION_RANK[first.precision] > PRECISION_RANK[second.precision] else 1
        return 0
    if words and words[0] in POSSESSIVES and all(w in POSSESSIVES or w in SIDE_WORDS or _level_word(w) for w in words):
        # "Mogadishu's Yaqshid district", "San Francisco's Mission District", "Baghdad's northern
        # district of Kadhimiyah": the owner is the parent
        return 0 if _not_finer(second, first) else None
    if not _not_finer(first, second) or PROXIMITY_WORDS & set(words):
        return None  # "Yagha province near the border with Niger" lies beside Niger, not in it
    if words in ([","], ["("]):
        same_division = first.lat is None or _same_division(first, second)
        # a town resolved abroad before a division is that division's namesake ("London, Ontario")
        abroad = first.precision == "point" and first.country != second.country
        # in brackets, a chief town stands for its division ("Moundou (Logone Occidental)")
        chief_town = words == ["("] and (second.feature_code or "").startswith(("PPLA", "PPLC"))
        return 1 if (second.precision == "admin1" or chief_town) and (same_division or abroad) else None
    others = [w for w in words if w not in HIERARCHY_WORDS and not _level_word(w)]
    linked = any(w in ("of", "in", ",", "(") for w in words) or _level_word(words[0] if words else "")
    # without a level word, only a division the gazetteer puts the town in: "Sartène, in southern Corsica"
    holds = second.precision == "admin1" and first.precision == "point" and _same_division(first, second)
    # a place the gazetteer does not know "in" one it knows lies there: "the village of X in rural Y"
    unknown_in_known = first.lat is None and second.lat is not None and words[:1] == ["in"]
    # a place "in" a known place no finer than it lies there, whatever the gazetteer holds of the
    # pair: "the village of Tal Rifa'at in northern Aleppo", "the Al-Quds Hospital in Aleppo"
    located_in = words[:1] == ["in"] and second.lat is not None and len(others) <= 1
    return (
        1
        if (holds or unknown_in_known or located_in or any(_level_word(w) for w in words))
        and linked
        and len(others) <= 2
        else None
    )


def _same_division(a: Place, b: Place) -> bool:
    return a.country == b.country and a.admin1 == b.admin1


def _determined(doc: Doc, start: int) -> bool:
    """Whether a determiner opens the phrase at token ``start``: "the Queensland", "the south
    Baghdad", "the front-line Sarajevo" (past up to three modifiers)."""
    i = start - 1
    while i >= max(start - 4, 0) and doc[i].dep_ != "det":
        if doc[i].pos_ not in ("ADJ", "PROPN", "NOUN") and doc[i].text != "-":
            return False
        i -= 1
    return i >= 0 and doc[i].dep_ == "det"


def _apply_hierarchy(doc: Doc, mentions: list[PlaceMention], places: list[Place]) -> None:
    """Of a place and its parent division, only the place is where the event happened.

    The parent still tells where an unresolved place is: the place takes its country, division
    and point ("a village of Kalat sub-division"), at the parent's precision. Of two places
    resolved into different countries one is resolved wrongly: the child, when it has a namesake
    inside the parent or the sentence's other places lie in the parent's country (it then takes
    that namesake, else the parent's whereabouts); else both are left as they are.
    """
    order = sorted((k for k, pm in enumerate(mentions) if not pm.is_demonym), key=lambda k: mentions[k].span.start)
    # outermost pair first, so that in "Sarai village of Zurmat district, Paktia" the district
    # is placed inside the province before the village is placed inside the district
    pairs = list(zip(order, order[1:], strict=False))
    for a, b in reversed(pairs):
        first = mentions[a].span
        glue = doc.text[first.end_char : mentions[b].span.start_char]
        if len(first) > 1 and _level_word(first[-1].lower_):
            glue = f"{first[-1].lower_} {glue}"  # "Dobrinja village" of Sarajevo
        second = mentions[b].span
        if any(t.pos_ == "PROPN" and not _level_word(t.lower_) for t in doc[first.end : second.start]):
            continue  # another name between them: "Kharkiv People's Militia dug in around Chuhuiv"
        if any(t.pos_ == "VERB" and t.dep_ in CLAUSE_VERB_DEPS for t in doc[first.end : second.start]):
            continue  # another clause between them: "in X Governorate, targeting the village of Y"
        if len(second) > 1 and _level_word(second[-1].lower_):
            glue = f"{glue} {second[-1].lower_}"  # San Alberto, in northern "Cesar province"
        elif (
            second.end < len(doc)
            and _level_word(doc[second.end].lower_)
            and (_APPOSITIVE.match(glue) or all(w in HIERARCHY_WORDS for w in _GLUE_WORD.findall(glue.lower())))
        ):
            # Soweto, "a Johannesburg township"; a village "in Kurchaloi district" (not "five in
            # Idlib province": the numbers tell of a list)
            glue = f"{glue} {doc[second.end].lower_}"
        which = hierarchy_parent(glue, places[a], places[b], _determined(doc, first.start))
        if which is None:
            continue
        parent, child = (places[a], places[b]) if which == 0 else (places[b], places[a])
        if "event" not in (parent.role, child.role) or "origin" in (parent.role, child.role):
            continue
        if child.lat is None and child.role != "event":
            continue  # an unknown name the roles set aside (a person taken for a place) stays aside
        if child.lat is None:
            _place_inside(child, parent)
        elif child.country is not None and parent.country not in (None, child.country):
            # one of the two is resolved into the wrong country: the child, when it has a namesake
            # inside the parent ("Padang village (Sehore, Madhya Pradesh)" is not in Sumatra), the
            # sentence's other places side with the parent, or a level word says the child is a part
            # of the parent ("the Zafaraniyah district of Baghdad", "Baghdad's Dora district": a
            # district is no town abroad); else nothing tells which
            others = Counter(p.country for p in places if p is not child and p is not parent)
            stated_part = _says_part_of(doc.text[first.end_char : second.start_char], first)
            sided = others[parent.country] > others[child.country]
            if not _place_inside(child, parent, namesake_only=not (sided or stated_part)):
                continue
        parent.role, child.role = "mentioned", "event"


def _says_part_of(between: str, first: Span) -> bool:
    """Whether the words between two places say the first is a part of the second: "the X district of
    Y", "X village of Y" or an owner "Y's X" (not a list in brackets, "Minna (Chanchaga LGA, ...)",
    where the kind word is the parent's own)."""
    words = _GLUE_WORD.findall(between.lower())
    if not words:
        return False
    if words[0] in POSSESSIVES or (words[0] == "of" and _level_word(first[-1].lower_)):
        return True
    return any(_level_word(w) and nxt == "of" for w, nxt in zip(words, words[1:], strict=False))


def _place_inside(child: Place, parent: Place, namesake_only: bool = False) -> bool:
    """Resolve the child again among its namesakes inside the parent, else (unless ``namesake_only``)
    give it the parent's whereabouts; whether the child was placed."""
    if parent.lat is None:
        return False
    inside = [
        e
        for e in get_gazetteer().lookup(child.text)
        if e.country == parent.country
        and (parent.precision == "country" or (e.admin1_name or e.admin1) == parent.admin1)
    ]
    if inside:
        entry = max(inside, key=lambda e: (e.population, -e.row))
        child.name, child.geonameid, child.feature_code = entry.name, entry.geonameid, entry.feature_code
        child.country, child.admin1, child.lat, child.lon = (
            entry.country,
            entry.admin1_name or entry.admin1,
            entry.lat,
            entry.lon,
        )
        child.precision = entry.precision
        return True
    if namesake_only:
        return False
    child.name, child.geonameid, child.feature_code = None, None, None
    child.country, child.admin1, child.lat, child.lon = parent.country, parent.admin1, parent.lat, parent.lon
    child.precision = parent.precision
    return True


def _settle_abroad_towns(mentions: list[PlaceMention], places: list[Place]) -> None:
    """A town the sentence sets among divisions of one other country is resolved to a namesake abroad.

    "shot a man in Buenos Aires on Friday night, in Ancash": where the sentence's first-level
    divisions all lie in one country, an event town resolved elsewhere takes its namesake inside
    one of them (the Peruvian Buenos Aires); failing that, when the sentence's other places side
    with the divisions' country, it is a stray reading ("the Paris road in Arusha", "Colonia" of a
    street name read as Cologne) and takes the division's whereabouts.
    """
    named = [p for pm, p in zip(mentions, places, strict=True) if not pm.is_demonym and p.lat is not None]
    divisions = [p for p in named if p.precision == "admin1" and p.feature_code == "ADM1"]
    if len({p.country for p in divisions}) != 1:
        return
    home = divisions[0].country
    # demonyms vote too: "Afghan forces repelled an attack in X, Badakhshan" is an Afghan story
    votes = Counter(p.country for p in places if p.lat is not None)
    for place in named:
        if place.role != "event" or place.precision != "point" or place.country == home:
            continue
        if any(_place_inside(place, division, namesake_only=True) for division in divisions):
            continue
        if votes[home] > votes[place.country]:  # else nothing tells which of the two is resolved wrongly
            _place_inside(place, divisions[0])


#: how a verb heads a clause of its own (not a participle describing a noun: "X, located in Y")
CLAUSE_VERB_DEPS = frozenset({"ROOT", "advcl", "conj", "ccomp", "xcomp", "parataxis", "pcomp"})

_LIST_GLUE = re.compile(r"^\s*(,|and|or|, and|, or|&)\s*$")


def _spread_over_lists(doc: Doc, roles: list[tuple[PlaceMention, PlaceRole]]) -> list[tuple[PlaceMention, PlaceRole]]:
    """Places listed together share a role, whatever the parse made of the list.

    "in Aleppo, Deir el-Zor and Idlib": the small parser often attaches the later names
    elsewhere, but the surface says they are one list.
    """
    out = list(roles)
    ordered = sorted(range(len(out)), key=lambda k: out[k][0].span.start_char)
    for a, b in zip(ordered, ordered[1:], strict=False):
        (pa, ra), (pb, rb) = out[a], out[b]
        glue = doc.text[pa.span.end_char : pb.span.start_char]
        if _LIST_GLUE.match(glue) and ra in ("event", "origin") and rb == "mentioned" and not pb.is_demonym:
            out[b] = (pb, ra)
    return out


def _role_copy(place: Place, role: PlaceRole) -> Place:
    return dataclasses.replace(place, role=role)


#: what sets a dateline's place off from the story ("BAGHDAD, Iraq -", "KABUL (Reuters) -")
DATELINE_SEPARATORS = frozenset({",", ":", "(", "["})
DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _set_off_as_dateline(span: Span) -> bool:
    """Whether a place name in capitals is followed by a dateline's comma, colon, bracket or free
    dash: a capitalised headline word ("US troops ...") or a slug joined by a hyphen
    ("IRAQ-BLAST") says nothing of where the story was filed."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in DATELINE_SEPARATORS:
        return True
    return after.text in DATELINE_DASHES and bool(span[-1].whitespace_ or after.whitespace_)


def _is_dateline(mention: PlaceMention) -> bool:
    """Whether a place in capitals opens the article set off as its dateline ("BAGHDAD, Iraq -")."""
    span = mention.span
    return (
        span.start_char <= DATELINE_CHARS
        and not mention.is_demonym
        and span.text.isupper()
        and _set_off_as_dateline(span)
    )


def dateline_place(doc: Doc) -> Place | None:
    """A resolved place opening the article and set off as its dateline, if any."""
    for pm in places_of(doc):
        if pm.span.start_char > DATELINE_CHARS:
            break
        if pm.place.lat is not None and _is_dateline(pm):
            return pm.place
    return None


def lead_place(doc: Doc, places: list[PlaceMention]) -> Place | None:
    """The first place the article's opening sentence puts something in ("On 8 May, in Petrolina, ...").

    Where a story opens is where the rest of it happens unless it says otherwise, as with a
    dateline; demonyms, bodies' names and places things came from do not count.
    """
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    for pm in _within(places, first):
        if pm.is_demonym or pm.source == "embedded" or pm.place.lat is None:
            continue
        root = _coordination_root(pm.span.root)
        if _governing_prep(_head_path(root, None)) in LOCATIVE_PREPS and not _is_reference_point(root):
            return pm.place
    return None


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two resolved places."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def single_place_cluster(places: list[PlaceMention]) -> Place | None:
    """The finest place, when all the article's resolved places are one place named at several levels.

    "in Rubaya (Masisi, Nord-Kivu)": a town, its district and its province are one cluster (so are
    a town and the seat a division it lies in is named after); an article naming Aleppo and
    Baghdad has two, and then no place stands for the whole article.
    Demonyms and the places opening a body's name say nothing of where things happened.
    """
    named = [pm.place for pm in places if not pm.is_demonym and pm.source != "embedded" and pm.place.lat is not None]
    if not named:
        return None
    finest = min(named, key=lambda p: PRECISION_RANK[p.precision])  # the first-named of the finest
    for other in named:
        if other.country != finest.country:
            return None
        if other.precision == "point" and _km(other, finest) > CLUSTER_KM and not _seat_for_division(other, finest):
            return None
        if other.precision == "admin1" and finest.admin1 and other.admin1 != finest.admin1:
            return None
    return finest


def _seat_for_division(a: Place, b: Place) -> bool:
    """Whether one of two towns of one first-level division is its seat, named for the division:
    "in Celaya, Guanajuato" names Celaya and the state whose seat is Guanajuato city, 90 km away."""
    same_division = a.country == b.country and a.admin1 is not None and a.admin1 == b.admin1
    return same_division and "PPLA" in (a.feature_code, b.feature_code)


def _country_place(place: Place) -> Place | None:
    """The whole country a resolved place lies in, as a place of country precision."""
    entry = get_gazetteer().country(place.country) if place.country else None
    if entry is None:
        return None
    return dataclasses.replace(
        place,
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        admin1=None,
        feature_code=entry.feature_code,
        precision="country",
    )


def sentence_country(places: list[PlaceMention]) -> Place | None:
    """The country every place a sentence names lies in ("in Tehuacan, Puebla": Mexico), as a place.

    The last resort for an event with no place of its own: the sentence's places may be too far
    apart to be one place, but they still say which country the event is in."""
    named = [pm for pm in places if not pm.is_demonym and pm.source != "embedded" and pm.place.country]
    if not named or len({pm.place.country for pm in named}) > 1:
        return None
    return _country_place(named[0].place)


def dominant_country(places: list[PlaceMention]) -> Place | None:
    """The country the article names more often than any other, as a place of country precision.

    Place names count (a body's name too: "Raqqa Council" still says the story is in Syria);
    demonyms only when the article names no place, since "Turkish forces shelled X" often names
    the attacker's country, not the one the event was in. A tie names no country.
    """
    resolved = [pm for pm in places if pm.place.country]
    named = [pm for pm in resolved if not pm.is_demonym] or resolved
    counts = Counter(pm.place.country for pm in named)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    top = next(pm.place for pm in named if pm.place.country == ranked[0][0])
    return _country_place(top)


#: sectors whose state forces often act abroad: their home country says little of where they struck
ABROAD_AGENTS = frozenset({"MIL"})


def home_country(event: EventMention) -> Place | None:
    """The country of the event's doer, as a place, for a report that names no place at all.

    "Houthi forces shelled the area of Jabal X", "Imbonerakure beat a CNL member": a group or a
    government known to be of one country acts in it; a state's armed forces do not, as often as
    not ("Turkish forces shelled ..." in Syria). The words are the doer's (the evidence).
    """
    actor = event.source_actor
    if actor is None or not actor.country or event.source_span is None:
        return None
    if actor.agent in ABROAD_AGENTS and actor.group is None:
        return None  # a state's army, not a group's fighters ("Houthi forces")
    entry = get_gazetteer().country(actor.country)
    return None if entry is None else to_place(event.source_span, entry)


def mission_country(doc: Doc) -> Place | None:
    """The country an international mission the article names works in ("the OSCE SMM observed
    ..."), as a place, when every mission it names works in that one country."""
    found = mission_mentions(doc.text)
    if not found or len({iso3 for _, _, iso3 in found}) > 1:
        return None
    start, end, iso3 = found[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    entry = get_gazetteer().country(iso3)
    return None if span is None or entry is None else to_place(span, entry)


#: how a place name hangs on a noun it qualifies: "U.S. officials", "Greece's coalition"
QUALIFYING_DEPS = frozenset({"compound", "poss", "nmod"})
#: entity types of nouns naming people or bodies ("the Yamaguchi-gumi", "the Manila Times")
PARTICIPANT_ENT_TYPES = frozenset({"ORG", "NORP", "PERSON"})


#: sites and units a state keeps abroad, named after it: "the US embassy in Brussels", "a U.S.
#: military base", "near a U.S. patrol in Baghdad"
OWNED_SITE_NOUNS = frozenset(
    {"embassy", "consulate", "legation", "chancery", "base", "airbase", "mission", "outpost", "checkpoint"}
    | {"patrol", "convoy", "position", "warship", "vessel", "troop", "force"}
)


def _owns_the_site(mention: PlaceMention) -> bool:
    """Whether a country only says whose a site or unit is ("outside the US embassy in Brussels", "near
    a US military base in Tikrit", "near a U.S. patrol"): a state's embassies, bases and patrols
    stand in other states."""
    if mention.place.precision != "country":
        return False
    root = mention.span.root
    head = root.head
    while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "a US military base": past "military" to the base
    return root.dep_ in QUALIFYING_DEPS | {"amod"} and head.i != root.i and head.lemma_.lower() in OWNED_SITE_NOUNS


def _says_whose(mention: PlaceMention) -> bool:
    """Whether the place only qualifies a noun naming people or a body ("the U.S. soldier", "the
    Bangladesh authorities", "Greece's coalition"): it says whose they are, not where anything
    happened, unlike a place qualifying a thing ("a Baghdad restaurant", "Kiev's courthouse")."""
    root = mention.span.root
    head = root.head
    if root.dep_ not in QUALIFYING_DEPS or head.i == root.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if _level_word(head.lower_):  # "Zulia state", "Kabul province": the place's own level
        return False
    nouns = sector_nouns()
    return head.ent_type_ in PARTICIPANT_ENT_TYPES or head.lower_ in nouns or head.lemma_.lower() in nouns


def _what_it_is_about(mention: PlaceMention) -> bool:
    """Whether a place only names what the event is about, with no locative of its own:
    "demonstrating against the US dollar's rise", "protesting against union with Russia" (but not
    "protested against delays in Mashhad", which the parser may hang on the topic)."""
    path = _head_path(_coordination_root(mention.span.root), None)
    return _governing_prep(path) in TOPIC_PREPS and _governing_prep(path, frozenset()) not in LOCATIVE_PREPS


def _names_a_party(event: EventMention, mention: PlaceMention) -> bool:
    """Whether a place names a party rather than a setting: it says whose a participant is ("the
    U.S. soldier"), or it is a doer or target named by a common noun that the gazetteer also
    knows as a town ("the Police seized ...": Police, Poland). A country or a town acting without
    an article stands for its authorities, who act at home ("Mali expelled the ambassador",
    "Beijing suspended the talks")."""
    if _says_whose(mention):
        return True
    root = _coordination_root(mention.span.root)
    if mention.place.precision != "point" or not any(child.dep_ == "det" for child in root.children):
        return False
    participants = (span.root for span in (event.source_span, event.target_span) if span is not None)
    return any(head == root for head in participants)


#: prepositions and clause marks of time: "after Israel's withdrawal", "since Kabul fell"
TIME_PREPS = frozenset({"after", "since", "before", "until", "till", "following", "prior", "when"})


def _doers(event: EventMention) -> list[Token]:
    """The heads of the words naming who did the act: the subject of the verb telling it (not a
    passive's subject, which is what was acted on) and a passive's agent ("captured by Iran")."""
    head = _clause_head(event)
    out = [child for child in head.children if child.dep_ in ("nsubj", "csubj")]
    for agent in (child for child in head.children if child.dep_ == "agent"):
        out.extend(child for child in agent.children if child.dep_ == "pobj")
    return out


def _acts_at_home(root: Token) -> bool:
    """Whether a place name heads a participant's words with no article of its own ("Mali", not
    "the Police" read as a town)."""
    return not any(child.dep_ == "det" for child in root.children)


def _nearest_verb_above(tok: Token) -> Token | None:
    return next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)


def _one_clause(verb: Token, head: Token) -> bool:
    """Whether two verbs tell one act: the same verb, or one the other's complement or its
    conjunct on one subject ("began to shell", "shot and killed")."""
    if verb == head:
        return True
    if head in verb.ancestors:
        return not _tells_its_own_event(verb, head)
    return verb in head.ancestors and not _tells_its_own_event(head, verb)


def _set_apart(event: EventMention, mention: PlaceMention) -> bool:
    """Whether a place the event's sentence names, but not as the event's place, is set apart from
    the event, so that it does not lend itself to it: it qualifies the doer ("refugees from
    southern Sudan demonstrated"; a state named bare as the doer acts at home), it dates the event ("after Israel's withdrawal", "since the fall of Kabul"), or it is said, not
    as a place where something happened, in another clause ("raising fears of an arms race with
    Pakistan"; not a clause on one of the event's participants). The doer's whereabouts, a time and another clause's
    participant say nothing of where this act was done."""
    if _names_a_backdrop(mention):
        return True
    root = _coordination_root(mention.span.root)
    path = _head_path(root, None)
    before = mention.span.doc[mention.span.start - 1] if mention.span.start > mention.span.sent.start else None
    # "in X" said in so many words is a locative however the parser hangs it ("in Celaya, Guanajuato,
    # about 70 owners demonstrated" parsed as the owners' "Celaya")
    locative = _governing_prep(path, frozenset()) in LOCATIVE_PREPS or (
        before is not None and before.lower_ in LOCATIVE_PREPS
    )
    doers = _doers(event)
    for tok in (root, *path):
        if tok.pos_ in ("VERB", "AUX") and tok not in doers:
            break
        if tok in doers:
            # "troops in Mosul attacked" may well say where; a state or town named bare as the
            # doer stands for its authorities, who act at home ("Mali expelled the envoy")
            return not locative and not (tok == root and _acts_at_home(root))
        if tok.lower_ in TIME_PREPS and tok.dep_ in ("prep", "mark", "advmod", "advcl"):
            return True
    verb = _nearest_verb_above(root)
    if verb is None or locative:
        return False
    head = _clause_head(event)
    if verb.dep_ in ("acl", "relcl", "amod") and not _on_subject_side(verb.head, head):
        return False  # it tells of a participant: "protested over cuts ordered by the governor of X"
    if verb in head.ancestors:
        return False  # a clause the event's is told in may well be its setting, or a misparsed name
    return not (_one_clause(verb, head) or _one_clause(verb, event.trigger))


def _sentence_whereabouts(event: EventMention, mentions: list[PlaceMention]) -> tuple[Place | None, Place | None]:
    """The one place (a place named at several levels) and the one country of the sentence's places,
    for an event the sentence gives no place of its own.

    What the event is about neither places it nor rules a country out. A party's place does not
    place it, but it still says the sentence spans that country ("the U.S. officials say the drugs
    reach Mexico" is set in neither), so one place at least must be a setting. A place set apart
    from the event (:func:`_set_apart`) does not lend itself either, but it still counts in telling
    whether the sentence names one place or one country at all.
    """
    around = [pm for pm in mentions if not _what_it_is_about(pm)]
    named = [pm for pm in around if not pm.is_demonym and pm.source != "embedded" and pm.place.lat is not None]
    if all(_names_a_party(event, pm) for pm in named):
        return None, None
    lenders = [pm for pm in around if not _set_apart(event, pm)]
    cluster = single_place_cluster(lenders) if single_place_cluster(around) is not None else None
    party = cluster is not None and any(pm.place is cluster and _names_a_party(event, pm) for pm in named)
    country = sentence_country(lenders) if sentence_country(around) is not None else None
    return (None if party else cluster), _sentence_place(country, around)


def _sentence_place(place: Place | None, mentions: list[PlaceMention]) -> Place | None:
    """The article's place for an event its sentence gives none, unless the sentence names it only
    to say whose a participant is ("the U.S. soldier was captured" says nothing of where)."""
    if place is None or any(
        _says_whose(pm) or _names_a_backdrop(pm) for pm in mentions if pm.span.start_char == place.start
    ):
        return None
    return place


def _by_sentence(events: list[EventMention]) -> list[list[EventMention]]:
    groups: dict[int, list[EventMention]] = {}
    for event in events:
        groups.setdefault(event.sent.start, []).append(event)
    return list(groups.values())


def _within(places: list[PlaceMention], sent: Span) -> list[PlaceMention]:
    return [pm for pm in places if sent.start <= pm.span.start and pm.span.end <= sent.end]


def _locate_or_add(event: EventMention, borrowed: Place) -> None:
    """Give the borrowed whereabouts to the event's own unresolved place, if it names one, else add it.

    "since Eastern Slavonia was captured": the sentence says where, the gazetteer does not know
    it; the story's place tells roughly where it is, and the event keeps one place, not two.
    """
    unresolved = next((p for p in event.places if p.role == "event" and p.lat is None), None)
    if unresolved is None:
        event.places.append(borrowed)
        return
    for field in ("country", "admin1", "lat", "lon", "precision"):
        setattr(unresolved, field, getattr(borrowed, field))


def _tagged(place: Place | None, kind: str) -> tuple[Place, str] | None:
    """A borrowed place with the name of where it came from (for the ``place_from_*`` flag)."""
    return None if place is None else (place, kind)


def _borrowed(place: Place) -> Place:
    copy = _role_copy(place, "event")
    copy.precision = COARSER.get(place.precision or "point", "country")  # type: ignore[assignment]
    return copy


def departure_origins(doc: Doc, sent: Span, places: list[PlaceMention]) -> list[Place]:
    """Places a sentence names as where something set out from ("took off from the Hamadan base")."""
    out = []
    for pm in places:
        if not (sent.start <= pm.span.start and pm.span.end <= sent.end) or pm.is_demonym:
            continue
        root = _coordination_root(pm.span.root)
        path = _head_path(root, None)
        verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.lemma_ in DEPARTURE_VERBS and _governing_prep(path) == "from":
            out.append(_role_copy(pm.place, "origin"))
    return out


def _refine_origin(event: EventMention, origin: Place) -> None:
    """Give an attack this origin unless it already has one at least as precise."""
    current = [p for p in event.places if p.role == "origin"]
    if any(PRECISION_RANK[p.precision] <= PRECISION_RANK[origin.precision] for p in current):
        return
    # a coarser origin containing the new one ("Iran" for "Hamadan") is the same fact, less precisely
    event.places = [p for p in event.places if not (p.role == "origin" and p.country == origin.country)]
    event.places.append(origin)


class PlaceRoles:
    """spaCy component: fills ``EventMention.places`` (see module doc)."""

    def __init__(self, nlp: Language, name: str, fallback_to_previous: bool = True) -> None:
        register_extensions()
        self.name = name
        self.fallback_to_previous = fallback_to_previous

    def __call__(self, doc: Doc) -> Doc:
        places = places_of(doc)
        events = sorted(event_mentions_of(doc), key=lambda m: m.trigger.i)
        for event in events:
            in_sentence = _within(places, event.sent)
            in_sentence.sort(key=lambda pm: pm.span.start)
            roles = _spread_over_lists(doc, _settle_references([(pm, syntactic_role(event, pm)) for pm in in_sentence]))
            own = [_role_copy(pm.place, role) for pm, role in roles]
            _apply_hierarchy(doc, [pm for pm, _ in roles], own)
            _settle_abroad_towns([pm for pm, _ in roles], own)
            event.places = _demote_countries(own)
        for sent_events in _by_sentence(events):
            places_to_their_own_clauses(
                sent_events, {pm.span.start_char: pm for pm in _within(places, sent_events[0].sent)}
            )
        if self.fallback_to_previous:
            self._borrow_places(doc, events)
        self._add_departure_origins(doc, events, places)
        return doc

    @staticmethod
    def _own_event_place(event: EventMention) -> Place | None:
        if event.extra.get("place_fallback"):
            return None
        return next((p for p in event.places if p.role == "event" and p.lat is not None), None)

    def _borrow_places(self, doc: Doc, events: list[EventMention]) -> None:
        article_places = places_of(doc)
        dateline = dateline_place(doc)
        # what the story's events are about is not where it is set ("protests against the US dollar")
        settings = [pm for pm in article_places if not _what_it_is_about(pm)]
        only_place = single_place_cluster(settings)
        article_country = dominant_country(settings)
        lead = lead_place(doc, article_places)
        # demonyms name a party ("Lebanese drivers", "the Turkish government"), not a setting
        resolved_any = any(pm.place.country and not pm.is_demonym for pm in article_places)
        first_sentence = next(iter(doc.sents)).start if len(doc) else 0
        last_by_type: dict[str, Place] = {}
        last_on_ground: Place | None = None
        for event in events:
            own = self._own_event_place(event)
            if own is not None:
                last_by_type[event.plover] = own
                if event.plover in FIELD_TYPES:
                    last_on_ground = own
                continue
            # an act only intended or supposed ("the deal would let them start fighting together"),
            # or announced as a promise, has not happened where the story's events did: it keeps
            # its own place, or the story's setting
            borrows = not is_unrealised(event)
            found = self._whereabouts(
                event, events if borrows else [], dateline, first_sentence, last_by_type if borrows else {}
            )
            if found is None:
                # the places the sentence names around the event, when they are one place at several
                # levels ("in Setharja town (Khairpur, Sindh)": the unknown town lies in Khairpur)
                in_sentence = _within(article_places, event.sent)
                cluster, country = _sentence_whereabouts(event, in_sentence)
                # an earlier event of another type on the ground lends its place to one on the
                # ground, only inside the country the sentence names, if it names one ("they
                # arrested a man" after a clash in Kabul)
                kin = last_on_ground if event.plover in FIELD_TYPES and borrows else None
                earlier = kin if kin is not None and country in (None, kin.country) else None
                opening = lead if lead is not None and event.sent.start != first_sentence else None
                opening = opening if opening is not None and country in (None, opening.country) else None
                # the story's country needs a story: in a lone sentence naming several countries
                # the most named one is a guess, not the setting
                story = len(in_sentence) < len(article_places)
                found = (
                    _tagged(cluster, "sentence")
                    or _tagged(_sentence_place(only_place, in_sentence), "article")
                    or _tagged(earlier, "earlier_event")
                    or _tagged(opening, "lead")
                    or _tagged(country, "sentence")
                    or _tagged(article_country if story else None, "article_country")
                    or _tagged(None if resolved_any else mission_country(doc), "mission")
                    or _tagged(None if resolved_any else home_country(event), "actor")
                )
            if found is not None:
                source, kind = found
                _locate_or_add(event, _borrowed(source))
                event.extra["place_fallback"] = True
                event.extra[f"place_from_{kind}"] = True

    def _whereabouts(
        self,
        event: EventMention,
        events: list[EventMention],
        dateline: Place | None,
        first_sentence: int,
        last_by_type: dict[str, Place],
    ) -> tuple[Place, str] | None:
        """The place of the story around an event: an earlier event of its type, the dateline, or
        (for a headline) the first later event of its type."""
        found = _tagged(last_by_type.get(event.plover), "earlier_event") or _tagged(dateline, "dateline")
        if found is None and event.sent.start == first_sentence:
            # a headline names the place only in the story below it
            later = (
                self._own_event_place(e) for e in events if e.trigger.i > event.trigger.i and e.plover == event.plover
            )
            found = _tagged(next((p for p in later if p is not None), None), "later_event")
        return found

    @staticmethod
    def _add_departure_origins(doc: Doc, events: list[EventMention], places: list[PlaceMention]) -> None:
        sentences_with_events = {e.sent.start for e in events}
        for sent in doc.sents:
            if sent.start in sentences_with_events:
                continue
            for origin in departure_origins(doc, sent, places):
                for event in events:
                    if (
                        event.trigger.i < sent.start
                        and event.plover == "ASSAULT"
                        and event.plover_mode in LAUNCHED_MODES
                    ):
                        _refine_origin(event, origin)
