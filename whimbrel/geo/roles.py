"""The role of each place in each event: the ``whimbrel_place_roles`` stage.

For every event mention, every place in its sentence gets one role, read off the dependency
parse between the place and the event:

* ``origin`` -- the place sits under "from"/"out of" ("took off from a base in Iran", "fired
  from Gaza");
* ``event`` -- it sits under a locative preposition ("in", "near", "across", "on" as in "strikes
  on Raqqa"), or is the subject of a passive or the object of the trigger ("Aleppo was shelled",
  "bombed Mosul"), or is coordinated with an event place ("in Aleppo, Deir el-Zor and Idlib");
* ``mentioned`` -- anything else, including demonyms ("Russian bombers"), place names opening a body's name, and places inside the
  source actor's words ("Iran's news agency"). A place inside the *target*'s words counts as
  event only under a locative preposition ("ISIS in Syria").

A country is demoted to ``mentioned`` when a finer event place lies inside it. A sentence with
no event place borrows the nearest earlier event place of an event of the same PLOVER type (or
the dateline place), else, for the opening sentence, the first later one, else the article's only
place (all its resolved places being one place named at several levels, "Rubaya (Masisi,
Nord-Kivu)"), one precision level coarser, and says so with ``extra["place_fallback"] = True``. Borrowing only
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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

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
        "south",
        "north",
        "east",
        "west",
    }
)
ORIGIN_PREPS = frozenset({"from"})
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
    }
)
COARSER = {"point": "admin1", "admin1": "country", "country": "country"}
PRECISION_RANK = {"point": 0, "admin1": 1, "country": 2, None: 3}
#: verbs of setting out: their "from" place is where an attack came from
DEPARTURE_VERBS = frozenset({"take", "fly", "launch", "depart", "fire", "scramble", "leave", "set"})
#: attack modes whose origin is a launch site
LAUNCHED_MODES = frozenset({"aerial", "missile", "drone", "artillery", "rocket", "shelling"})
# Points further apart than this are different places, not one place named at several levels.
CLUSTER_KM = 50.0
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


def _governing_prep(path: list[Token]) -> str | None:
    """The preposition that places the toponym, looking up through the nouns it modifies.

    "from" anywhere below the nearest verb wins ("from a base in Iran" is an origin); "of" under a
    place noun is looked through ("near the town of Hama" is "near").
    """
    preps: list[str] = []
    for anc in path:
        if anc.pos_ in ("VERB", "AUX"):
            break
        if anc.dep_ != "prep" and anc.pos_ != "ADP":
            continue
        word = anc.lower_
        if word == "of" and anc.head.lower_ == "out":
            word = "from"  # "out of X"
        elif word == "of" and anc.head.lemma_.lower() in PLACE_NOUNS:
            continue
        preps.append(word)
    if any(p in ORIGIN_PREPS for p in preps):
        return "from"
    return preps[0] if preps else None


def _inside(span: Span | None, mention: PlaceMention) -> bool:
    return span is not None and span.start_char <= mention.span.start_char and mention.span.end_char <= span.end_char


def _coordination_root(tok: Token) -> Token:
    """The first conjunct of a coordination ("Aleppo" for "Idlib" in "Aleppo, Deir el-Zor and Idlib")."""
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    return tok


def syntactic_role(event: EventMention, mention: PlaceMention) -> PlaceRole:
    """The role read from the parse alone (see module doc)."""
    root = _coordination_root(mention.span.root)
    path = _head_path(root, None)
    prep = _governing_prep(path)
    # An actor span may run over a fronted locative ("On 3 May, in Acapulco, gunmen ..."): only a
    # place without a preposition of its own ("Iran's news agency") is part of the actor's name.
    in_source_name = _inside(event.source_span, mention) and prep not in LOCATIVE_PREPS
    if mention.is_demonym or mention.source == "embedded" or in_source_name:
        return "mentioned"  # a people or a body named after a place does not say where the event was
    if prep == "from":
        return "origin"
    if prep in LOCATIVE_PREPS:
        return "event"
    if _inside(event.target_span, mention):
        return "mentioned"
    if root.dep_ in EVENT_ARGUMENT_DEPS and root.head == event.trigger:
        return "event"
    return "mentioned"


def _demote_countries(roles: list[tuple[PlaceMention, PlaceRole]]) -> list[tuple[PlaceMention, PlaceRole]]:
    """A country is the event place only when nothing finer inside it is."""
    finer = {pm.place.country for pm, r in roles if r == "event" and pm.place.precision in ("point", "admin1")}
    return [
        (pm, "mentioned" if r == "event" and pm.place.precision == "country" and pm.place.country in finer else r)
        for pm, r in roles
    ]


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


def dateline_place(doc: Doc) -> Place | None:
    """A resolved place opening the article ("BAGHDAD, Iraq -"), if any."""
    for pm in places_of(doc):
        if pm.span.start_char > DATELINE_CHARS:
            break
        if not pm.is_demonym and pm.place.lat is not None and pm.span.text.isupper():
            return pm.place
    return None


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two resolved places."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def single_place_cluster(places: list[PlaceMention]) -> Place | None:
    """The finest place, when all the article's resolved places are one place named at several levels.

    "in Rubaya (Masisi, Nord-Kivu)": a town, its district and its province are one cluster; an
    article naming Aleppo and Baghdad has two, and then no place stands for the whole article.
    Demonyms and the places opening a body's name say nothing of where things happened.
    """
    named = [pm.place for pm in places if not pm.is_demonym and pm.source != "embedded" and pm.place.lat is not None]
    if not named:
        return None
    finest = min(named, key=lambda p: PRECISION_RANK[p.precision])  # the first-named of the finest
    for other in named:
        if other.country != finest.country:
            return None
        if other.precision == "point" and _km(other, finest) > CLUSTER_KM:
            return None
        if other.precision == "admin1" and finest.admin1 and other.admin1 != finest.admin1:
            return None
    return finest


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
            in_sentence = [pm for pm in places if event.sent.start <= pm.span.start and pm.span.end <= event.sent.end]
            roles = [(pm, syntactic_role(event, pm)) for pm in in_sentence]
            roles = _demote_countries(_spread_over_lists(doc, roles))
            event.places = [_role_copy(pm.place, role) for pm, role in roles]
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
        dateline = dateline_place(doc)
        only_place = single_place_cluster(places_of(doc))
        first_sentence = next(iter(doc.sents)).start if len(doc) else 0
        last_by_type: dict[str, Place] = {}
        for event in events:
            own = self._own_event_place(event)
            if own is not None:
                last_by_type[event.plover] = own
                continue
            source = last_by_type.get(event.plover) or dateline
            if source is None and event.sent.start == first_sentence:
                # a headline names the place only in the story below it
                later = (
                    self._own_event_place(e)
                    for e in events
                    if e.trigger.i > event.trigger.i and e.plover == event.plover
                )
                source = next((p for p in later if p is not None), None)
            source = source or only_place
            if source is not None:
                event.places.append(_borrowed(source))
                event.extra["place_fallback"] = True

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
