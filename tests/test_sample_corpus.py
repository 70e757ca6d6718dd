"""The bundled sample corpus, coded whole: breadth of types, no opinion coded, claims credited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from whimbrel.ingest.readers import read_paths
from whimbrel.model import Article, Event
from whimbrel.pipeline import Pipeline
from whimbrel.run import run_corpus

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
REPORTED = ("asserted", "claimed")


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> dict[str, list[Event]]:
    articles = [a for a in read_paths([SAMPLE], published=date(2022, 8, 16)) if isinstance(a, Article)]
    results = list(pipeline.process(articles))
    assert all(r.error is None for r in results), [str(r.error) for r in results if r.error]
    return {r.article.id: r.events for r in results}


def test_the_sample_yields_at_least_eight_plover_types(coded: dict[str, list[Event]]) -> None:
    types = {e.plover for events in coded.values() for e in events if e.modality in REPORTED}
    assert len(types) >= 8, sorted(types)


def test_no_event_is_coded_from_commentary_or_furniture(coded: dict[str, list[Event]]) -> None:
    kinds = {e.sentence_kind for events in coded.values() for e in events}
    assert kinds <= {"reporting", "quotation", "background"}


def test_the_blog_reports_but_codes_none_of_its_opinion(coded: dict[str, list[Event]]) -> None:
    blog = coded["mmr-2021-coup-blog-longview"]
    assert any(e.modality in REPORTED for e in blog)
    assert all("I " not in e.sentence[:3] for e in blog)


def test_every_claimed_event_names_who_claims_it(coded: dict[str, list[Event]]) -> None:
    claimed = [e for events in coded.values() for e in events if e.modality == "claimed"]
    assert claimed
    assert all(e.attribution.speaker for e in claimed)


def test_disasters_and_ordinary_crime_are_not_political_violence(coded: dict[str, list[Event]]) -> None:
    for article_id in ("npl-2015-gorkha-earthquake-bbc", "deu-2025-gelsenkirchen-vault-heist-dw"):
        violent = [e for e in coded[article_id] if e.plover == "ASSAULT" and e.modality in REPORTED]
        assert violent == [], [(e.trigger.text, e.sentence) for e in violent]


def test_three_outlets_on_one_strike_become_one_event_and_the_copy_is_linked(tmp_path: Path) -> None:
    db = tmp_path / "sample.duckdb"
    stats = run_corpus([SAMPLE], db, published=date(2022, 8, 16))
    assert stats.failures == 0 and stats.duplicates == 1
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        (dup,) = con.execute("SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchone()
        (sources,) = con.execute(
            """SELECT max(e.n_sources) FROM events e JOIN event_mentions m USING (event_id)
               WHERE m.article_id LIKE 'syr-2016-aleppo-convoy-strike-%' AND e.plover = 'ASSAULT'"""
        ).fetchone()
    finally:
        con.close()
    assert dup == "bfa-2021-solhan-massacre-afp"
    assert sources >= 3
