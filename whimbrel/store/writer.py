"""The store: one DuckDB file holding runs, articles, sentences, events, toponyms and failures.

Each batch of articles is written in one transaction, and an article's rows replace whatever
an earlier run stored for it, so a run that is killed and started again loses nothing and
doubles nothing: finished articles are skipped by their content hash and pipeline version.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from datasketch import MinHash

from whimbrel.errors import Err, StoreError, WhimbrelError
from whimbrel.ingest.dedup import DuplicateIndex, Match, from_bytes, to_bytes
from whimbrel.model import Actor, Article, Event
from whimbrel.pipeline import ArticleResult
from whimbrel.store.merge import EventMerger, refresh_events
from whimbrel.store.schema import migrate


def content_hash(article: Article) -> str:
    """What identifies an article's content: text plus the metadata that changes its coding."""
    key = "\x1f".join([article.text, article.title or "", str(article.published or ""), article.outlet or ""])
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def _actor_cols(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [None] * 5
    return [actor.text, actor.name, actor.country, actor.agent, actor.code]


MENTION_COLUMNS = [
    "mention_id", "event_id", "article_id", "sentence_start", "sentence_end", "sentence", "trigger_text",
    "trigger_start", "trigger_end", "pattern_id", "cameo", "plover", "plover_mode", "acled_event_type",
    "acled_sub_event_type", "source_text", "source_name", "source_country", "source_agent", "source_code",
    "target_text", "target_name", "target_country", "target_agent", "target_code", "date", "date_end",
    "date_precision", "date_text", "event_place", "event_country", "lat", "lon", "modality", "sentence_kind",
    "speaker", "outlet", "killed", "confidence", "record",
]  # fmt: skip


def _mention_row(ev: Event) -> dict[str, Any]:
    place = next((p for p in ev.locations if p.role == "event"), None)
    values = [
        ev.event_id,
        None,  # the event it reports: assigned when stored
        ev.article_id,
        ev.sentence_start,
        ev.sentence_end,
        ev.sentence,
        ev.trigger.text,
        ev.trigger.start,
        ev.trigger.end,
        ev.pattern_id,
        ev.cameo,
        ev.plover,
        ev.plover_mode,
        ev.acled_event_type,
        ev.acled_sub_event_type,
        *_actor_cols(ev.source),
        *_actor_cols(ev.target),
        ev.date,
        ev.date_end,
        ev.date_precision,
        ev.date_text,
        place.name if place else None,
        place.country if place else None,
        place.lat if place else None,
        place.lon if place else None,
        ev.modality,
        ev.sentence_kind,
        ev.attribution.speaker,
        ev.attribution.outlet,
        ev.quantities.get("killed"),
        ev.confidence,
        json.dumps(ev.to_dict(), ensure_ascii=False),
    ]
    return dict(zip(MENTION_COLUMNS, values, strict=True))


def _article_row(a: Article, run_id: str, version: str, dup: Match | None) -> dict[str, Any]:
    return {
        "article_id": a.id,
        "content_hash": content_hash(a),
        "coding_version": version,
        "run_id": run_id,
        "source_path": a.source_path,
        "source_line": a.source_line,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "url": a.url,
        "text": a.text,
        "raw_text": a.raw_text if a.raw_text != a.text else None,
        "dropped": json.dumps([asdict(d) for d in a.dropped], ensure_ascii=False),
        "metadata": json.dumps(a.metadata, ensure_ascii=False, default=str),
        "duplicate_of": dup.article_id if dup else None,
        "similarity": round(dup.similarity, 4) if dup else None,
        "processed_at": datetime.now(),
    }


def _sentence_row(article_id: str, s: dict[str, Any]) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "idx": s["idx"],
        "start_char": s["start"],
        "end_char": s["end"],
        "text": s["text"],
        "kind": s["kind"],
        "speaker": s["speaker"],
        "outlet": s["outlet"],
    }


def _toponym_rows(res: ArticleResult) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for t in res.toponyms:
        rows.setdefault(
            t.start,
            {
                "article_id": res.article.id,
                "start_char": t.start,
                "end_char": t.end,
                "text": t.text,
                "name": t.name,
                "geonameid": t.geonameid,
                "lat": t.lat,
                "lon": t.lon,
                "country": t.country,
                "admin1": t.admin1,
                "feature_code": t.feature_code,
            },
        )
    return list(rows.values())


class Store:
    """A whimbrel DuckDB file. Use as a context manager; ``read_only`` for queries."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).is_file():
            raise StoreError(Err.E401, path=self.path, detail="file does not exist")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(Err.E401, path=self.path, detail=str(exc)) from exc
        if not read_only:
            migrate(self.con, self.path)
        elif not self._has_table("meta"):
            raise StoreError(Err.E401, path=self.path, detail="no whimbrel tables")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _has_table(self, name: str) -> bool:
        row = self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
        return bool(row and row[0])

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, inputs: Iterable[str], version: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (run_id, started, pipeline_version, inputs, status) VALUES (?, ?, ?, ?, 'running')",
            [run_id, datetime.now(), version, json.dumps(list(inputs))],
        )
        return run_id

    def finish_run(self, run_id: str, stats: dict[str, int], status: str) -> None:
        self.con.execute(
            """UPDATE runs SET finished = ?, articles_seen = ?, articles_coded = ?, articles_skipped = ?,
               duplicates = ?, events = ?, failures = ?, status = ? WHERE run_id = ?""",
            [
                datetime.now(),
                stats.get("seen", 0),
                stats.get("coded", 0),
                stats.get("skipped", 0),
                stats.get("duplicates", 0),
                stats.get("events", 0),
                stats.get("failures", 0),
                status,
                run_id,
            ],
        )

    # -- articles ---------------------------------------------------------------------------
    def stored_version(self, article: Article) -> str | None:
        """The coding version this exact article (same id, same content) was stored under, if any."""
        row = self.con.execute(
            "SELECT coding_version FROM articles WHERE article_id = ? AND content_hash = ?",
            [article.id, content_hash(article)],
        ).fetchone()
        return str(row[0]) if row else None

    def write_results(
        self,
        results: list[ArticleResult],
        run_id: str,
        version: str,
        duplicates: dict[str, Match] | None = None,
        signatures: dict[str, MinHash] | None = None,
    ) -> None:
        """Write a batch in one transaction, replacing the articles' earlier rows.

        Articles in ``duplicates`` are stored and linked to the report they copy, not coded.
        ``signatures`` (near-duplicate MinHashes) are stored with their articles, so the store
        never knows a signature of an article it does not hold. Rows go in as Arrow tables, one
        statement per table per batch.
        """
        if not results:
            return
        duplicates = duplicates or {}
        con = self.con
        ids = [r.article.id for r in results]
        con.execute("BEGIN TRANSACTION")
        try:
            touched = {
                str(r[0])
                for r in con.execute(
                    "SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN (SELECT unnest(?)) "
                    "AND event_id IS NOT NULL",
                    [ids],
                ).fetchall()
            }
            for table in ("event_mentions", "sentences", "toponyms", "articles", "failures"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])  # noqa: S608
            self._insert(
                "articles", [_article_row(r.article, run_id, version, duplicates.get(r.article.id)) for r in results]
            )
            coded = [r for r in results if r.article.id not in duplicates]
            self._insert("sentences", [_sentence_row(r.article.id, s) for r in coded for s in r.sentences])
            self._insert("toponyms", [row for r in coded for row in _toponym_rows(r)])
            events = [ev for r in coded for ev in r.events]
            mentions = [_mention_row(ev) for ev in events]
            merger = EventMerger(con, mentions)
            for i, (row, ev) in enumerate(zip(mentions, events, strict=True)):
                row["event_id"] = merger.assign(i, row, ev.flags)
                touched.add(row["event_id"])
            self._insert("events", merger.new_events)
            self._insert("event_mentions", mentions)
            refresh_events(con, touched)
            self.save_signatures(signatures or {})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert dict rows by column name through one Arrow table."""
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows)
        cols = ", ".join(f'"{c}"' for c in arrow.column_names)
        self.con.register("_whimbrel_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _whimbrel_rows")  # noqa: S608
        finally:
            self.con.unregister("_whimbrel_rows")

    # -- near-duplicates --------------------------------------------------------------------
    def duplicate_index(self) -> DuplicateIndex:
        """The LSH index of every stored article's signature (rebuilt in memory per run)."""
        index = DuplicateIndex()
        for article_id, blob in self.con.execute("SELECT article_id, minhash FROM article_signatures").fetchall():
            index.add(str(article_id), from_bytes(blob))
        return index

    def save_signatures(self, signatures: dict[str, MinHash]) -> None:
        if signatures:
            self.con.executemany(
                "INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
                [[k, to_bytes(v)] for k, v in signatures.items()],
            )

    # -- failures ---------------------------------------------------------------------------
    def record_failure(self, err: WhimbrelError, run_id: str) -> None:
        """Record (or refresh) one failure; the same failure seen again is one row, not two."""
        ctx = err.context
        path = ctx.get("path")
        line = ctx.get("line")
        article_id = ctx.get("article_id")
        stage = ctx.get("stage")
        key = hashlib.blake2b(f"{path}|{line}|{article_id}|{stage}".encode(), digest_size=12).hexdigest()
        self.con.execute(
            "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                key,
                path,
                line if isinstance(line, int) else None,
                article_id,
                stage,
                err.code.name,
                str(err),
                run_id,
                datetime.now(),
            ],
        )

    def clear_stale_read_failures(self, paths: set[str], run_id: str) -> None:
        """Forget read failures of files read again in this run that no longer fail."""
        if paths:
            self.con.execute(
                "DELETE FROM failures WHERE stage IS NULL AND run_id <> ? AND path IN (SELECT unnest(?))",
                [run_id, sorted(paths)],
            )

    # -- queries ----------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def mentions(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * EXCLUDE (record) FROM event_mentions ORDER BY date NULLS LAST, article_id, trigger_start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql)

    def failures(self) -> list[dict[str, Any]]:
        return self.query(
            "SELECT path, line, article_id, stage, code, message, failed_at FROM failures ORDER BY path, line"
        )

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "sentences", "event_mentions", "events", "toponyms", "failures"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
            out[table] = int(row[0]) if row else 0
        return out
