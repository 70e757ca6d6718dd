"""The role of each place in each event: the ``whimbrel_place_roles`` stage.

For every event mention, every place in its sentence gets one role, read off the dependency
parse between the place and the event:

* ``origin`` -- the place sits under "from"/"out of" ("took off from a base in Iran", "fired
  from Gaza");
* ``event`` -- it sits under a locative preposition ("in", "near", "across", "on" as in "strikes
  on Raqqa"), or is the subject of a passive or the object of the trigger ("Aleppo was shelled",
  "bombed Mosul"), or is coordinated with an event place ("in Aleppo, Deir el-Zor and Idlib");
* ``mentioned`` -- anything else, including demonyms ("Russian bombers") and places inside the
  source actor's words ("Iran's news agency"). A place inside the *target*'s words counts as
  event only under a locative preposition ("ISIS in Syria").

A country is demoted to ``mentioned`` when a finer event place lies inside it. A sentence with
no event place borrows the nearest earlier one in the article (or the dateline place), one
precision level coarser, and says so with ``extra["place_fallback"] = True``.
"""

from __future__ import annotations

import dataclasses

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
    if mention.is_demonym or _inside(event.source_span, mention):
        return "mentioned"
    root = _coordination_root(mention.span.root)
    prep = _governing_prep([root, *_head_path(root, None)][1:])
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


class PlaceRoles:
    """spaCy component: fills ``EventMention.places`` (see module doc)."""

    def __init__(self, nlp: Language, name: str, fallback_to_previous: bool = True) -> None:
        register_extensions()
        self.name = name
        self.fallback_to_previous = fallback_to_previous

    def __call__(self, doc: Doc) -> Doc:
        places = places_of(doc)
        previous_event_place = dateline_place(doc)
        for event in sorted(event_mentions_of(doc), key=lambda m: m.trigger.i):
            in_sentence = [pm for pm in places if event.sent.start <= pm.span.start and pm.span.end <= event.sent.end]
            roles = _demote_countries([(pm, syntactic_role(event, pm)) for pm in in_sentence])
            event.places = [_role_copy(pm.place, role) for pm, role in roles]
            event_places = [p for p in event.places if p.role == "event" and p.lat is not None]
            if event_places:
                previous_event_place = event_places[0]
            elif self.fallback_to_previous and previous_event_place is not None:
                borrowed = _role_copy(previous_event_place, "event")
                borrowed.precision = COARSER.get(previous_event_place.precision or "point", "country")  # type: ignore[assignment]
                event.places.append(borrowed)
                event.extra["place_fallback"] = True
        return doc
