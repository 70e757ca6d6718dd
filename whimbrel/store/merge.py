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
from collections.abc import Collection
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


EVENT_COLUMNS = [
    "event_id", "plover", "cameo", "plover_mode", "acled_event_type", "acled_sub_event_type", "source_code",
    "source_country", "target_code", "target_country", "date", "date_end", "date_precision", "event_place",
    "event_country", "lat", "lon", "modality",
]  # fmt: skip


def _window(m: dict[str, Any]) -> tuple[date, date] | None:
    start = _as_date(m["date"])
    if start is None or m["modality"] not in MERGEABLE:
        return None
    return start, _as_date(m["date_end"]) or start


def _overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    window = timedelta(days=DATE_WINDOW_DAYS)
    return a[0] <= b[1] + window and b[0] <= a[1] + window


def _same_event(m: dict[str, Any], ev: dict[str, Any]) -> bool:
    return (
        _agree(m["source_code"], ev["source_code"])
        and _agree(m["target_code"], ev["target_code"])
        and _same_place(m, ev)
    )


def _stated(m: dict[str, Any], flags: Collection[str]) -> dict[str, Any]:
    """The mention with only the actors its sentence names: an actor inferred from the event's
    place (``source_from_place``, ``target_from_place``) is a guess, and two reports of one strike,
    one naming the attacker and one not, must still agree."""
    inferred = {f"{which}_code": None for which in ("source", "target") if f"{which}_from_place" in flags}
    return {**m, **inferred} if inferred else m


class EventMerger:
    """Assigns a batch of mentions to events: existing ones (one range join for the whole batch)
    or new ones created in this batch, which later mentions of the batch may join too."""

    def __init__(self, con: duckdb.DuckDBPyConnection, mentions: list[dict[str, Any]]) -> None:
        self.new_events: list[dict[str, Any]] = []
        self._new_by_type: dict[str, list[tuple[tuple[date, date], dict[str, Any]]]] = {}
        self._stored: dict[int, list[dict[str, Any]]] = {}
        windows = [(i, w, m["plover"]) for i, m in enumerate(mentions) if (w := _window(m)) is not None]
        if not windows:
            return
        pad = timedelta(days=DATE_WINDOW_DAYS)
        cur = con.execute(
            """SELECT w.i, e.event_id, e.source_code, e.target_code, e.lat, e.lon, e.event_country
               FROM (SELECT unnest(?) AS i, unnest(?) AS plover, unnest(?) AS lo, unnest(?) AS hi) AS w
               JOIN events e ON e.plover = w.plover AND e.date <= w.hi AND coalesce(e.date_end, e.date) >= w.lo
               WHERE e.modality IN ('asserted', 'claimed')
               ORDER BY w.i, e.event_id""",
            [
                [i for i, _, _ in windows],
                [p for _, _, p in windows],
                [w[0] - pad for _, w, _ in windows],
                [w[1] + pad for _, w, _ in windows],
            ],
        )
        cols = [d[0] for d in cur.description]
        for row in cur.fetchall():
            rec = dict(zip(cols, row, strict=True))
            self._stored.setdefault(int(rec["i"]), []).append(rec)

    def assign(self, index: int, m: dict[str, Any], flags: Collection[str] = ()) -> str:
        """The event id for mention number ``index`` of the batch (``flags``: the mention's event's)."""
        m = _stated(m, flags)
        window = _window(m)
        if window is not None:
            for ev in self._stored.get(index, []):
                if _same_event(m, ev):
                    return str(ev["event_id"])
            for other_window, ev in self._new_by_type.get(m["plover"], []):
                if _overlaps(window, other_window) and _same_event(m, ev):
                    return str(ev["event_id"])
        event = {col: m.get(col) for col in EVENT_COLUMNS}
        event["event_id"] = f"ev-{m['mention_id']}"
        self.new_events.append(event)
        if window is not None:
            self._new_by_type.setdefault(m["plover"], []).append((window, event))
        return str(event["event_id"])


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
                       -- reports disagree on who did it only where they name the doer
                       OR count(DISTINCT source_code) FILTER (
                              WHERE NOT coalesce(json_contains(record -> '$.flags', '"source_from_place"'), false)
                          ) > 1
                       OR count(DISTINCT event_country) > 1) AS disputed
               FROM event_mentions
               WHERE event_id IN (SELECT unnest(?))
               GROUP BY event_id
           ) AS s
           WHERE events.event_id = s.event_id""",
        [ids],
    )
