"""The annotations whimbrel's stages set on a spaCy ``Doc``: the contract between stages.

Stages run in this order (see ``whimbrel.config.PIPELINE``) and each only *adds* to what
earlier stages set:

1. ``attribution.SentenceClassifier`` -> ``doc._.sentence_info``
2. ``geo.PlaceRecognizer``            -> ``doc._.places``
3. ``events.EventMatcher``           -> ``doc._.event_mentions`` (trigger, role spans, modality, quantities)
4. ``actors.ActorResolver``          -> ``EventMention.source_actor`` / ``target_actor``
5. ``geo.PlaceRoles``                -> ``EventMention.places`` (each with a role)
6. ``time.EventDater``               -> ``EventMention.date*``
7. ``attribution.AttributionChainer`` -> ``EventMention.attribution``, final ``modality``

Spans and tokens are kept here only while the Doc lives; ``pipeline.doc_to_events`` turns
everything into plain :mod:`whimbrel.model` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from whimbrel.model import Actor, Article, Attribution, Modality, Place, SentenceKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(slots=True)
class SentenceInfo:
    """What kind of sentence this is and who, if anyone, it is credited to."""

    kind: SentenceKind = "reporting"
    attribution: Attribution = field(default_factory=Attribution)
    # The speaker's words in the text ("Russia's defense ministry"), for ActorResolver to resolve
    # into ``attribution.speaker_actor``. A pronoun speaker ("it said") points at the span of the
    # speaker it refers to.
    speaker_span: Span | None = None
    # Character ranges (doc offsets) of quoted or reported-speech content inside the sentence:
    # an event whose trigger falls inside one is the speaker's claim.
    reported_ranges: list[tuple[int, int]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why the kind was chosen (for debugging)


@dataclass(slots=True)
class PlaceMention:
    """A toponym in the text with its resolved gazetteer entry (``place`` may be unresolved)."""

    span: Span
    place: Place
    is_demonym: bool = False
    source: str = "ner"  # "ner" | "gazetteer" | "demonym"


@dataclass(slots=True)
class EventMention:
    """One coded event while the Doc is alive. Later stages fill the ``None`` fields."""

    trigger: Token
    sent: Span
    pattern_id: str
    cameo: str
    plover: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source_span: Span | None = None
    target_span: Span | None = None
    modality: Modality = "asserted"
    quantities: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.5
    # other words of the sentence that tell this same event: the light verb carrying a noun trigger
    # ("carried out strikes"), verbs merged into it as their cause ("12 were killed in the clashes")
    told_by: list[Token] = field(default_factory=list)
    # filled by later stages
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    places: list[Place] = field(default_factory=list)
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    attribution: Attribution = field(default_factory=Attribution)
    sentence_kind: SentenceKind = "reporting"
    # Stage notes; every key set to True becomes one of the Event's ``flags`` (what was inferred).
    extra: dict[str, Any] = field(default_factory=dict)


def _set(name: str, getter_default: Any) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=getter_default)


def register_extensions() -> None:
    """Idempotent: safe to call from every component's constructor."""
    _set("article", None)  # whimbrel.model.Article
    _set("sentence_info", None)  # dict[int, SentenceInfo], keyed by sentence start *token* index
    _set("places", None)  # list[PlaceMention]
    _set("event_mentions", None)  # list[EventMention]


def article_of(doc: Doc) -> Article:
    """The Article a Doc was made from (a bare one for docs made from plain text)."""
    art = doc._.article
    if art is None:
        art = Article(id="doc", text=doc.text)
        doc._.article = art
    return art


def sentence_info(doc: Doc, sent: Span) -> SentenceInfo:
    infos = doc._.sentence_info
    if infos is None:
        infos = doc._.sentence_info = {}
    info = infos.get(sent.start)
    if info is None:
        info = infos[sent.start] = SentenceInfo()
    return info


def places_of(doc: Doc) -> list[PlaceMention]:
    if doc._.places is None:
        doc._.places = []
    return doc._.places


def event_mentions_of(doc: Doc) -> list[EventMention]:
    if doc._.event_mentions is None:
        doc._.event_mentions = []
    return doc._.event_mentions
