"""The DuckDB schema, as numbered migrations applied in order and recorded in ``meta``."""

from __future__ import annotations

import duckdb

from whimbrel.errors import Err, StoreError

MIGRATIONS: list[str] = [
    # 1: the foundation tables
    """
    CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY,
        started TIMESTAMP,
        finished TIMESTAMP,
        pipeline_version VARCHAR,
        inputs VARCHAR,
        articles_seen INTEGER,
        articles_coded INTEGER,
        articles_skipped INTEGER,
        duplicates INTEGER,
        events INTEGER,
        failures INTEGER,
        status VARCHAR
    );
    CREATE TABLE articles (
        article_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        coding_version VARCHAR NOT NULL,
        run_id VARCHAR,
        source_path VARCHAR,
        source_line INTEGER,
        title VARCHAR,
        outlet VARCHAR,
        published DATE,
        url VARCHAR,
        text VARCHAR,
        raw_text VARCHAR,
        dropped JSON,
        metadata JSON,
        duplicate_of VARCHAR,
        similarity DOUBLE,
        processed_at TIMESTAMP
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE TABLE article_signatures (
        article_id VARCHAR PRIMARY KEY,
        minhash BLOB NOT NULL
    );
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER,
        end_char INTEGER,
        text VARCHAR,
        kind VARCHAR,
        speaker VARCHAR,
        outlet VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE event_mentions (
        mention_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        article_id VARCHAR NOT NULL,
        sentence_start INTEGER,
        sentence_end INTEGER,
        sentence VARCHAR,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        pattern_id VARCHAR,
        cameo VARCHAR,
        plover VARCHAR,
        plover_mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        source_text VARCHAR,
        source_name VARCHAR,
        source_country VARCHAR,
        source_agent VARCHAR,
        source_code VARCHAR,
        target_text VARCHAR,
        target_name VARCHAR,
        target_country VARCHAR,
        target_agent VARCHAR,
        target_code VARCHAR,
        date DATE,
        date_end DATE,
        date_precision VARCHAR,
        date_text VARCHAR,
        event_place VARCHAR,
        event_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        modality VARCHAR,
        sentence_kind VARCHAR,
        speaker VARCHAR,
        outlet VARCHAR,
        killed INTEGER,
        confidence DOUBLE,
        record JSON
    );
    CREATE INDEX mentions_article ON event_mentions(article_id);
    CREATE INDEX mentions_event ON event_mentions(event_id);
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        plover VARCHAR,
        cameo VARCHAR,
        plover_mode VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        source_code VARCHAR,
        source_country VARCHAR,
        target_code VARCHAR,
        target_country VARCHAR,
        date DATE,
        date_end DATE,
        date_precision VARCHAR,
        event_place VARCHAR,
        event_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        modality VARCHAR,
        killed_min INTEGER,
        killed_max INTEGER,
        n_mentions INTEGER,
        n_articles INTEGER,
        n_sources INTEGER,
        disputed BOOLEAN
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_source ON events(source_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE TABLE toponyms (
        article_id VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER,
        text VARCHAR,
        name VARCHAR,
        geonameid BIGINT,
        lat DOUBLE,
        lon DOUBLE,
        country VARCHAR,
        admin1 VARCHAR,
        feature_code VARCHAR,
        PRIMARY KEY (article_id, start_char)
    );
    CREATE TABLE failures (
        failure_key VARCHAR PRIMARY KEY,
        path VARCHAR,
        line INTEGER,
        article_id VARCHAR,
        stage VARCHAR,
        code VARCHAR,
        message VARCHAR,
        run_id VARCHAR,
        failed_at TIMESTAMP
    );
    CREATE VIEW actors AS
        SELECT code, any_value(name) AS name, any_value(country) AS country, any_value(agent) AS agent,
               count(*) AS mentions
        FROM (
            SELECT source_code AS code, source_name AS name, source_country AS country, source_agent AS agent
            FROM event_mentions
            UNION ALL
            SELECT target_code, target_name, target_country, target_agent FROM event_mentions
        )
        WHERE code IS NOT NULL
        GROUP BY code;
    CREATE VIEW places AS
        SELECT geonameid, any_value(name) AS name, any_value(country) AS country, any_value(admin1) AS admin1,
               any_value(lat) AS lat, any_value(lon) AS lon, any_value(feature_code) AS feature_code,
               count(*) AS mentions
        FROM toponyms
        WHERE geonameid IS NOT NULL
        GROUP BY geonameid;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Bring the store at ``path`` up to :data:`SCHEMA_VERSION`, one migration per transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    current = int(row[0]) if row else 0
    if current > SCHEMA_VERSION:
        raise StoreError(Err.E402, path=path, detail=str(current))
    for version in range(current + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        con.execute(MIGRATIONS[version - 1])
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
            [str(version)],
        )
        con.execute("COMMIT")
