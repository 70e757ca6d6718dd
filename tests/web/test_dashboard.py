"""The dashboard in a real (headless Debian) Chromium against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"


@pytest.fixture()
def page(browser, dashboard: str) -> Iterator:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.requested = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: page.requested.append(req.url))
    yield page
    context.close()


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector("body[data-ready='true']")


def test_dashboard_lists_events_and_loads_nothing_from_elsewhere(page, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    stored = httpx.get(f"{dashboard}/health").json()["events"]
    _open(page, dashboard)
    assert stored > 10
    assert page.locator("#events tbody tr.row").count() == stored
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#map path.land").count() > 100
    assert page.locator("#map circle.dot").count() == stored
    assert all(url.startswith(dashboard) for url in page.requested), page.requested
    assert page.errors == []


def test_filtering_by_type_shows_only_that_type(page, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, dashboard)
    with page.expect_response(lambda r: "/api/events?" in r.url and "plover=PROTEST" in r.url):
        page.select_option("select[name=plover]", "PROTEST")
    # A locator assertion, not wait_for_function: the page's CSP forbids the eval that one polls with.
    expect(page.locator("#status")).to_contain_text("match")
    types = page.locator("#events tbody tr.row td:nth-child(2) .type").all_inner_texts()
    assert types and {t.strip() for t in types} == {"PROTEST"}
    assert "plover=PROTEST" in page.url  # the view can be bookmarked


def test_event_view_highlights_trigger_source_and_target(page, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, dashboard + "?plover=THREATEN")
    page.locator("#events tbody tr.row").first.click()
    page.wait_for_selector("#detail .mention mark.trigger")
    assert page.locator("#detail .mention mark.trigger").first.inner_text() == "threatened"
    assert page.locator("#detail .mention mark.source").first.inner_text() == "Mali's junta"
    assert page.locator("#detail .mention mark.target").first.inner_text() == "French diplomats"
    assert page.locator("#detail .mention mark.role-event").first.inner_text() == "Bamako"
    assert (
        "Wire" in page.locator("#detail .mention dd").nth(3).inner_text()
        or "Daily" in page.locator("#detail .mention dd").nth(3).inner_text()
    )


def test_markup_in_an_article_is_shown_as_text_and_never_run(page, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, dashboard + "#event/ev-hostile-e")
    page.wait_for_selector("#detail .mention .sentence")
    sentence = page.locator("#detail .mention .sentence").inner_text()
    assert "<script>window.__pwned = 1</script>" in sentence
    assert '<img src=x onerror="window.__pwned=2">' in sentence
    assert page.locator("#detail img, #detail script").count() == 0
    assert page.locator("#detail a.external").count() == 0  # the javascript: URL is not a link

    page.locator("#detail a.article-link").click()
    page.wait_for_selector("#detail .article-text")
    assert "<script>" in page.locator("#detail .article-text").inner_text()
    assert page.locator("#detail-title").inner_text().startswith("<img")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article-markup-as-text.png"))


def test_screenshots_desktop_and_phone(browser, dashboard: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("dashboard.png", (1280, 800)), ("dashboard-phone.png", (390, 844))):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        page = context.new_page()
        _open(page, dashboard)
        # Nothing may stick out sideways on a phone: the page scrolls only vertically.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
        page.screenshot(path=str(SCREENSHOTS / name))
        page.locator("#events tbody tr.row").first.click()
        page.wait_for_selector("#detail .mention mark.trigger")
        page.screenshot(path=str(SCREENSHOTS / name.replace(".png", "-event.png")))
        context.close()
    assert (SCREENSHOTS / "dashboard.png").stat().st_size > 10_000
