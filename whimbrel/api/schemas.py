"""Response shapes of the read API (they are also its OpenAPI documentation).

Offsets in an event's mentions are relative to the mention's sentence, ready for highlighting;
``None`` means the span is not in that sentence (an actor resolved from an earlier sentence).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class ActorOut(BaseModel):
    code: str | None = None
    name: str | None = None
    country: str | None = None
    text: str | None = Field(None, description="The words in the representative report.")


class MentionSummary(BaseModel):
    """The representative report of an event: its most confident mention."""

    mention_id: str
    article_id: str
    title: str | None = None
    sentence: str | None = None
    trigger_text: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    confidence: float | None = None


class EventSummary(BaseModel):
    event_id: str
    plover: str | None = None
    plover_mode: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    event_place: str | None = None
    event_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    modality: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    n_mentions: int | None = None
    n_articles: int | None = None
    n_sources: int | None = None
    disputed: bool | None = None
    source: ActorOut
    target: ActorOut
    mention: MentionSummary | None = None


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, over all pages.")
    page: int
    page_size: int
    items: list[EventSummary]


class Span(BaseModel):
    text: str
    start: int | None = Field(None, description="Offset in the sentence; None when not in it.")
    end: int | None = None


class ActorSpan(Span):
    name: str | None = None
    country: str | None = None
    group: str | None = None
    agent: str | None = None
    code: str | None = None


class PlaceSpan(Span):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None
    role: str = Field(description="event (where it happened), origin (where it came from) or mentioned.")


class AttributionOut(BaseModel):
    speaker: str | None = None
    outlet: str | None = None
    speaker_actor: str | None = None
    chain: list[str] = Field(default_factory=list, description="Outermost first: outlet -> speaker -> ...")


class ArticleRef(BaseModel):
    article_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


class MentionDetail(BaseModel):
    mention_id: str
    article: ArticleRef
    sentence: str
    sentence_start: int | None = Field(None, description="Offset of the sentence in the article text.")
    sentence_kind: str | None = None
    trigger: Span
    source: ActorSpan | None = None
    target: ActorSpan | None = None
    places: list[PlaceSpan]
    attribution: AttributionOut
    modality: str | None = None
    pattern_id: str | None = None
    cameo: str | None = None
    plover: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    quantities: dict[str, int] = Field(default_factory=dict)
    confidence: float | None = None


class EventDetail(EventSummary):
    mentions: list[MentionDetail]


class SentenceOut(BaseModel):
    idx: int
    start: int | None = None
    end: int | None = None
    text: str | None = None
    kind: str | None = None
    speaker: str | None = None
    outlet: str | None = None


class ArticleMention(BaseModel):
    mention_id: str
    event_id: str | None = None
    trigger_text: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    plover: str | None = None
    cameo: str | None = None
    modality: str | None = None


class ArticleDetail(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source_path: str | None = None
    source_line: int | None = None
    coding_version: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    text: str | None = None
    sentences: list[SentenceOut]
    dropped: list[dict[str, Any]] = Field(description="Lines removed before coding (line_no, text, reason).")
    mentions: list[ArticleMention]


class DayCount(BaseModel):
    date: dt.date
    count: int


class KeyCount(BaseModel):
    key: str | None
    count: int


class PlaceCount(BaseModel):
    place: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    sources: int


class Stats(BaseModel):
    total: int
    by_day: list[DayCount]
    by_plover: list[KeyCount]
    by_country: list[KeyCount]
    by_place: list[PlaceCount] = Field(description="Events per mapped place (the busiest places first).")


class Health(BaseModel):
    status: str
    events: int
    mentions: int
    articles: int
