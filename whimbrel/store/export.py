"""Exports in the formats and column layouts analysts already load.

Layouts:

- ``mentions`` (default): one row per coded sentence-level mention, every whimbrel column.
- ``events``: one row per real-world event (mentions merged), with evidence counts.
- ``gdelt``: GDELT 2.0 event-table columns that whimbrel can fill; the others are left out.
  Country codes are ISO 3166 alpha-3 (GDELT's own ActionGeo codes are FIPS).
- ``acled``: ACLED's main columns, one row per event, the first report's sentence as ``notes``.
- ``plover``: PLOVER event records as JSON (jsonl only).

Parquet output can be partitioned by month (a folder of ``month=YYYY-MM`` parts) for large stores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import duckdb

Layout = Literal["mentions", "events", "gdelt", "acled", "plover"]
Format = Literal["parquet", "csv", "jsonl"]

# The event's representative mention: the earliest-dated, then first in text order.
_REPRESENTATIVE = """
    SELECT * FROM (
        SELECT m.*, row_number() OVER (PARTITION BY event_id ORDER BY date NULLS LAST, article_id, trigger_start) AS rn
        FROM event_mentions m
    ) WHERE rn = 1
"""

# GDELT's QuadClass groups CAMEO roots: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
_QUAD_CLASS = """
    CASE WHEN cast(left(e.cameo, 2) AS INTEGER) <= 5 THEN 1
         WHEN cast(left(e.cameo, 2) AS INTEGER) <= 8 THEN 2
         WHEN cast(left(e.cameo, 2) AS INTEGER) <= 13 THEN 3
         ELSE 4 END
"""

QUERIES: dict[str, str] = {
    "mentions": "SELECT * EXCLUDE (record) FROM event_mentions ORDER BY date NULLS LAST, article_id, trigger_start",
    "events": "SELECT * FROM events ORDER BY date NULLS LAST, event_id",
    "gdelt": f"""
        SELECT e.event_id AS GLOBALEVENTID,
               cast(strftime(e.date, '%Y%m%d') AS INTEGER) AS SQLDATE,
               cast(strftime(e.date, '%Y%m') AS INTEGER) AS MonthYear,
               year(e.date) AS Year,
               r.source_code AS Actor1Code, r.source_name AS Actor1Name, r.source_country AS Actor1CountryCode,
               r.source_agent AS Actor1Type1Code,
               r.target_code AS Actor2Code, r.target_name AS Actor2Name, r.target_country AS Actor2CountryCode,
               r.target_agent AS Actor2Type1Code,
               e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode, left(e.cameo, 2) AS EventRootCode,
               {_QUAD_CLASS} AS QuadClass,
               e.n_mentions AS NumMentions, e.n_sources AS NumSources, e.n_articles AS NumArticles,
               e.event_place AS ActionGeo_FullName, e.event_country AS ActionGeo_CountryCode,
               e.lat AS ActionGeo_Lat, e.lon AS ActionGeo_Long,
               cast(strftime(a.processed_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
               a.url AS SOURCEURL
        FROM events e JOIN ({_REPRESENTATIVE}) r USING (event_id) JOIN articles a ON a.article_id = r.article_id
        WHERE e.modality IN ('asserted', 'claimed')
        ORDER BY e.date NULLS LAST, e.event_id
    """,
    "acled": f"""
        SELECT e.event_id AS event_id_cnty,
               e.date AS event_date, year(e.date) AS year,
               CASE e.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END AS time_precision,
               e.acled_event_type AS event_type, e.acled_sub_event_type AS sub_event_type,
               coalesce(r.source_name, r.source_text) AS actor1,
               coalesce(r.target_name, r.target_text) AS actor2,
               e.event_country AS iso3, e.event_place AS location,
               e.lat AS latitude, e.lon AS longitude,
               r.outlet AS source, r.sentence AS notes,
               coalesce(e.killed_min, 0) AS fatalities,
               e.n_sources AS sources_count, e.disputed AS disputed
        FROM events e JOIN ({_REPRESENTATIVE}) r USING (event_id)
        WHERE e.acled_event_type IS NOT NULL AND e.modality IN ('asserted', 'claimed')
        ORDER BY e.date NULLS LAST, e.event_id
    """,
}


def export(
    con: duckdb.DuckDBPyConnection,
    output: Path,
    layout: Layout = "mentions",
    fmt: Format = "parquet",
    partition_by_month: bool = False,
) -> int:
    """Write the export; returns the number of rows written."""
    if layout == "plover":
        if fmt != "jsonl":
            raise ValueError("the plover layout is JSON: use --format jsonl")
        return _export_plover(con, output)
    query = QUERIES[layout]
    count_row = con.execute(f"SELECT count(*) FROM ({query})").fetchone()  # noqa: S608 - fixed queries
    rows = int(count_row[0]) if count_row else 0
    target = str(output).replace("'", "''")
    if fmt == "parquet" and partition_by_month:
        output.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"COPY (SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS month FROM ({query})) "
            f"TO '{target}' (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)"
        )
    elif fmt == "parquet":
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet)")
    elif fmt == "csv":
        con.execute(f"COPY ({query}) TO '{target}' (HEADER, DELIMITER ',')")
    else:
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT json)")
    return rows


def _export_plover(con: duckdb.DuckDBPyConnection, output: Path) -> int:
    """PLOVER records: one JSON object per event, built from its representative mention."""
    cur = con.execute(
        f"""SELECT e.event_id, e.plover, e.plover_mode, e.cameo, e.date, e.date_end, e.n_sources, e.killed_min,
                   r.record, a.url
            FROM events e JOIN ({_REPRESENTATIVE}) r USING (event_id) JOIN articles a ON a.article_id = r.article_id
            ORDER BY e.date NULLS LAST, e.event_id"""
    )
    n = 0
    with output.open("w", encoding="utf-8") as out:
        for event_id, plover, mode, cameo, day, day_end, n_sources, killed, record, url in cur.fetchall():
            rec = json.loads(record)

            def actor(a: dict | None) -> list[dict]:
                if not a:
                    return []
                return [{"actorText": a["text"], "code": a.get("country") or a.get("group"), "sector": a.get("agent")}]

            place = next((p for p in rec["locations"] if p["role"] == "event"), None)
            doc = {
                "id": event_id,
                "date": str(day) if day else None,
                "date_end": str(day_end) if day_end else None,
                "event": plover,
                "mode": mode,
                "cameo": cameo,
                "source": actor(rec.get("source")),
                "target": actor(rec.get("target")),
                "eventText": rec["trigger"]["text"],
                "eventLoc": {
                    "name": place["name"],
                    "country": place["country"],
                    "lat": place["lat"],
                    "lon": place["lon"],
                }
                if place
                else None,
                "dead": killed,
                "modality": rec["modality"],
                "text": rec["sentence"],
                "sources": n_sources,
                "url": url,
            }
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return n
