"""The event filters shared by ``/api/events`` and ``/api/stats``, and their SQL.

Every user value reaches DuckDB as a bound parameter; the only SQL text chosen by the request
is picked from fixed fragments (the sort keys below), never formatted from the value itself.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from whimbrel.model import Modality

MAX_PAGE_SIZE = 500
MAX_TERMS = 8


class BBox(BaseModel):
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @property
    def crosses_antimeridian(self) -> bool:
        return self.min_lon > self.max_lon


def parse_bbox(value: str) -> BBox:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees; min_lon > max_lon spans the antimeridian."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox needs four comma-separated numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError("bbox values must be numbers (degrees): min_lon,min_lat,max_lon,max_lat") from None
    if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)):
        raise ValueError("bbox longitudes must lie between -180 and 180")
    if not all(-90 <= lat <= 90 for lat in (min_lat, max_lat)):
        raise ValueError("bbox latitudes must lie between -90 and 90")
    if min_lat > max_lat:
        raise ValueError("bbox min_lat must not exceed max_lat")
    return BBox(min_lon=min_lon, min_lat=min_lat, max_lon=max_lon, max_lat=max_lat)


class EventFilters(BaseModel):
    """Which merged events to select. Every filter is optional; they combine with AND."""

    model_config = ConfigDict(extra="forbid")

    actor: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Actor code prefix (e.g. RUS, RUSMIL) or a substring of the actor's name or words, "
        "as source or target.",
    )
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code of the event's place, e.g. SYR."
    )
    plover: list[str] = Field(
        default_factory=list, description="PLOVER event type (repeat the parameter for several), e.g. ASSAULT."
    )
    cameo: str | None = Field(
        None, pattern=r"^[0-9]{1,4}$", description="CAMEO code prefix: 19 selects all fighting, 195 aerial attacks."
    )
    acled: str | None = Field(
        None, min_length=1, max_length=100, description="ACLED event type or sub-event type, e.g. Battles."
    )
    modality: Modality | None = Field(None, description="Only events with this modality (asserted, claimed, ...).")
    date_from: date | None = Field(None, description="Events ending on or after this day (YYYY-MM-DD).")
    date_to: date | None = Field(None, description="Events starting on or before this day (YYYY-MM-DD).")
    bbox: str | None = Field(
        None,
        description="Event place inside min_lon,min_lat,max_lon,max_lat (degrees); "
        "min_lon > max_lon spans the antimeridian.",
    )
    q: str | None = Field(
        None, min_length=1, max_length=200, description="Words that must all occur in one reporting sentence."
    )
    disputed: bool | None = Field(None, description="Only events whose reports disagree (true) or agree (false).")

    @field_validator("plover")
    @classmethod
    def _plover_codes(cls, values: list[str]) -> list[str]:
        codes = [v.strip().upper() for v in values if v.strip()]
        for code in codes:
            if not code.replace("_", "").isalpha() or len(code) > 40:
                raise ValueError(f"'{code}' is not a PLOVER type (letters and underscores, e.g. ASSAULT)")
        return codes

    @field_validator("bbox")
    @classmethod
    def _bbox_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> EventFilters:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")
        return self

    def terms(self) -> list[str]:
        return self.q.lower().split()[:MAX_TERMS] if self.q else []


class Sort(StrEnum):
    date = "date"
    date_desc = "-date"
    n_sources = "n_sources"
    n_sources_desc = "-n_sources"
    n_mentions = "n_mentions"
    n_mentions_desc = "-n_mentions"
    killed = "killed"
    killed_desc = "-killed"


ORDER_BY: dict[Sort, str] = {
    Sort.date: "e.date ASC NULLS LAST",
    Sort.date_desc: "e.date DESC NULLS LAST",
    Sort.n_sources: "e.n_sources ASC NULLS LAST",
    Sort.n_sources_desc: "e.n_sources DESC NULLS LAST",
    Sort.n_mentions: "e.n_mentions ASC NULLS LAST",
    Sort.n_mentions_desc: "e.n_mentions DESC NULLS LAST",
    Sort.killed: "e.killed_max ASC NULLS LAST",
    Sort.killed_desc: "e.killed_max DESC NULLS LAST",
}


class EventQuery(EventFilters):
    sort: Sort = Field(Sort.date_desc, description="Order: date, n_sources, n_mentions or killed; '-' for descending.")
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=f"Events per page (at most {MAX_PAGE_SIZE}).")

    def order_by(self) -> str:
        # Ties broken by the newest-first number so paging is stable.
        return f"{ORDER_BY[self.sort]}, e.n"


def _actor_condition(needle: str) -> tuple[str, list[Any]]:
    code, words = needle.strip().upper(), needle.strip().lower()
    sql = (
        "(starts_with(upper(e.source_code), ?) OR starts_with(upper(e.target_code), ?)"
        " OR e.n IN (SELECT n FROM ev_actor WHERE wid IN (SELECT wid FROM actor_vocab WHERE contains(word, ?))))"
    )
    return sql, [code, code, words]


def _bbox_condition(box: BBox) -> tuple[str, list[Any]]:
    lat = "e.lat BETWEEN ? AND ?"
    if box.crosses_antimeridian:
        return f"({lat} AND (e.lon >= ? OR e.lon <= ?))", [box.min_lat, box.max_lat, box.min_lon, box.max_lon]
    return f"({lat} AND e.lon BETWEEN ? AND ?)", [box.min_lat, box.max_lat, box.min_lon, box.max_lon]


def _text_condition(terms: list[str]) -> tuple[str, list[Any]]:
    # All words in one sentence of one report: a phrase split across reports is not evidence.
    each = " AND ".join(["contains(sentence, ?)"] * len(terms))
    return f"e.n IN (SELECT n FROM ev_text WHERE {each})", list(terms)


def where(f: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``ev e``, see :mod:`whimbrel.api.db`) and its parameters, in order."""
    parts: list[tuple[str, list[Any]]] = []
    if f.actor:
        parts.append(_actor_condition(f.actor))
    if f.country:
        parts.append(("e.event_country = ?", [f.country.upper()]))
    if f.plover:
        parts.append(("e.plover IN (SELECT unnest(?::VARCHAR[]))", [f.plover]))
    if f.cameo:
        parts.append(("starts_with(e.cameo, ?)", [f.cameo]))
    if f.acled:
        needle = f.acled.strip().lower()
        parts.append(("(lower(e.acled_event_type) = ? OR lower(e.acled_sub_event_type) = ?)", [needle, needle]))
    if f.modality:
        parts.append(("e.modality = ?", [f.modality]))
    if f.date_from:
        parts.append(("coalesce(e.date_end, e.date) >= ?", [f.date_from]))
    if f.date_to:
        parts.append(("e.date <= ?", [f.date_to]))
    if f.bbox:
        parts.append(_bbox_condition(parse_bbox(f.bbox)))
    if f.terms():
        parts.append(_text_condition(f.terms()))
    if f.disputed is not None:
        parts.append(("coalesce(e.disputed, false) = ?", [f.disputed]))
    if not parts:
        return "TRUE", []
    return " AND ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]
