"""One real-world event, many reports: event mentions are grouped into events.

Two mentions are the same event when they have the same PLOVER type, their dates are within
:data:`DATE_WINDOW_DAYS` of each other, their source and target agree wherever both are known,
and their places are within :data:`MAX_KM` (or in the same country when either lacks a point).
Only dated, reported mentions (asserted or claimed) are grouped; a threat, a denial or a
hypothetical stays an event of its own. Where the reports of one event disagree (fatalities,
place, perpetrator) the event is marked ``disputed`` and each claim stays on its mention.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import duckdb

DATE_WINDOW_DAYS = 1
MAX_KM = 50.0
MERGEABLE = ("asserted", "claimed")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _agree(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _same_place(m: dict[str, Any], e: dict[str, Any]) -> bool:
    if None not in (m["lat"], m["lon"], e["lat"], e["lon"]):
        return haversine_km(m["lat"], m["lon"], e["lat"], e["lon"]) <= MAX_KM
    return _agree(m["event_country"], e["event_country"])


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def find_event(con: duckdb.DuckDBPyConnection, m: dict[str, Any]) -> str | None:
    """The id of an existing event this mention reports, or None."""
    start = _as_date(m["date"])
    if start is None or m["modality"] not in MERGEABLE:
        return None
    end = _as_date(m["date_end"]) or start
    window = timedelta(days=DATE_WINDOW_DAYS)
    cur = con.execute(
        """SELECT event_id, source_code, target_code, lat, lon, event_country FROM events
           WHERE plover = ? AND modality IN ('asserted', 'claimed')
             AND date <= ? AND coalesce(date_end, date) >= ?
           ORDER BY event_id""",
        [m["plover"], end + window, start - window],
    )
    cols = [d[0] for d in cur.description]
    for row in cur.fetchall():
        ev = dict(zip(cols, row, strict=True))
        if (
            _agree(m["source_code"], ev["source_code"])
            and _agree(m["target_code"], ev["target_code"])
            and _same_place(m, ev)
        ):
            return str(ev["event_id"])
    return None


def create_event(con: duckdb.DuckDBPyConnection, event_id: str, m: dict[str, Any]) -> None:
    con.execute(
        """INSERT INTO events (event_id, plover, cameo, plover_mode, acled_event_type, acled_sub_event_type,
               source_code, source_country, target_code, target_country, date, date_end, date_precision,
               event_place, event_country, lat, lon, modality)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            event_id,
            *(m[k] for k in ("plover", "cameo", "plover_mode", "acled_event_type", "acled_sub_event_type")),
            *(m[k] for k in ("source_code", "source_country", "target_code", "target_country")),
            *(m[k] for k in ("date", "date_end", "date_precision", "event_place", "event_country", "lat", "lon")),
            m["modality"],
        ],
    )


def refresh_events(con: duckdb.DuckDBPyConnection, event_ids: set[str]) -> None:
    """Recount the evidence of the given events; drop those left with no mention."""
    if not event_ids:
        return
    ids = sorted(event_ids)
    con.execute(
        "DELETE FROM events WHERE event_id IN (SELECT unnest(?)) "
        "AND event_id NOT IN (SELECT event_id FROM event_mentions WHERE event_id IS NOT NULL)",
        [ids],
    )
    con.execute(
        """UPDATE events SET
               n_mentions = s.n_mentions, n_articles = s.n_articles, n_sources = s.n_sources,
               killed_min = s.killed_min, killed_max = s.killed_max, disputed = s.disputed
           FROM (
               SELECT event_id,
                      count(*) AS n_mentions,
                      count(DISTINCT article_id) AS n_articles,
                      count(DISTINCT coalesce(outlet, article_id)) AS n_sources,
                      min(killed) AS killed_min,
                      max(killed) AS killed_max,
                      (count(DISTINCT killed) > 1
                       OR count(DISTINCT source_code) > 1
                       OR count(DISTINCT event_country) > 1) AS disputed
               FROM event_mentions
               WHERE event_id IN (SELECT unnest(?))
               GROUP BY event_id
           ) AS s
           WHERE events.event_id = s.event_id""",
        [ids],
    )
