"""The read API served by a real uvicorn process over a hand-made store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from whimbrel.api.serve import running_server
from whimbrel.evaluation.synthetic import coded_report
from whimbrel.model import Attribution
from whimbrel.pipeline import ArticleResult
from whimbrel.store.writer import Store

pytestmark = pytest.mark.slow  # a real server process

STRIKE = "Russian bombers struck Islamic State positions near Aleppo on Tuesday, officials said."
STRIKE_AGAIN = "On Tuesday Russian jets struck Islamic State fighters near Aleppo."
PROTEST = "Thousands of protesters marched on parliament in Kyiv."
THREAT = "Mali's junta threatened to expel the French ambassador from Bamako."
ODD = "Robert'); DROP TABLE events;-- said police detained 40% of the crowd in Lagos."


def sample_results() -> list[ArticleResult]:
    strike = coded_report(
        "a-strike",
        STRIKE,
        "struck",
        cameo="195",
        plover="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        day=date(2016, 8, 16),
        outlet="Levant Wire",
        title="Bombers over Aleppo",
        source={"text": "Russian bombers", "name": "Russia", "country": "RUS", "agent": "MIL", "code": "RUSMIL"},
        target={"text": "Islamic State", "name": "Islamic State", "group": "ISIS", "code": "ISIS"},
        places=[{"text": "Aleppo", "country": "SYR", "lat": 36.2, "lon": 37.16}],
        date_precision="day",
        date_text="Tuesday",
        attribution=Attribution(speaker="officials", outlet="Levant Wire", chain=["Levant Wire", "officials"]),
        confidence=0.9,
    )
    strike_again = coded_report(
        "a-strike-2",
        STRIKE_AGAIN,
        "struck",
        cameo="195",
        plover="ASSAULT",
        day=date(2016, 8, 16),
        outlet="Gulf Daily",
        title="Jets hit IS",
        source={"text": "Russian jets", "name": "Russia", "country": "RUS", "agent": "MIL", "code": "RUSMIL"},
        target={"text": "Islamic State", "name": "Islamic State", "group": "ISIS", "code": "ISIS"},
        places=[{"text": "Aleppo", "country": "SYR", "lat": 36.21, "lon": 37.15}],
        date_precision="day",
        confidence=0.7,
    )
    protest = coded_report(
        "a-protest",
        PROTEST,
        "marched",
        cameo="141",
        plover="PROTEST",
        acled_event_type="Protests",
        acled_sub_event_type="Peaceful protest",
        day=date(2014, 2, 18),
        outlet="Kyiv Post",
        title="March in Kyiv",
        source={"text": "protesters", "agent": "CVL", "code": "CVL"},
        places=[{"text": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52}],
        date_precision="day",
    )
    threat = coded_report(
        "a-threat",
        THREAT,
        "threatened",
        cameo="1246",
        plover="THREATEN",
        day=date(2022, 2, 17),
        outlet="Sahel Post",
        title="Envoy told to go",
        source={"text": "Mali's junta", "name": "Mali", "country": "MLI", "agent": "GOV", "code": "MLIGOV"},
        target={"text": "the French ambassador", "name": "France", "country": "FRA", "agent": "GOV", "code": "FRAGOV"},
        places=[{"text": "Bamako", "country": "MLI", "lat": 12.65, "lon": -8.0}],
        date_precision="day",
        modality="threatened",
    )
    odd = coded_report(
        "a-odd",
        ODD,
        "detained",
        cameo="173",
        plover="COERCE",
        day=date(2020, 10, 20),
        outlet="Lagos Times",
        title="Crowd detained",
        source={"text": "police", "agent": "COP", "code": "NGACOP", "country": "NGA"},
        places=[{"text": "Lagos", "country": "NGA", "lat": 6.45, "lon": 3.4}],
        date_precision="day",
    )
    return [strike, strike_again, protest, threat, odd]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "store.duckdb"
    with Store(path) as store:
        run_id = store.start_run(["tests"], "test")
        store.write_results(sample_results(), run_id, "test")
    return path


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[str]:
    with running_server(store_path, store_path.with_suffix(".log")) as base:
        yield base


@pytest.fixture()
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


STRIKE_EVENT = "ev-a-strike-struck"


def _ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["event_id"] for item in response.json()["items"]]


def test_health_reports_the_store_counts(client: httpx.Client) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "events": 4, "mentions": 5, "articles": 5}


def test_two_reports_of_one_strike_are_one_event_with_two_sources(client: httpx.Client) -> None:
    body = client.get("/api/events", params={"plover": "ASSAULT"}).json()
    assert body["total"] == 1
    event = body["items"][0]
    assert (event["event_id"], event["n_mentions"], event["n_sources"]) == (STRIKE_EVENT, 2, 2)
    assert event["source"] == {"code": "RUSMIL", "country": "RUS", "name": "Russia", "text": "Russian bombers"}
    assert event["mention"]["sentence"] == STRIKE  # the more confident report represents the event


def test_filters_by_actor_code_prefix_and_by_name(client: httpx.Client) -> None:
    assert _ids(client.get("/api/events", params={"actor": "rus"})) == [STRIKE_EVENT]
    assert _ids(client.get("/api/events", params={"actor": "islamic state"})) == [STRIKE_EVENT]
    assert _ids(client.get("/api/events", params={"actor": "FRAGOV"})) == ["ev-a-threat-threatened"]


def test_filters_by_country_cameo_acled_modality_and_text(client: httpx.Client) -> None:
    assert _ids(client.get("/api/events", params={"country": "ukr"})) == ["ev-a-protest-marched"]
    assert _ids(client.get("/api/events", params={"cameo": "19"})) == [STRIKE_EVENT]
    assert _ids(client.get("/api/events", params={"acled": "air/drone strike"})) == [STRIKE_EVENT]
    assert _ids(client.get("/api/events", params={"acled": "Protests"})) == ["ev-a-protest-marched"]
    assert _ids(client.get("/api/events", params={"modality": "threatened"})) == ["ev-a-threat-threatened"]
    assert _ids(client.get("/api/events", params={"q": "parliament KYIV"})) == ["ev-a-protest-marched"]
    assert _ids(client.get("/api/events", params={"q": "parliament Aleppo"})) == []


def test_date_range_and_sort(client: httpx.Client) -> None:
    ids = _ids(client.get("/api/events", params={"date_from": "2016-01-01", "date_to": "2021-01-01", "sort": "date"}))
    assert ids == [STRIKE_EVENT, "ev-a-odd-detained"]
    newest = _ids(client.get("/api/events", params={"sort": "-date"}))
    assert newest[0] == "ev-a-threat-threatened"
    assert _ids(client.get("/api/events", params={"sort": "-n_sources"}))[0] == STRIKE_EVENT


def test_paging_covers_every_event_once(client: httpx.Client) -> None:
    pages = [client.get("/api/events", params={"page": n, "page_size": 3, "sort": "date"}).json() for n in (1, 2, 3)]
    assert [p["total"] for p in pages] == [4, 4, 4]
    seen = [item["event_id"] for p in pages for item in p["items"]]
    assert len(seen) == 4 and len(set(seen)) == 4
    assert pages[2]["items"] == []


def test_bbox_selects_events_inside_and_handles_the_antimeridian(client: httpx.Client) -> None:
    assert _ids(client.get("/api/events", params={"bbox": "30,30,40,40"})) == [STRIKE_EVENT]
    assert _ids(client.get("/api/events", params={"bbox": "-20,0,10,20", "sort": "date"})) == [
        "ev-a-odd-detained",
        "ev-a-threat-threatened",
    ]
    # Spanning the antimeridian (170E to 10E the long way round) excludes only what lies east of 10E.
    wrapped = _ids(client.get("/api/events", params={"bbox": "170,-90,10,90", "sort": "date"}))
    assert wrapped == ["ev-a-odd-detained", "ev-a-threat-threatened"]


def test_event_detail_gives_every_report_with_sentence_offsets(client: httpx.Client) -> None:
    event = client.get(f"/api/events/{STRIKE_EVENT}").json()
    assert len(event["mentions"]) == 2
    first = event["mentions"][0]
    sentence = first["sentence"]
    for key, words in (("trigger", "struck"), ("source", "Russian bombers"), ("target", "Islamic State")):
        span = first[key]
        assert sentence[span["start"] : span["end"]] == words
    place = first["places"][0]
    assert (place["role"], sentence[place["start"] : place["end"]]) == ("event", "Aleppo")
    assert first["attribution"]["chain"] == ["Levant Wire", "officials"]
    assert first["article"] == {
        "article_id": "a-strike",
        "title": "Bombers over Aleppo",
        "url": None,
        "outlet": "Levant Wire",
        "published": "2016-08-16",
    }
    assert first["confidence"] == 0.9 and first["date_text"] == "Tuesday"


def test_article_gives_text_sentences_and_mentions(client: httpx.Client) -> None:
    article = client.get("/api/articles/a-odd").json()
    assert article["text"] == ODD
    assert [s["kind"] for s in article["sentences"]] == ["reporting"]
    assert article["dropped"] == []
    assert [m["trigger_text"] for m in article["mentions"]] == ["detained"]


def test_stats_count_by_day_type_and_country_under_filters(client: httpx.Client) -> None:
    stats = client.get("/api/stats").json()
    assert stats["total"] == 4
    assert {row["key"]: row["count"] for row in stats["by_plover"]} == {
        "ASSAULT": 1,
        "PROTEST": 1,
        "THREATEN": 1,
        "COERCE": 1,
    }
    assert {"date": "2016-08-16", "count": 1} in stats["by_day"]
    filtered = client.get("/api/stats", params={"country": "SYR"}).json()
    assert filtered["total"] == 1 and filtered["by_country"] == [{"key": "SYR", "count": 1}]
    assert filtered["by_place"][0]["sources"] == 2


def test_unknown_ids_are_404(client: httpx.Client) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/articles/nope").json() == {"detail": "no article with id 'nope'"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2016-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0,0,200,10"}, "bbox"),
        ({"page_size": "501"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"sort": "date; DROP TABLE events"}, "sort"),
        ({"modality": "likely"}, "modality"),
        ({"country": "Syria"}, "country"),
        ({"plover": "ASSAULT'--"}, "plover"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client: httpx.Client, params: dict[str, str], field: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert field in {str(part) for error in response.json()["detail"] for part in error["loc"]}


def test_reversed_dates_are_422_with_a_clear_message(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"date_from": "2020-01-02", "date_to": "2020-01-01"})
    assert response.status_code == 422
    assert "date_from must not be after date_to" in response.text


@pytest.mark.parametrize(
    "needle",
    ["'; DROP TABLE events; --", "x' OR '1'='1", "%e%", "_", "\\", '") OR 1=1 --'],
)
def test_injection_looking_input_is_just_text(client: httpx.Client, needle: str) -> None:
    for param in ("actor", "q", "acled"):
        response = client.get("/api/events", params={param: needle})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0
    assert client.get(f"/api/events/{needle}").status_code in (404, 422)
    assert client.get("/health").json()["events"] == 4


def test_text_search_finds_sql_looking_words_in_a_report(client: httpx.Client) -> None:
    assert _ids(client.get("/api/events", params={"q": "DROP TABLE events;--"})) == ["ev-a-odd-detained"]
    assert _ids(client.get("/api/events", params={"q": "40%"})) == ["ev-a-odd-detained"]


def test_openapi_documents_the_filters(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "country", "plover", "cameo", "acled", "modality", "date_from", "date_to", "bbox", "q"} <= names
    assert {"sort", "page", "page_size"} <= names


def test_dashboard_is_served_with_a_strict_content_security_policy(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<script src="app.js"' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/world.geojson").json()["type"] == "FeatureCollection"


def test_serving_a_missing_store_fails_at_once_with_e401(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "whimbrel.api.serve", "--db", str(missing)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "E401" in done.stderr and str(missing) in done.stderr
