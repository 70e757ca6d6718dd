"""The in-memory event index answers exactly as the SQL filters over the same snapshot would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from whimbrel.api.app import cache_key
from whimbrel.api.db import Database, rows
from whimbrel.api.filters import EventQuery, where
from whimbrel.api.queries import _summary
from whimbrel.api.schemas import EventSummary
from whimbrel.evaluation.synthetic import coded_report
from whimbrel.pipeline import ArticleResult
from whimbrel.store.writer import Store

REPORTS = [
    ("a1", date(2021, 5, 3), "Turkish drones struck Kurdish fighters near Qamishli.", "struck", "190", "ASSAULT"),
    ("a2", date(2021, 5, 4), "Police arrested forty students in Minsk on Monday.", "arrested", "173", "COERCE"),
    ("a3", date(2022, 1, 9), "Farmers marched against the new tax in Delhi.", "marched", "141", "PROTEST"),
    ("a4", date(2022, 1, 10), "Kenya sent food aid to Somalia after the floods.", "sent", "070", "AID"),
]
PLACES = {
    "a1": ("Qamishli", "SYR", 37.05, 41.22),
    "a2": ("Minsk", "BLR", 53.9, 27.57),
    "a3": ("Delhi", "IND", 28.6, 77.2),
}


def _result(article_id: str, day: date, sentence: str, trigger: str, cameo: str, plover: str) -> ArticleResult:
    first_word = sentence.split()[0]
    place = PLACES.get(article_id)
    return coded_report(
        article_id,
        sentence,
        trigger,
        cameo=cameo,
        plover=plover,
        day=day,
        outlet="Wire",
        title=f"Report {article_id}",
        source={"text": first_word, "name": first_word, "code": first_word[:3].upper()},
        places=[{"text": place[0], "country": place[1], "lat": place[2], "lon": place[3]}] if place else [],
        date_precision="day",
        confidence=0.8,
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("index") / "store.duckdb"
    with Store(path) as store:
        store.write_results([_result(*report) for report in REPORTS], store.start_run(["tests"], "test"), "test")
    db = Database(str(path))
    yield db
    db.close()


def _by_sql(db: Database, query: EventQuery) -> tuple[int, list[str]]:
    clause, params = where(query)
    with db.cursor() as cur:
        total = cur.execute(f"SELECT count(*) FROM ev e WHERE {clause}", params).fetchone()
        found = cur.execute(
            f"SELECT e.event_id FROM ev e WHERE {clause} ORDER BY {query.order_by()} LIMIT ? OFFSET ?",
            [*params, query.page_size, (query.page - 1) * query.page_size],
        ).fetchall()
    return int(total[0] if total else 0), [row[0] for row in found]


def _by_index(db: Database, query: EventQuery) -> tuple[int, list[str]]:
    total, summaries = db.index.page(query)
    return total, [json.loads(summary)["event_id"] for summary in summaries]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "date"},
        {"sort": "-n_sources", "page_size": 2, "page": 2},
        {"actor": "pol"},
        {"actor": "TUR"},
        {"country": "syr"},
        {"plover": ["PROTEST", "AID"]},
        {"cameo": "1"},
        {"date_from": "2021-05-04", "date_to": "2022-01-09"},
        {"bbox": "20,20,80,60", "sort": "date"},
        {"bbox": "70,-90,30,90"},
        {"q": "MARCHED tax"},
        {"q": "ed in"},  # substrings, across words of one sentence
        {"q": "marched minsk"},  # words from two different reports match nothing
        {"q": "flood", "disputed": False},
        {"page": 9},
    ],
)
def test_index_selects_and_orders_as_the_sql_does(database: Database, params: dict[str, Any]) -> None:
    query = EventQuery(**params)
    assert _by_index(database, query) == _by_sql(database, query)


def test_text_search_words_are_substrings_of_one_sentence(database: Database) -> None:
    assert _by_index(database, EventQuery(q="ested forty")) == (1, ["ev-a2-arrested"])


def test_rendered_summaries_equal_the_documented_model(database: Database) -> None:
    with database.cursor() as cur:
        events = rows(cur, "SELECT * FROM ev ORDER BY n", [])
    _, rendered = database.index.page(EventQuery(sort="-date", page_size=10))
    assert len(rendered) == len(REPORTS)
    for event, summary in zip(events, rendered, strict=True):
        assert json.loads(summary) == EventSummary.model_validate(_summary(event)).model_dump(mode="json")


def test_page_cache_key_ignores_plover_order_and_defaults() -> None:
    assert cache_key(EventQuery(plover=["AID", "PROTEST"])) == cache_key(EventQuery(plover=["PROTEST", "AID"], page=1))
    assert cache_key(EventQuery(page=2)) != cache_key(EventQuery(page=3))
