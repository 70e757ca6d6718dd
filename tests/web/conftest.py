"""A real server over a hand-made store, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from whimbrel.api.serve import running_server
from whimbrel.evaluation.synthetic import coded_report
from whimbrel.model import Attribution
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
    return coded_report(
        f"r{i:03d}",
        f"{subj} {trig} {obj} near {place} on Tuesday, officials said.",
        trig,
        cameo=cameo,
        plover=plover,
        day=day,
        outlet=outlet,
        title=f"{subj} {trig} {obj}",
        url="https://example.org/n",
        source={"text": subj, "code": scode, "country": scountry},
        target={"text": obj, "code": ocode},
        places=[{"text": place, "country": iso3, "lat": lat, "lon": lon}],
        date_precision="day",
        date_text="Tuesday",
        modality="threatened" if plover == "THREATEN" else "asserted",
        attribution=Attribution(speaker="officials", outlet=outlet, chain=[outlet, "officials"]),
        confidence=0.8,
    )


def _hostile() -> ArticleResult:
    result = coded_report(
        "hostile",
        HOSTILE_TEXT,
        "detained",
        cameo="173",
        plover="COERCE",
        day=date(2020, 10, 19),
        outlet="<b>Lagos</b> Times",
        title='<img src=x onerror="window.__pwned=3">Lagos arrests',
        url="javascript:window.__pwned=4",
        source={"text": "Police", "code": "NGACOP", "country": "NGA"},
        places=[{"text": "Lagos", "country": "NGA", "lat": 6.45, "lon": 3.4}],
    )
    result.events[0].event_id = "hostile-e"  # the browser tests open this event by id
    return result


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
