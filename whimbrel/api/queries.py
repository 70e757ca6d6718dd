"""The store queries behind each endpoint: parameterised SQL in, plain dicts out."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from whimbrel.api.db import parse_json, rows, scalar
from whimbrel.api.filters import EventFilters, EventQuery, where
from whimbrel.api.index import EVENT_COLUMNS, MENTION_COLUMNS, EventIndex

#: How many busiest places the stats return for the map (more would not be readable as dots).
MAX_MAP_PLACES = 1000


def _summary(event: dict[str, Any]) -> dict[str, Any]:
    """An ``ev`` row shaped as an EventSummary: actors and representative mention nested."""
    out = {k: event[k] for k in EVENT_COLUMNS}
    for side in ("source", "target"):
        out[side] = {
            "code": event[f"{side}_code"],
            "country": event[f"{side}_country"],
            "name": event[f"{side}_name"],
            "text": event[f"{side}_text"],
        }
    out["mention"] = {k: event[k] for k in MENTION_COLUMNS} if event["mention_id"] else None
    return out


def list_events(index: EventIndex, query: EventQuery) -> str:
    """The page as EventPage JSON: the events' summaries are rendered once, at start-up (see index.py)."""
    total, summaries = index.page(query)
    head = json.dumps({"total": total, "page": query.page, "page_size": query.page_size})
    return f'{head[:-1]}, "items": [{", ".join(summaries)}]}}'


def relative_span(text: str | None, start: int | None, sentence: str, sentence_start: int | None) -> dict[str, Any]:
    """A span's offsets within its sentence, checked against the text; searched for when they disagree."""
    text = text or ""
    if start is not None and sentence_start is not None:
        rel = start - sentence_start
        if rel >= 0 and sentence[rel : rel + len(text)] == text:
            return {"text": text, "start": rel, "end": rel + len(text)}
    found = sentence.find(text) if text else -1
    if found < 0:
        return {"text": text, "start": None, "end": None}
    return {"text": text, "start": found, "end": found + len(text)}


def _actor_span(actor: dict[str, Any] | None, sentence: str, sentence_start: int | None) -> dict[str, Any] | None:
    if not actor:
        return None
    span = relative_span(actor.get("text"), actor.get("start"), sentence, sentence_start)
    return {**span, **{k: actor.get(k) for k in ("name", "country", "group", "agent", "code")}}


def _place_span(place: dict[str, Any], sentence: str, sentence_start: int | None) -> dict[str, Any]:
    span = relative_span(place.get("text"), place.get("start"), sentence, sentence_start)
    keys = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
    return {**span, **{k: place.get(k) for k in keys}, "role": place.get("role") or "mentioned"}


def _mention_detail(m: dict[str, Any]) -> dict[str, Any]:
    record = parse_json(m["record"], {})
    sentence = m["sentence"] or ""
    at = m["sentence_start"]
    attribution = record.get("attribution") or {}
    return {
        "mention_id": m["mention_id"],
        "article": {k: m[k] for k in ("article_id", "title", "url", "published")} | {"outlet": m["article_outlet"]},
        "sentence": sentence,
        "sentence_start": at,
        "sentence_kind": m["sentence_kind"],
        "trigger": relative_span(m["trigger_text"], m["trigger_start"], sentence, at),
        "source": _actor_span(record.get("source"), sentence, at),
        "target": _actor_span(record.get("target"), sentence, at),
        "places": [_place_span(p, sentence, at) for p in record.get("locations") or []],
        "attribution": {
            "speaker": attribution.get("speaker", m["speaker"]),
            "outlet": attribution.get("outlet", m["outlet"]),
            "speaker_actor": attribution.get("speaker_actor"),
            "chain": attribution.get("chain") or [],
        },
        "quantities": record.get("quantities") or {},
        **{
            k: m[k]
            for k in (
                "modality",
                "pattern_id",
                "cameo",
                "plover",
                "date",
                "date_end",
                "date_precision",
                "date_text",
                "confidence",
            )
        },
    }


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    found = rows(cur, "SELECT * FROM ev e WHERE e.event_id = ?", [event_id])
    if not found:
        return None
    mentions = rows(
        cur,
        """SELECT m.*, a.title, a.url, a.published, a.outlet AS article_outlet
           FROM store.event_mentions m LEFT JOIN store.articles a ON a.article_id = m.article_id
           WHERE m.event_id = ?
           ORDER BY m.confidence DESC NULLS LAST, m.mention_id""",
        [event_id],
    )
    detail = _summary(found[0])
    detail["mentions"] = [_mention_detail(m) for m in mentions]
    return detail


def get_article(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    found = rows(
        cur,
        """SELECT article_id, title, outlet, published, url, source_path, source_line, coding_version,
                  duplicate_of, similarity, metadata, text, dropped
           FROM store.articles WHERE article_id = ?""",
        [article_id],
    )
    if not found:
        return None
    article = found[0]
    article["metadata"] = parse_json(article["metadata"], {})
    article["dropped"] = parse_json(article["dropped"], [])
    article["sentences"] = rows(
        cur,
        "SELECT idx, start_char AS start, end_char AS end, text, kind, speaker, outlet "
        "FROM store.sentences WHERE article_id = ? ORDER BY idx",
        [article_id],
    )
    article["mentions"] = rows(
        cur,
        "SELECT mention_id, event_id, trigger_text, trigger_start, trigger_end, plover, cameo, modality "
        "FROM store.event_mentions WHERE article_id = ? ORDER BY trigger_start, mention_id",
        [article_id],
    )
    return article


def _counts(cur: duckdb.DuckDBPyConnection, column: str, clause: str, params: list[Any]) -> list[dict[str, Any]]:
    # ``column`` is one of the fixed names passed by ``stats`` below, never user input.
    return rows(
        cur,
        f"SELECT {column} AS key, count(*) AS count FROM ev e WHERE {clause} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


def stats(cur: duckdb.DuckDBPyConnection, filters: EventFilters) -> dict[str, Any]:
    clause, params = where(filters)
    return {
        "total": int(scalar(cur, f"SELECT count(*) FROM ev e WHERE {clause}", params) or 0),
        "by_day": rows(
            cur,
            f"SELECT e.date AS date, count(*) AS count FROM ev e WHERE {clause} AND e.date IS NOT NULL "
            "GROUP BY 1 ORDER BY 1",
            params,
        ),
        "by_plover": _counts(cur, "e.plover", clause, params),
        "by_country": _counts(cur, "e.event_country", clause, params),
        "by_place": rows(
            cur,
            f"""SELECT any_value(e.event_place) AS place, any_value(e.event_country) AS country,
                       round(e.lat, 2) AS lat, round(e.lon, 2) AS lon,
                       count(*) AS events, coalesce(sum(e.n_sources), 0) AS sources
                FROM ev e WHERE {clause} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
                GROUP BY 3, 4 ORDER BY 5 DESC, 3, 4 LIMIT ?""",
            [*params, MAX_MAP_PLACES],
        ),
    }


def health(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    counts = rows(
        cur,
        "SELECT (SELECT count(*) FROM store.events) AS events, (SELECT count(*) FROM store.event_mentions) AS mentions, "
        "(SELECT count(*) FROM store.articles) AS articles",
        [],
    )[0]
    return {"status": "ok", **counts}
