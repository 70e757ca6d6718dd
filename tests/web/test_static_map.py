"""``whimbrel map``: real stores written by the real writer, real PNG/SVG/HTML files read back."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from whimbrel.errors import WhimbrelError
from whimbrel.model import Place
from whimbrel.pipeline import ArticleResult
from whimbrel.store.writer import Store
from whimbrel.web.static_map import (
    LAND,
    LAND_WITH_EVENTS,
    MARKER_OPACITY,
    MODALITIES,
    SEA,
    Circle,
    Selection,
    fit_frame,
    layout,
    load_event_map,
    render,
    type_colour,
)

#: A place name that is markup: every output must show it as text, never run it.
HOSTILE_NAME = '<script>alert("map")</script> & Sons'
SVG_NS = "{http://www.w3.org/2000/svg}"
NAIROBI = (36.82, -1.29)  # lon, lat of the dashboard reports' COERCE place


def _variant(base: ArticleResult, article_id: str, locations: list[Place], **changes: object) -> ArticleResult:
    """One of the dashboard's reports under a new id, placed elsewhere (and otherwise changed)."""
    event = replace(base.events[0], event_id=f"{article_id}-e", article_id=article_id, locations=locations, **changes)
    return ArticleResult(replace(base.article, id=article_id), [event], [], base.sentences)


def _moved(base: ArticleResult, **place: object) -> Place:
    return replace(base.events[0].locations[0], **place)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, dashboard_reports: list[ArticleResult]) -> Path:
    """The dashboard's reports plus a markup place name, a country-only place, an origin and a placeless event."""
    assault, protest, coerce = dashboard_reports[0], dashboard_reports[3], dashboard_reports[6]
    extra = [
        _variant(protest, "m-hostile", [_moved(protest, name=HOSTILE_NAME, country="CMR", lat=5.0, lon=12.0)]),
        _variant(
            coerce,
            "m-chad",
            [_moved(coerce, name="Chad", country="TCD", lat=15.0, lon=19.0, precision="country")],
        ),
        _variant(
            assault,
            "m-kharkiv",
            [
                _moved(assault, name="Kharkiv", country="UKR", lat=49.99, lon=36.23, precision="point"),
                _moved(assault, name="Belgorod", country="RUS", lat=50.6, lon=36.6, precision="point", role="origin"),
            ],
        ),
        _variant(assault, "m-nowhere", [], plover="SANCTION", cameo="163"),
    ]
    path = tmp_path_factory.mktemp("map") / "events.duckdb"
    with Store(path) as s:
        run_id = s.start_run(["tests"], "test")
        s.write_results([*dashboard_reports, *extra], run_id, "test")
    return path


def _places_in_store(db: Path, where: str = "TRUE") -> int:
    """Distinct event points of the happened events, counted by DuckDB independently of the map code."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT round(lat, 2), round(lon, 2) FROM events "
            f"WHERE modality IN ('asserted', 'claimed') AND lat IS NOT NULL AND {where})"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def _markers(svg_file: Path) -> list[ET.Element]:
    root = ET.parse(svg_file).getroot()  # parses: the file is well-formed XML
    return [el for el in root.iter(f"{SVG_NS}circle") if "marker" in el.get("class", "").split()]


def _svg(db: Path, out: Path, selection: Selection | None = None, origins: bool = False) -> Path:
    render(layout(load_event_map(db, selection or Selection(), origins=origins), 1200, 800), out)
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _blend(front: str, back: str, alpha: float) -> tuple[float, ...]:
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(_rgb(front), _rgb(back), strict=True))


def _near(pixel: tuple[int, ...], colour: tuple[float, ...], tolerance: float) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel[:3], colour, strict=True))


def test_png_has_the_requested_size_and_markers_where_their_places_project(store: Path, tmp_path: Path) -> None:
    scene = layout(load_event_map(store, Selection()), width=1400, height=1000)
    out = tmp_path / "map.png"
    render(scene, out)
    image = Image.open(out).convert("RGB")
    assert image.size == (1400, 1000)
    # Nairobi: a filled COERCE marker over Kenya (shaded: it has events), drawn where the projection puts it.
    x, y = scene.frame.xy(*NAIROBI)
    expected = _blend(type_colour("COERCE"), LAND_WITH_EVENTS, MARKER_OPACITY)
    assert _near(image.getpixel((round(x), round(y))), expected, 6)
    # Chad is known only as a country: a hollow ring, land inside, the type's colour on the ring.
    chad = next(i for i in scene.items if isinstance(i, Circle) and i.tooltip and i.tooltip.startswith("Chad"))
    cx, cy = scene.frame.xy(19.0, 15.0)
    assert (round(chad.x), round(chad.y)) == (round(cx), round(cy))
    assert _near(image.getpixel((round(cx), round(cy))), _rgb(LAND_WITH_EVENTS), 6)
    ring = [image.getpixel((round(cx + chad.r + d), round(cy))) for d in (-1, 0, 1)]
    assert any(_near(p, _rgb(type_colour("COERCE")), 40) for p in ring), ring
    # The sea south-west of Crete: no event there, so plain sea.
    sx, sy = scene.frame.xy(23.0, 34.3)
    assert _near(image.getpixel((round(sx), round(sy))), _rgb(SEA), 6)


def test_svg_has_one_marker_per_place_with_inert_escaped_tooltips(store: Path, tmp_path: Path) -> None:
    out = _svg(store, tmp_path / "map.svg")
    markers = _markers(out)
    assert len(markers) == _places_in_store(store)
    tips = [m.findtext(f"{SVG_NS}title") or "" for m in markers]
    hostile = [t for t in tips if HOSTILE_NAME in t]  # the parsed text is the name, character for character
    assert len(hostile) == 1 and "1 event" in hostile[0] and "PROTEST 1" in hostile[0]
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "&lt;script&gt;" in text
    # The only http in a standalone SVG is the namespace name, which is never fetched.
    assert re.findall(r"https?://[^\s\"'<>]+", text) == ["http://www.w3.org/2000/svg"]


def test_html_is_self_contained_and_shows_the_same_markers(store: Path, tmp_path: Path) -> None:
    out = _svg(store, tmp_path / "map.html")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?:|//|src=|href=", text, re.IGNORECASE)  # nothing to fetch, no link to follow
    assert "<script" not in text.lower() and "@font-face" not in text and "<img" not in text
    assert set(re.findall(r"url\(([^)]*)\)", text)) == {"#map-area"}  # only the in-page clip path
    assert len(re.findall(r'<circle class="marker[ "]', text)) == _places_in_store(store)
    assert "&lt;script&gt;alert(&quot;map&quot;)&lt;/script&gt; &amp; Sons" in text


def test_filters_leave_only_the_matching_places(store: Path, tmp_path: Path) -> None:
    everything = len(_markers(_svg(store, tmp_path / "all.svg")))
    assaults = _markers(_svg(store, tmp_path / "assault.svg", Selection(types=("assault",))))
    assert 0 < len(assaults) == _places_in_store(store, "plover = 'ASSAULT'") < everything
    assert {m.get("fill") for m in assaults} == {type_colour("ASSAULT")}
    syria = _markers(_svg(store, tmp_path / "syria.svg", Selection(country="syr")))
    assert len(syria) == _places_in_store(store, "event_country = 'SYR'") < everything
    early = _markers(_svg(store, tmp_path / "early.svg", Selection(until=date(2020, 10, 2))))
    assert len(early) == _places_in_store(store, "date <= DATE '2020-10-02'") < everything
    threats = _markers(_svg(store, tmp_path / "threats.svg", Selection(modalities=("threatened",))))
    assert [m.findtext(f"{SVG_NS}title", "").split(" (")[0] for m in threats] == ["Bamako"]
    every = _markers(_svg(store, tmp_path / "every.svg", Selection(modalities=MODALITIES)))
    assert len(every) == everything + 1


def test_country_level_places_are_hollow_and_origins_are_drawn_on_request(store: Path, tmp_path: Path) -> None:
    markers = _markers(_svg(store, tmp_path / "map.svg"))
    hollow = [m for m in markers if m.get("fill") == "none"]
    assert [m.findtext(f"{SVG_NS}title", "").split(":")[0] for m in hollow] == ["Chad (TCD)"]
    assert "country-level" in hollow[0].get("class", "")
    assert all(m.get("fill") != LAND for m in markers)
    without = ET.parse(tmp_path / "map.svg").getroot()
    assert not [p for p in without.iter(f"{SVG_NS}path") if p.get("class") == "origin"]
    with_origins = ET.parse(_svg(store, tmp_path / "origins.svg", origins=True)).getroot()
    origins = [p for p in with_origins.iter(f"{SVG_NS}path") if p.get("class") == "origin"]
    assert [p.findtext(f"{SVG_NS}title") for p in origins] == ["Belgorod: origin of 1 event"]


def test_the_map_zooms_to_the_events_and_shows_the_world_when_they_are_spread() -> None:
    region = fit_frame([(30.5, 50.4), (36.2, 50.0)], 0, 0, 1000, 700)
    min_lon, min_lat, max_lon, max_lat = region.bounds()
    assert min_lon < 30.5 and max_lon > 36.2 and min_lat < 50.0 and max_lat > 50.4
    assert max_lon - min_lon < 40  # a region, not the world
    kyiv, kharkiv = region.xy(30.5, 50.4), region.xy(36.2, 50.0)
    assert kyiv[0] < kharkiv[0] and kyiv[1] < kharkiv[1]  # east is right, north is up
    world = fit_frame([(-99.0, 19.4), (151.2, -33.9)], 0, 0, 1000, 700)
    min_lon, _, max_lon, _ = world.bounds()
    assert max_lon - min_lon > 300 and world.width <= 1000 and world.height <= 700


def test_an_empty_selection_is_a_numbered_error(store: Path) -> None:
    with pytest.raises(WhimbrelError) as nothing:
        load_event_map(store, Selection(types=("AGREE",)))
    assert nothing.value.code.name == "E601" and "ASSAULT" in str(nothing.value)  # says what the store holds
    with pytest.raises(WhimbrelError) as placeless:
        load_event_map(store, Selection(types=("SANCTION",)))
    assert placeless.value.code.name == "E601" and "coordinates" in str(placeless.value)


@pytest.mark.parametrize(
    ("selection", "option"),
    [
        ({"since": date(2020, 10, 9), "until": date(2020, 10, 2)}, "--since 2020-10-09 is after --until"),
        ({"types": ("no such type",)}, "--type"),
        ({"modalities": ("sometimes",)}, "--modality sometimes"),
    ],
)
def test_malformed_filters_are_refused_naming_the_option(selection: dict[str, object], option: str) -> None:
    with pytest.raises(WhimbrelError) as bad:
        Selection(**selection)  # type: ignore[arg-type]
    assert bad.value.code.name == "E603" and option in str(bad.value)


def _whimbrel(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "whimbrel", *args], capture_output=True, text=True, timeout=600)


def test_cli_draws_the_map_and_prints_what_it_drew(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    done = _whimbrel("map", "--db", str(store), "-o", str(out), "--width", "900", "--height", "600", "--origins")
    assert done.returncode == 0, done.stderr
    assert Image.open(out).size == (900, 600)
    places = _places_in_store(store)
    assert f"at {places} places" in done.stderr and "1 origins" in done.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--type", "AGREE", "-o", "{tmp}/none.png"], "E601"),
        (["-o", "{tmp}/map.pdf"], "E602"),
        (["--country", "Syria", "-o", "{tmp}/bad.png"], "E603 Bad map filter: --country 'Syria'"),
    ],
)
def test_cli_refuses_with_a_clear_message_and_no_traceback(
    store: Path, tmp_path: Path, args: list[str], code: str
) -> None:
    done = _whimbrel("map", "--db", str(store), *(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == 2
    assert code in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
