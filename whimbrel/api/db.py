"""Read-only access to the store for concurrent requests.

The store file is attached read-only (as ``store``) to an in-memory DuckDB database. At start-up
these derived tables are built in memory from it:

- ``ev``: one row per merged event with the columns of its representative (most confident)
  mention and article title, numbered ``n`` in newest-first order;
- ``ev_text``: one row per mention, its sentence lower-cased, for text search;
- ``actor_vocab`` and ``ev_actor``: every distinct actor name or wording (lower-cased) and the events
  it occurs in, so an actor search scans the short vocabulary, not every mention.

Without them every page of ``/api/events`` re-ran the representative-mention join over all
mentions (about 45 ms a page at 100,000 events). ``/api/events`` itself is then answered from
``index`` (:class:`whimbrel.api.index.EventIndex`, arrays copied from these tables) with no
DuckDB work per request; the other endpoints query the tables. The snapshot is safe: while the server holds the file open, DuckDB's file lock
keeps ``whimbrel run`` from writing it, so restart the server to see new runs.

A DuckDB connection must not be used by two threads at once and FastAPI runs each request on a
worker thread, so every request takes its own cursor of the one in-memory database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb

from whimbrel.api.index import EventIndex
from whimbrel.store.writer import Store

SNAPSHOT = """
CREATE TABLE ev AS
WITH rep AS (
    SELECT DISTINCT ON (m.event_id) m.event_id, m.mention_id, m.article_id, m.sentence, m.trigger_text, m.outlet,
           m.speaker, m.confidence, m.source_name, m.source_text, m.target_name, m.target_text
    FROM store.event_mentions m
    WHERE m.event_id IS NOT NULL
    ORDER BY m.event_id, m.confidence DESC NULLS LAST, m.mention_id
)
SELECT row_number() OVER (ORDER BY e.date DESC NULLS LAST, e.event_id) AS n, e.*, rep.* EXCLUDE (event_id), a.title
FROM store.events e
LEFT JOIN rep USING (event_id)
LEFT JOIN store.articles a ON a.article_id = rep.article_id
ORDER BY n;

CREATE TABLE ev_text AS
SELECT ev.n, lower(m.sentence) AS sentence
FROM store.event_mentions m JOIN ev USING (event_id)
ORDER BY ev.n;

CREATE TEMP TABLE actor_words AS
SELECT DISTINCT n, lower(w) AS word FROM (
    SELECT ev.n, unnest([m.source_name, m.source_text, m.target_name, m.target_text]) AS w
    FROM store.event_mentions m JOIN ev USING (event_id)
) WHERE w IS NOT NULL;

CREATE TABLE actor_vocab AS
SELECT row_number() OVER (ORDER BY word) AS wid, word FROM (SELECT DISTINCT word FROM actor_words);

CREATE TABLE ev_actor AS
SELECT a.n, v.wid FROM actor_words a JOIN actor_vocab v USING (word) ORDER BY a.n;

DROP TABLE actor_words;
"""


class Database:
    """The store attached read-only, with the in-memory tables above; one cursor per request."""

    def __init__(self, path: str) -> None:
        self.path = path
        Store(path, read_only=True).close()  # a missing or foreign file fails here with E401
        self._con = duckdb.connect(":memory:")
        self._con.execute("SET enable_progress_bar = false")  # no progress bars in the server's log
        # ATTACH takes no bound parameters; the path is the operator's, quoted as an SQL literal.
        literal = "'" + path.replace("'", "''") + "'"
        self._con.execute(f"ATTACH {literal} AS store (READ_ONLY)")
        self._con.execute(SNAPSHOT)
        self.index = EventIndex(self._con)
        self._lock = threading.Lock()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # Creating cursors is the one thing threads share; serialise just that.
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run one parameterised query; rows as dicts keyed by column name."""
    result = cur.execute(sql, params)
    cols = [d[0] for d in result.description]
    return [dict(zip(cols, row, strict=True)) for row in result.fetchall()]


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
    row = cur.execute(sql, params).fetchone()
    return row[0] if row else None


def parse_json(value: Any, default: Any) -> Any:
    """A JSON column's value (DuckDB hands JSON back as text); ``default`` when empty or broken."""
    if value is None:
        return default
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return default
