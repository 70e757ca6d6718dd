"""A real server over a hand-made store, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from whimbrel.api.serve import running_server
from whimbrel.model import Actor, Article, Attribution, Event, Place, TextSpan
from whimbrel.pipeline import ArticleResult
from whimbrel.store.writer import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: An article whose text carries markup: the dashboard must show it, never run it.
HOSTILE_TEXT = (
    'Police detained <script>window.__pwned = 1</script> forty protesters <img src=x onerror="window.__pwned=2"> '
    "in Lagos on Monday."
)

#: (subject words, code, country, trigger, cameo, plover, object words, object code, place, ISO3, lat, lon)
REPORTS = [
    (
        "Russian jets",
        "RUSMIL",
        "RUS",
        "bombed",
        "195",
        "ASSAULT",
        "rebel positions",
        "SYRREB",
        "Aleppo",
        "SYR",
        36.2,
        37.16,
    ),
    (
        "Turkish troops",
        "TURMIL",
        "TUR",
        "shelled",
        "194",
        "ASSAULT",
        "Kurdish fighters",
        "SYRREB",
        "Afrin",
        "SYR",
        36.51,
        36.87,
    ),
    (
        "Iraqi forces",
        "IRQMIL",
        "IRQ",
        "attacked",
        "190",
        "ASSAULT",
        "Islamic State",
        "ISIS",
        "Mosul",
        "IRQ",
        36.34,
        43.13,
    ),
    ("Students", "CVL", None, "marched", "141", "PROTEST", "the parliament", "UKRGOV", "Kyiv", "UKR", 50.45, 30.52),
    ("Farmers", "CVL", None, "rallied", "141", "PROTEST", "the government", "FRAGOV", "Paris", "FRA", 48.85, 2.35),
    (
        "Mali's junta",
        "MLIGOV",
        "MLI",
        "threatened",
        "1246",
        "THREATEN",
        "French diplomats",
        "FRAGOV",
        "Bamako",
        "MLI",
        12.65,
        -8.0,
    ),
    (
        "Police",
        "KENCOP",
        "KEN",
        "arrested",
        "173",
        "COERCE",
        "opposition leaders",
        "KENOPP",
        "Nairobi",
        "KEN",
        -1.29,
        36.82,
    ),
    (
        "Saudi officials",
        "SAUGOV",
        "SAU",
        "met",
        "040",
        "CONSULT",
        "Yemeni envoys",
        "YEMGOV",
        "Riyadh",
        "SAU",
        24.69,
        46.72,
    ),
]


def _report(i: int, day: date, outlet: str) -> ArticleResult:
    subj, scode, scountry, trig, cameo, plover, obj, ocode, place, iso3, lat, lon = REPORTS[i % len(REPORTS)]
    sentence = f"{subj} {trig} {obj} near {place} on Tuesday, officials said."
    article_id = f"r{i:03d}"
    article = Article(
        id=article_id,
        text=sentence,
        title=f"{subj} {trig} {obj}",
        outlet=outlet,
        published=day,
        url="https://example.org/n",
    )
    at = sentence.index
    event = Event(
        event_id=f"{article_id}-e",
        article_id=article_id,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        trigger=TextSpan(trig, at(trig), at(trig) + len(trig)),
        pattern_id=f"test_{trig}",
        cameo=cameo,
        plover=plover,
        source=Actor(subj, 0, len(subj), code=scode, country=scountry),
        target=Actor(obj, at(obj), at(obj) + len(obj), code=ocode),
        date=day.isoformat(),
        date_precision="day",
        date_text="Tuesday",
        modality="threatened" if plover == "THREATEN" else "asserted",
        locations=[
            Place(place, at(place), at(place) + len(place), name=place, country=iso3, lat=lat, lon=lon, role="event")
        ],
        attribution=Attribution(speaker="officials", outlet=outlet, chain=[outlet, "officials"]),
        confidence=0.8,
    )
    return _result(article, [event])


def _result(article: Article, events: list[Event]) -> ArticleResult:
    sentences = [
        {"idx": 0, "start": 0, "end": len(article.text), "text": article.text, "kind": "reporting"}
        | {"speaker": None, "outlet": article.outlet}
    ]
    return ArticleResult(article, events, [], sentences)


def _hostile() -> ArticleResult:
    article = Article(
        id="hostile",
        text=HOSTILE_TEXT,
        title='<img src=x onerror="window.__pwned=3">Lagos arrests',
        outlet="<b>Lagos</b> Times",
        published=date(2020, 10, 19),
        url="javascript:window.__pwned=4",
    )
    trig = HOSTILE_TEXT.index("detained")
    event = Event(
        event_id="hostile-e",
        article_id="hostile",
        sentence=HOSTILE_TEXT,
        sentence_start=0,
        sentence_end=len(HOSTILE_TEXT),
        trigger=TextSpan("detained", trig, trig + len("detained")),
        pattern_id="test_detain",
        cameo="173",
        plover="COERCE",
        source=Actor("Police", 0, 6, code="NGACOP", country="NGA"),
        date="2020-10-19",
        locations=[
            Place(
                "Lagos",
                HOSTILE_TEXT.index("Lagos"),
                HOSTILE_TEXT.index("Lagos") + 5,
                name="Lagos",
                country="NGA",
                lat=6.45,
                lon=3.4,
                role="event",
            )
        ],
    )
    return _result(article, [event])


def dashboard_results() -> list[ArticleResult]:
    start = date(2020, 10, 1)
    outlets = ["Wire A", "Wire B", "Daily C"]
    reports = [_report(i, start + timedelta(days=(i * 3) % 25), outlets[i % 3]) for i in range(40)]
    return [*reports, _hostile()]


@pytest.fixture(scope="session")
def dashboard_reports() -> list[ArticleResult]:
    """The reports above, for tests that write their own store (the static map); copy, do not change them."""
    return dashboard_results()


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("web") / "store.duckdb"
    with Store(path) as store:
        run_id = store.start_run(["tests"], "test")
        store.write_results(dashboard_results(), run_id, "test")
    with running_server(path, path.with_suffix(".log")) as base:
        yield base


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: run scripts/install_browser (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
