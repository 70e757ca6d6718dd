"""The plain data that flows out of the pipeline.

Stages annotate a spaCy ``Doc`` (see :mod:`whimbrel.nlp.extensions`); after the last stage
:func:`whimbrel.pipeline.doc_to_events` turns the annotations into the records below. Nothing
downstream of that function (store, API, exports, evaluation) looks at spaCy objects.

Every field with no value is ``None`` -- never a guess dressed up as data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "intended", "threatened", "denied", "claimed", "background"]
PlaceRole = Literal["event", "origin", "mentioned"]
DatePrecision = Literal["day", "week", "month", "year"]
SentenceKind = Literal["reporting", "quotation", "background", "commentary", "furniture"]


@dataclass(slots=True)
class DroppedLine:
    """A line removed before NLP (footer, share bar, byline): kept so nothing is silently lost."""

    line_no: int
    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One input report after reading and cleaning. ``text`` is what all offsets point into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    source_path: str | None = None
    source_line: int | None = None
    raw_text: str | None = None
    dropped: list[DroppedLine] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class TextSpan:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """An event participant: the words in the text and what they were resolved to."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3 (or an IGO code such as "NATO")
    group: str | None = None  # named non-state group, e.g. "ISIS"
    agent: str | None = None  # sector code: GOV, MIL, COP, REB, INS, CVL, ...
    code: str | None = None  # CAMEO-style composite, e.g. "RUSMIL"


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    precision: Literal["point", "admin1", "country"] | None = None
    role: PlaceRole = "mentioned"


@dataclass(slots=True)
class Attribution:
    speaker: str | None = None
    outlet: str | None = None
    speaker_actor: str | None = None  # actor code of the speaker, e.g. "RUSMIL"
    chain: list[str] = field(default_factory=list)  # outermost first: outlet -> speaker -> ...


@dataclass(slots=True)
class Event:
    event_id: str
    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    # The word the event is anchored on: its clause's predicate verb, as in CAMEO/PETRARCH coding.
    # When the event was read from a noun that a verb of the sentence tells ("launched an offensive",
    # "the explosion occurred", "were killed in an attack"), that verb, with the noun in ``told_by``
    # (see :mod:`whimbrel.events.anchor`); else the cue word itself.
    trigger: TextSpan
    pattern_id: str
    cameo: str
    plover: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None  # ISO date
    date_end: str | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    locations: list[Place] = field(default_factory=list)
    modality: Modality = "asserted"
    sentence_kind: SentenceKind = "reporting"
    attribution: Attribution = field(default_factory=Attribution)
    quantities: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.5
    # Other words of the sentence that tell this same event, in sentence order: the noun it was read
    # from when ``trigger`` is the verb telling it ("strikes" of "carried out strikes", "clashes" of
    # "12 were killed in the clashes"), and any further such verbs ("killing" of "a bomber detonated
    # himself, killing three")
    told_by: list[TextSpan] = field(default_factory=list)
    # What was inferred rather than read: "place_fallback" (the sentence names no place),
    # "source_country_from_place", "target_country_from_speaker", ...
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape promised in ``../shared/eval/README.md`` (plus a few extra keys)."""
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Toponym:
    """One place name found by ``whimbrel geoparse``."""

    text: str
    start: int
    end: int
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature_code: str | None
    role: PlaceRole = "mentioned"
