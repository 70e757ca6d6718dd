"""``whimbrel map``: a static map of a store's events, drawn offline.

Country outlines are the dashboard's ``world.geojson`` (countryinfo's outlines simplified by
``scripts/build_world_outline.py``); nothing is fetched. A map is built in three steps:

1. :func:`load_event_map` selects merged events with the dashboard API's filter SQL and groups
   them by place (one marker per place, coloured by its most frequent PLOVER type);
2. :func:`layout` turns that into a :class:`Scene` of plain shapes in canvas pixels;
3. :func:`render` writes the scene as PNG (matplotlib, Agg) or as a self-contained SVG or HTML
   file whose markers carry a ``<title>`` tooltip.

PNG and SVG are drawn from the same scene, so they agree to the pixel on where every marker is.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import ValidationError

from whimbrel import __version__
from whimbrel.api.filters import EventFilters, where
from whimbrel.errors import Err, WhimbrelError
from whimbrel.model import Modality
from whimbrel.store.merge import MERGEABLE
from whimbrel.store.writer import Store

WORLD_OUTLINE = Path(__file__).with_name("world.geojson")

#: What the default map shows: events reported as having happened (the modalities reports merge on).
HAPPENED: tuple[str, ...] = MERGEABLE
MODALITIES: tuple[str, ...] = get_args(Modality)
FORMATS = {".png": "png", ".svg": "svg", ".html": "html", ".htm": "html"}
#: The command-line option behind each API filter, for error messages.
OPTIONS = {"plover": "--type", "country": "--country", "date_from": "--since", "date_to": "--until"}

#: Colours by PLOVER type: cooperation in blues and greens, verbal conflict in purples and
#: magentas, material conflict in oranges and reds, so the map reads before the legend does.
TYPE_COLOURS = {
    "AGREE": "#2166ac",
    "CONSULT": "#4393c3",
    "SUPPORT": "#35978f",
    "CONCEDE": "#01665e",
    "COOPERATE": "#1b7837",
    "AID": "#5aae61",
    "RETREAT": "#8c96a8",
    "REQUEST": "#8073ac",
    "ACCUSE": "#c51b7d",
    "REJECT": "#de77ae",
    "THREATEN": "#e08214",
    "PROTEST": "#762a83",
    "SANCTION": "#8c510a",
    "MOBILIZE": "#d8b365",
    "COERCE": "#f46d43",
    "ASSAULT": "#b2182b",
}
OTHER_COLOUR = "#555555"
MARKER_OPACITY = 0.85

SEA = "#dde9f1"
LAND = "#f6f4ef"
LAND_WITH_EVENTS = "#ebe4d3"
BORDER = "#b9b3a6"
GRATICULE = "#c9d8e3"
INK = "#222222"
MUTED = "#666666"
PAPER = "#ffffff"
ORIGIN = "#3d3d3d"

#: The latitudes of the world view: Antarctica and the empty Arctic are left out (unless an event is there).
WORLD_LATS = (-58.0, 84.0)
#: A regional map shows at least this many degrees of latitude, so one town does not fill it.
MIN_LAT_SPAN = 10.0
#: How many of the busiest places are named on the map.
MAX_LABELS = 12
#: Average glyph width of the sans-serif face, as a fraction of the font size (for layout).
GLYPH_WIDTH = 0.58


def type_colour(plover: str | None) -> str:
    return TYPE_COLOURS.get(plover or "", OTHER_COLOUR)


# -- selection ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which events to map. ``types``/``country``/``since``/``until`` use the dashboard API's filters."""

    types: tuple[str, ...] = ()
    country: str | None = None
    since: date | None = None
    until: date | None = None
    modalities: tuple[str, ...] = HAPPENED

    def __post_init__(self) -> None:
        unknown = [m for m in self.modalities if m not in MODALITIES]
        if unknown or not self.modalities:
            detail = f"--modality {', '.join(unknown) or '(none)'}: use {', '.join(MODALITIES)} or 'all'"
            raise WhimbrelError(Err.E603, detail=detail)
        self.filters()  # bad values fail here, before the store is opened

    def filters(self) -> EventFilters:
        """The API's filters; E603 naming the option when a value is malformed (or the dates are reversed)."""
        try:
            return EventFilters.model_validate(
                {"plover": list(self.types), "country": self.country, "date_from": self.since, "date_to": self.until}
            )
        except ValidationError as exc:
            problems = []
            for e in exc.errors():
                field_name = str(e["loc"][0]) if e["loc"] else ""
                if field_name == "country":
                    problems.append(f"--country '{self.country}' is not a three-letter ISO 3166 code (e.g. SYR)")
                elif field_name in OPTIONS:
                    problems.append(f"{OPTIONS[field_name]}: {e['msg'].removeprefix('Value error, ')}")
                else:  # the one check across fields
                    problems.append(f"--since {self.since} is after --until {self.until}")
            raise WhimbrelError(Err.E603, detail="; ".join(problems)) from None

    def describe(self) -> str:
        parts = []
        if self.types:
            parts.append("type " + ", ".join(t.upper() for t in self.types))
        if self.country:
            parts.append("in " + self.country.upper())
        if self.since or self.until:
            parts.append(f"from {self.since or 'the start'} to {self.until or 'the end'}")
        every = set(self.modalities) == set(MODALITIES)
        parts.append("every modality" if every else "modality " + ", ".join(self.modalities))
        return "; ".join(parts)


# -- the events, grouped by place -------------------------------------------------------------


@dataclass
class MappedPlace:
    """One marker: the events that took place at one point (or, ``country_level``, in one country)."""

    lat: float
    lon: float
    name: str
    country: str | None
    country_level: bool
    types: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.types.values())

    def ranked_types(self) -> list[tuple[str, int]]:
        return sorted(self.types.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def main_type(self) -> str:
        return self.ranked_types()[0][0]

    def tooltip(self) -> str:
        where_ = f"{self.name} ({self.country})" if self.country and self.country != self.name else self.name
        top = ", ".join(f"{t} {n}" for t, n in self.ranked_types()[:4])
        more = " ..." if len(self.types) > 4 else ""
        level = " [country only: no finer place]" if self.country_level else ""
        return f"{where_}: {_plural(self.count, 'event')}{level} - {top}{more}"


@dataclass
class OriginPlace:
    """Where events came from (a strike launched from, troops sent from), and where they landed."""

    lat: float
    lon: float
    name: str
    country: str | None
    country_level: bool
    targets: Counter[tuple[float, float]] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.targets.values())

    def tooltip(self) -> str:
        level = " [country only]" if self.country_level else ""
        return f"{self.name}{level}: origin of {_plural(self.count, 'event')}"


@dataclass
class EventMap:
    source: str
    selection: Selection
    n_events: int
    n_unlocated: int
    first_day: date | None
    last_day: date | None
    places: list[MappedPlace]
    origins: list[OriginPlace]

    @property
    def n_mapped(self) -> int:
        return sum(p.count for p in self.places)

    def type_counts(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for p in self.places:
            counts.update(p.types)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def date_range(self) -> str:
        if self.first_day is None or self.last_day is None:
            return "undated"
        if self.first_day == self.last_day:
            return self.first_day.isoformat()
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


EVENTS_SQL = """
SELECT e.event_id, e.plover, e.date, coalesce(e.date_end, e.date) AS last_day,
       e.event_place, e.event_country, e.lat, e.lon
FROM events e
WHERE {clause} AND e.modality IN (SELECT unnest(?::VARCHAR[]))
ORDER BY e.event_id
"""

#: The event and origin places of the selected events' mentions, from each mention's full record:
#: the ``events`` table keeps only the event place's point, not its precision or the origins.
PLACES_SQL = """
SELECT DISTINCT m.event_id, loc->>'role' AS role, coalesce(loc->>'name', loc->>'text') AS name,
       loc->>'country' AS country, TRY_CAST(loc->>'lat' AS DOUBLE) AS lat, TRY_CAST(loc->>'lon' AS DOUBLE) AS lon,
       loc->>'precision' AS precision
FROM event_mentions m, unnest(CAST(m.record->'locations' AS JSON[])) AS t(loc)
WHERE m.event_id IN (SELECT unnest(?::VARCHAR[])) AND loc->>'role' IN ('event', 'origin')
ORDER BY m.event_id, role, name
"""


def _point(lat: float, lon: float) -> tuple[float, float]:
    # Two decimals (about 1 km): the dashboard's map groups places the same way.
    return round(lat, 2), round(lon, 2)


def _store_contents(store: Store) -> str:
    """What the store does hold, so an empty selection's message says how to change the filters."""
    rows = store.query("SELECT plover, modality, count(*) AS n FROM events GROUP BY ALL")
    if not rows:
        return "the store holds no events: run `whimbrel run PATH --db FILE` first"
    types: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    for r in rows:
        types[r["plover"] or "?"] += r["n"]
        modalities[r["modality"] or "?"] += r["n"]
    top = ", ".join(f"{k} {n}" for k, n in types.most_common(6))
    mods = ", ".join(f"{k} {n}" for k, n in modalities.most_common())
    return f"the store holds {_plural(types.total(), 'event')}: {top}; modalities {mods}"


def load_event_map(db: str | Path, selection: Selection, origins: bool = False) -> EventMap:
    """The selected events of store ``db`` grouped by place; E601 when there is nothing to draw."""
    clause, params = where(selection.filters())
    with Store(db, read_only=True) as store:
        events = store.query(EVENTS_SQL.format(clause=clause), [*params, list(selection.modalities)])
        if not events:
            raise WhimbrelError(
                Err.E601, path=str(db), detail=f"no event matches {selection.describe()}; {_store_contents(store)}"
            )
        located = [e for e in events if e["lat"] is not None and e["lon"] is not None]
        places = store.query(PLACES_SQL, [[e["event_id"] for e in located]]) if located else []
    if not located:
        raise WhimbrelError(
            Err.E601,
            path=str(db),
            detail=f"none of the {_plural(len(events), 'event')} matching {selection.describe()} has a place "
            "with coordinates",
        )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in places:
        if row["lat"] is not None and row["lon"] is not None:
            by_event.setdefault(row["event_id"], []).append(row)
    markers: dict[tuple[float, float, bool], MappedPlace] = {}
    sources: dict[tuple[float, float], OriginPlace] = {}
    for e in located:
        at = _point(e["lat"], e["lon"])
        rows = by_event.get(e["event_id"], [])
        precisions = {r["precision"] for r in rows if r["role"] == "event" and _point(r["lat"], r["lon"]) == at}
        country_level = precisions == {"country"}
        name = e["event_place"] or e["event_country"] or f"{at[0]}, {at[1]}"
        marker = markers.setdefault((*at, country_level), MappedPlace(*at, name, e["event_country"], country_level))
        marker.types[e["plover"] or "?"] += 1
        if origins:
            for r in rows:
                origin_at = _point(r["lat"], r["lon"])
                if r["role"] == "origin" and origin_at != at:
                    origin = sources.setdefault(
                        origin_at,
                        OriginPlace(*origin_at, r["name"] or "?", r["country"], r["precision"] == "country"),
                    )
                    origin.targets[at] += 1
    days = [e["date"] for e in events if e["date"] is not None]
    last_days = [e["last_day"] for e in events if e["last_day"] is not None]
    return EventMap(
        source=Path(db).name,
        selection=selection,
        n_events=len(events),
        n_unlocated=len(events) - len(located),
        first_day=min(days) if days else None,
        last_day=max(last_days) if last_days else None,
        places=sorted(markers.values(), key=lambda p: (-p.count, p.name, p.lat, p.lon)),
        origins=sorted(sources.values(), key=lambda o: (-o.count, o.name)),
    )


# -- the scene: shapes in canvas pixels -------------------------------------------------------

Point = tuple[float, float]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Shape:
    """A closed or open path (``rings`` of points); ``fill`` None draws only the outline."""

    rings: list[list[Point]]
    fill: str | None
    stroke: str | None
    stroke_width: float = 1.0
    closed: bool = True
    dashed: bool = False
    opacity: float = 1.0
    clip: bool = False
    css: str = ""
    tooltip: str | None = None


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    fill: str | None
    stroke: str
    stroke_width: float
    fill_opacity: float = 1.0
    clip: bool = False
    css: str = ""
    tooltip: str | None = None


@dataclass(frozen=True)
class Label:
    """Text whose baseline starts (``anchor``) at x, y; ``halo`` keeps it readable over the map."""

    x: float
    y: float
    text: str
    size: float
    colour: str = INK
    bold: bool = False
    anchor: Anchor = "start"
    halo: bool = False
    clip: bool = False


Item = Shape | Circle | Label


@dataclass(frozen=True)
class Frame:
    """The map's window on the canvas: equirectangular, true to scale at the centre latitude."""

    left: float
    top: float
    width: float
    height: float
    lon0: float
    lat0: float
    scale: float  # pixels per degree of latitude
    squeeze: float  # pixels per degree of longitude, relative to latitude

    def xy(self, lon: float, lat: float) -> Point:
        return (
            self.left + self.width / 2 + (lon - self.lon0) * self.scale * self.squeeze,
            self.top + self.height / 2 - (lat - self.lat0) * self.scale,
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """min_lon, min_lat, max_lon, max_lat of the window (may reach past the world's edges)."""
        half_lon = self.width / 2 / (self.scale * self.squeeze)
        half_lat = self.height / 2 / self.scale
        return self.lon0 - half_lon, self.lat0 - half_lat, self.lon0 + half_lon, self.lat0 + half_lat


@dataclass
class Scene:
    width: int
    height: int
    title: str
    frame: Frame
    items: list[Item]
    description: str


def fit_frame(points: list[Point], left: float, top: float, width: float, height: float) -> Frame:
    """A window on the (lon, lat) ``points`` with a margin, filling the box as far as the world reaches.

    Where the box is wider (or taller) than the whole world at that zoom, the frame is narrowed
    (or shortened) and centred in the box rather than showing empty space past the world's edge.
    """
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    margin_lon = max((max(lons) - min(lons)) * 0.2, 3.0)
    margin_lat = max((max(lats) - min(lats)) * 0.2, 3.0)
    west, east = max(min(lons) - margin_lon, -180.0), min(max(lons) + margin_lon, 180.0)
    # The world view leaves out Antarctica and the empty Arctic unless an event is there.
    floor, ceiling = min(WORLD_LATS[0], min(lats) - margin_lat), max(WORLD_LATS[1], max(lats) + margin_lat)
    south, north = max(min(lats) - margin_lat, floor), min(max(lats) + margin_lat, ceiling)
    if north - south < MIN_LAT_SPAN:
        middle = (north + south) / 2
        south, north = middle - MIN_LAT_SPAN / 2, middle + MIN_LAT_SPAN / 2
    squeeze = math.cos(math.radians(max(-70.0, min(70.0, (south + north) / 2))))
    scale = min(height / (north - south), width / ((east - west) * squeeze))
    if width / (scale * squeeze) > 360.0:
        left += (width - 360.0 * scale * squeeze) / 2
        width = 360.0 * scale * squeeze
    if height / scale > ceiling - floor:
        top += (height - (ceiling - floor) * scale) / 2
        height = (ceiling - floor) * scale
    half_lon, half_lat = width / 2 / (scale * squeeze), height / 2 / scale
    lon0 = max(-180.0 + half_lon, min(180.0 - half_lon, (west + east) / 2))
    lat0 = max(floor + half_lat, min(ceiling - half_lat, (south + north) / 2))
    return Frame(left, top, width, height, lon0, lat0, scale, squeeze)


@cache
def world_outline() -> list[tuple[str, tuple[float, float, float, float], list[list[Point]]]]:
    """(ISO3, lon/lat bounding box, outer rings) per country, from the dashboard's world.geojson."""
    data = json.loads(WORLD_OUTLINE.read_text(encoding="utf-8"))
    countries = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[(float(x), float(y)) for x, y in polygon[0]] for polygon in polygons]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        countries.append((feature["properties"]["iso3"], (min(xs), min(ys), max(xs), max(ys)), rings))
    return countries


def _nice_step(span: float) -> float:
    """A graticule spacing giving a handful of lines across ``span`` degrees."""
    return next((s for s in (1, 2, 5, 10, 15, 30, 60) if span / s <= 8), 90.0)


def _degrees(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value > 0 else negative if value < 0 else ""
    return f"{abs(value):g}°{hemisphere}"


def _text_width(text: str, size: float) -> float:
    return len(text) * size * GLYPH_WIDTH


def _graticule(frame: Frame, u: float) -> tuple[list[Item], list[Item]]:
    """Meridians and parallels, and their labels (drawn later, over the land)."""
    min_lon, min_lat, max_lon, max_lat = frame.bounds()
    min_lon, max_lon = max(min_lon, -180.0), min(max_lon, 180.0)
    min_lat, max_lat = max(min_lat, -90.0), min(max_lat, 90.0)
    step = _nice_step(max(max_lon - min_lon, max_lat - min_lat))
    lines: list[Item] = []
    labels: list[Item] = []
    size = 11 * u
    lon = math.ceil(min_lon / step) * step
    while lon <= max_lon:
        line = [frame.xy(lon, min_lat), frame.xy(lon, max_lat)]
        lines.append(Shape([line], None, GRATICULE, 0.8 * u, closed=False, clip=True, css="graticule"))
        x, _ = line[0]
        if frame.left + 2 * size < x < frame.left + frame.width - 4 * size:  # no label cut by the frame
            label = _degrees(lon, "E", "W")
            labels.append(Label(x + 3 * u, frame.top + frame.height - 6 * u, label, size, MUTED, halo=True, clip=True))
        lon += step
    lat = math.ceil(min_lat / step) * step
    while lat <= max_lat:
        line = [frame.xy(min_lon, lat), frame.xy(max_lon, lat)]
        lines.append(Shape([line], None, GRATICULE, 0.8 * u, closed=False, clip=True, css="graticule"))
        _, y = line[0]
        if frame.top + 2 * size < y < frame.top + frame.height - 2 * size:
            labels.append(
                Label(frame.left + 6 * u, y - 3 * u, _degrees(lat, "N", "S"), size, MUTED, halo=True, clip=True)
            )
        lat += step
    return lines, labels


def _land(frame: Frame, shaded: set[str], u: float) -> list[Item]:
    min_lon, min_lat, max_lon, max_lat = frame.bounds()
    items: list[Item] = []
    for iso3, (x0, y0, x1, y1), rings in world_outline():
        if x1 < min_lon or x0 > max_lon or y1 < min_lat or y0 > max_lat:
            continue  # off the map: keeps the SVG small
        projected = [[frame.xy(x, y) for x, y in ring] for ring in rings]
        fill = LAND_WITH_EVENTS if iso3 in shaded else LAND
        items.append(Shape(projected, fill, BORDER, 0.7 * u, clip=True, css="land"))
    return items


def _radius_unit(event_map: EventMap, frame: Frame, u: float) -> float:
    """Pixels of radius per sqrt(event): marker area is proportional to the number of events."""
    biggest = max(p.count for p in event_map.places)
    largest_radius = 0.06 * min(frame.width, frame.height)
    return min(9 * u, largest_radius / math.sqrt(biggest))


def _radius(count: int, unit: float, u: float) -> float:
    # A floor keeps a single event visible next to a place with thousands.
    return max(unit * math.sqrt(count), 3.0 * u)


def _origin_marks(event_map: EventMap, frame: Frame, u: float) -> list[Item]:
    items: list[Item] = []
    for origin in event_map.origins:
        ox, oy = frame.xy(origin.lon, origin.lat)
        for (lat, lon), _ in origin.targets.most_common():
            link = [(ox, oy), frame.xy(lon, lat)]
            items.append(Shape([link], None, ORIGIN, 1.4 * u, closed=False, dashed=True, opacity=0.7, clip=True))
    for origin in event_map.origins:
        ox, oy = frame.xy(origin.lon, origin.lat)
        d = 6 * u
        diamond = [(ox, oy - d), (ox + d, oy), (ox, oy + d), (ox - d, oy)]
        items.append(
            Shape([diamond], ORIGIN, PAPER, 1.2 * u, clip=True, css="origin", tooltip=origin.tooltip()),
        )
    return items


def _markers(event_map: EventMap, frame: Frame, unit: float, u: float) -> list[Item]:
    items: list[Item] = []
    # Biggest first, so smaller markers stay visible on top of them.
    for place in sorted(event_map.places, key=lambda p: (-p.count, p.name)):
        x, y = frame.xy(place.lon, place.lat)
        colour = type_colour(place.main_type)
        r = _radius(place.count, unit, u)
        if place.country_level:
            items.append(
                Circle(x, y, r, None, colour, 3 * u, clip=True, css="marker country-level", tooltip=place.tooltip())
            )
        else:
            items.append(
                Circle(x, y, r, colour, PAPER, 1.2 * u, MARKER_OPACITY, True, "marker", tooltip=place.tooltip())
            )
    return items


Box = tuple[float, float, float, float]


def _box_hits_disc(box: Box, x: float, y: float, r: float) -> bool:
    nearest_x = min(max(x, box[0]), box[2])
    nearest_y = min(max(y, box[1]), box[3])
    return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < r * r


def _labels(event_map: EventMap, frame: Frame, unit: float, u: float) -> list[Item]:
    """Names of the busiest places, next to their marker where they cover no other name or marker."""
    size = 13 * u
    discs = [(*frame.xy(p.lon, p.lat), _radius(p.count, unit, u)) for p in event_map.places]
    taken: list[Box] = []
    items: list[Item] = []
    for place, (x, y, r) in zip(event_map.places[:MAX_LABELS], discs, strict=False):
        w = _text_width(place.name, size)
        # Right, left, above, below: (left edge, baseline) of the name.
        spots = [
            (x + r + 4 * u, y + size * 0.35),
            (x - r - 4 * u - w, y + size * 0.35),
            (x - w / 2, y - r - 4 * u),
            (x - w / 2, y + r + 4 * u + size * 0.75),
        ]
        for x0, baseline in spots:
            box = (x0, baseline - size * 1.1, x0 + w, baseline)
            inside = frame.left <= box[0] and box[2] <= frame.left + frame.width and frame.top <= box[1]
            inside = inside and box[3] <= frame.top + frame.height
            clear = all(box[2] < t[0] or box[0] > t[2] or box[3] < t[1] or box[1] > t[3] for t in taken)
            # A name over another marker would read as that marker's name.
            clear = clear and not any(_box_hits_disc(box, *d) for d in discs if d != (x, y, r))
            if inside and clear:
                taken.append(box)
                items.append(Label(x0, baseline, place.name, size, INK, halo=True, clip=True))
                break
    return items


def _legend(event_map: EventMap, unit: float, u: float, left: float, top: float) -> tuple[list[Item], float]:
    """The legend's items and where it ends (canvas y)."""
    items: list[Item] = []
    heading, body = 15 * u, 13 * u
    line = 22 * u
    y = top + heading
    items.append(Label(left, y, "Event type", heading, INK, bold=True))
    items.append(Label(left, y + 16 * u, "colour of a place: its most frequent type", 11 * u, MUTED))
    y += 16 * u + line
    for plover, n in event_map.type_counts():
        items.append(Circle(left + 7 * u, y - 4.5 * u, 6.5 * u, type_colour(plover), PAPER, u, MARKER_OPACITY))
        items.append(Label(left + 22 * u, y, plover, body, INK))
        items.append(Label(left + 230 * u, y, str(n), body, MUTED, anchor="end"))
        y += line
    y += 12 * u
    items.append(Label(left, y, "Events per place", heading, INK, bold=True))
    y += 10 * u
    biggest = max(p.count for p in event_map.places)
    keys = sorted({1, *(k for k in (5, 10, 25, 50, 100, 250, 500, 1000) if k <= biggest)})
    keys = sorted({keys[0], keys[len(keys) // 2], keys[-1]}) if len(keys) > 3 else keys
    for k in keys:
        r = _radius(k, unit, u)
        y += max(r, 7 * u) + 4 * u
        items.append(Circle(left + 20 * u, y, r, MUTED, PAPER, u, 0.5))
        items.append(Label(left + 52 * u, y + 4.5 * u, _plural(k, "event"), body, INK))
        y += max(r, 7 * u)
    y += 8 * u
    if any(p.country_level for p in event_map.places):
        y += line
        items.append(Circle(left + 20 * u, y - 4.5 * u, 7 * u, None, MUTED, 3 * u))
        items.append(Label(left + 52 * u, y, "country only", body, INK))
        items.append(Label(left + 52 * u, y + 15 * u, "(no finer place known)", 11 * u, MUTED))
        y += 15 * u
    if event_map.origins:
        y += line + 4 * u
        d = 6 * u
        cx, cy = left + 20 * u, y - 4.5 * u
        diamond = [(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)]
        link = [(cx + d, cy), (cx + 30 * u, cy)]
        items.append(Shape([link], None, ORIGIN, 1.4 * u, closed=False, dashed=True, opacity=0.7))
        items.append(Shape([diamond], ORIGIN, PAPER, 1.2 * u))
        items.append(Label(left + 52 * u, y, "origin of the events", body, INK))
        items.append(Label(left + 52 * u, y + 15 * u, "(e.g. launched from)", 11 * u, MUTED))
        y += 15 * u
    return items, y


def _caption(event_map: EventMap) -> tuple[str, str]:
    counts = (
        f"{_plural(event_map.n_events, 'event')}, {event_map.n_mapped} mapped at "
        f"{_plural(len(event_map.places), 'place')}"
    )
    if event_map.n_unlocated:
        counts += f", {event_map.n_unlocated} without coordinates (not drawn)"
    if event_map.origins:
        counts += f", {_plural(len(event_map.origins), 'origin')}"
    first = f"{counts}  |  {event_map.date_range()}  |  {event_map.selection.describe()}"
    second = (
        f"store: {event_map.source}  |  outlines: countryinfo, simplified  |  whimbrel {__version__}, "
        "marker area proportional to events"
    )
    return first, second


def layout(event_map: EventMap, width: int = 1600, height: int | None = None, title: str | None = None) -> Scene:
    """The map as shapes in canvas pixels: map on the left, legend on the right, caption below.

    Without ``height`` the canvas is as tall as the map needs (no empty bands around the world).
    """
    u = width / 1600 if height is None else min(width / 1600, height / 1000)  # designed at 1600 x 1000
    pad = 16 * u
    header, footer, panel = 56 * u, 58 * u, 270 * u
    box_width = width - panel - 2 * pad
    box_height = box_width * 0.7 if height is None else height - header - footer
    # A country-level origin sits at the country's centre, which says little: it does not widen the map.
    points = [(p.lon, p.lat) for p in event_map.places]
    points += [(o.lon, o.lat) for o in event_map.origins if not o.country_level]
    frame = fit_frame(points, pad, header, box_width, box_height)
    unit = _radius_unit(event_map, frame, u)
    legend, legend_end = _legend(event_map, unit, u, width - panel, header + 4 * u)
    if height is None:
        box_height = max(frame.height, legend_end - header)
        height = math.ceil(header + box_height + footer)
        frame = fit_frame(points, pad, header, box_width, box_height)
    shaded = {p.country for p in event_map.places if p.country}
    title = title or f"Events in {event_map.source}"
    items: list[Item] = [Shape([_rect(0, 0, width, height)], PAPER, None)]
    area = (frame.left, frame.top, frame.width, frame.height)
    items.append(Shape([_rect(*area)], SEA, None, clip=True, css="sea"))
    graticule, graticule_labels = _graticule(frame, u)
    items += graticule
    items += _land(frame, shaded, u)
    items += graticule_labels
    items += _origin_marks(event_map, frame, u)
    items += _markers(event_map, frame, unit, u)
    items += _labels(event_map, frame, unit, u)
    items.append(Shape([_rect(*area)], None, BORDER, u))
    items.append(Label(pad, header - 18 * u, title, 26 * u, INK, bold=True))
    items += legend
    first, second = _caption(event_map)
    items.append(Label(pad, height - footer + 24 * u, first, 14 * u, INK))
    items.append(Label(pad, height - footer + 44 * u, second, 12 * u, MUTED))
    return Scene(width, height, title, frame, items, f"{first}. {second}.")


def _rect(left: float, top: float, width: float, height: float) -> list[Point]:
    return [(left, top), (left + width, top), (left + width, top + height), (left, top + height)]


# -- output ----------------------------------------------------------------------------------

FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _esc(text: str) -> str:
    """Text as inert XML/HTML: markup escaped, control characters (not allowed in XML) dropped."""
    return html.escape(_XML_UNSAFE.sub("", text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _path_data(shape: Shape) -> str:
    parts = []
    for ring in shape.rings:
        coords = "L".join(f"{_num(x)},{_num(y)}" for x, y in ring)
        parts.append(f"M{coords}{'Z' if shape.closed else ''}")
    return "".join(parts)


def _svg_item(item: Item) -> str:
    clip = ' clip-path="url(#map-area)"' if item.clip else ""
    if isinstance(item, Label):
        weight = ' font-weight="bold"' if item.bold else ""
        halo = f' stroke="{PAPER}" stroke-width="{_num(item.size / 2.5)}" paint-order="stroke"' if item.halo else ""
        return (
            f'<text x="{_num(item.x)}" y="{_num(item.y)}" font-size="{_num(item.size)}" fill="{item.colour}"'
            f' text-anchor="{item.anchor}"{weight}{halo}{clip}>{_esc(item.text)}</text>'
        )
    css = f' class="{item.css}"' if item.css else ""
    tip = f"<title>{_esc(item.tooltip)}</title>" if item.tooltip else ""
    if isinstance(item, Circle):
        fill = f'fill="{item.fill}" fill-opacity="{item.fill_opacity}"' if item.fill else 'fill="none"'
        attrs = (
            f'cx="{_num(item.x)}" cy="{_num(item.y)}" r="{_num(item.r)}" {fill} stroke="{item.stroke}"'
            f' stroke-width="{_num(item.stroke_width)}"'
        )
        return f"<circle{css} {attrs}{clip}>{tip}</circle>" if tip else f"<circle{css} {attrs}{clip}/>"
    fill = f'fill="{item.fill}"' if item.fill else 'fill="none"'
    stroke = f' stroke="{item.stroke}" stroke-width="{_num(item.stroke_width)}"' if item.stroke else ""
    dash = f' stroke-dasharray="{_num(item.stroke_width * 3)} {_num(item.stroke_width * 2)}"' if item.dashed else ""
    opacity = f' opacity="{item.opacity}"' if item.opacity < 1 else ""
    attrs = f'd="{_path_data(item)}" {fill}{stroke}{dash}{opacity}{clip}'
    return f"<path{css} {attrs}>{tip}</path>" if tip else f"<path{css} {attrs}/>"


def to_svg(scene: Scene, standalone: bool = True) -> str:
    """The scene as one ``<svg>`` element; ``standalone`` adds the XML namespace a .svg file needs."""
    f = scene.frame
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    head = (
        f'<svg{namespace} viewBox="0 0 {scene.width} {scene.height}" width="{scene.width}" height="{scene.height}"'
        f' role="img" aria-labelledby="map-title map-desc" font-family="{_esc(FONT_FAMILY)}">'
    )
    style = (
        # A hollow ring shows its tooltip over its whole disc, not only over its thin outline.
        "<style>.marker:hover{stroke:#000;stroke-width:2.5}.origin:hover{stroke:#000}text{pointer-events:none}"
        ".country-level{pointer-events:all}</style>"
    )
    defs = (
        f'<defs><clipPath id="map-area"><rect x="{_num(f.left)}" y="{_num(f.top)}" width="{_num(f.width)}"'
        f' height="{_num(f.height)}"/></clipPath></defs>'
    )
    titles = f'<title id="map-title">{_esc(scene.title)}</title><desc id="map-desc">{_esc(scene.description)}</desc>'
    body = "\n".join(_svg_item(item) for item in scene.items)
    return f"{head}\n{titles}\n{style}\n{defs}\n{body}\n</svg>\n"


def to_html(scene: Scene) -> str:
    """A self-contained page: the inline SVG, no script, and a policy that forbids loading anything."""
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(scene.title)}</title>\n"
        f"<style>body{{margin:0;background:{PAPER};font-family:{FONT_FAMILY}}}"
        "svg{display:block;width:100%;height:auto;max-width:100vw}</style>\n"
        "</head>\n<body>\n"
        f"{to_svg(scene, standalone=False)}"
        "</body>\n</html>\n"
    )


#: PNG resolution: the canvas is ``width`` x ``height`` pixels, so sizes in points are px * 72 / DPI.
DPI = 100


def to_png(scene: Scene, out: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle as CirclePatch
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path as MplPath
    from matplotlib.patheffects import withStroke

    pt = 72 / DPI  # points per canvas pixel
    fig = Figure(figsize=(scene.width / DPI, scene.height / DPI), dpi=DPI)
    FigureCanvasAgg(fig)  # the Agg canvas: no display, no pyplot state
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)  # canvas pixels, y downwards as in the SVG
    ax.set_axis_off()
    f = scene.frame
    area = Rectangle((f.left, f.top), f.width, f.height, transform=ax.transData, fill=False, visible=False)
    ax.add_artist(area)
    anchors = {"start": "left", "middle": "center", "end": "right"}
    for z, item in enumerate(scene.items, start=1):
        artist: Any
        if isinstance(item, Label):
            effects = [withStroke(linewidth=item.size / 2.5 * pt, foreground=PAPER)] if item.halo else None
            artist = ax.text(
                item.x,
                item.y,
                item.text,
                fontsize=item.size * pt,
                color=item.colour,
                fontweight="bold" if item.bold else "normal",
                ha=anchors[item.anchor],
                va="baseline",
                parse_math=False,  # a place name with '$' is text, not TeX
                path_effects=effects,
                zorder=z,
            )
        elif isinstance(item, Circle):
            artist = CirclePatch(
                (item.x, item.y),
                item.r,
                facecolor=item.fill or "none",
                edgecolor=item.stroke,
                linewidth=item.stroke_width * pt,
                zorder=z,
            )
            if item.fill:
                artist.set_facecolor((*_rgb(item.fill), item.fill_opacity))
            ax.add_artist(artist)  # not add_patch: the limits are fixed, and updating them is slow
        else:
            vertices: list[Point] = []
            codes: list[int] = []
            for ring in item.rings:
                vertices += ring
                codes += [int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(ring) - 1)
                if item.closed:
                    vertices.append(ring[0])
                    codes.append(int(MplPath.CLOSEPOLY))
            artist = PathPatch(
                MplPath(vertices, codes),
                facecolor=item.fill or "none",
                edgecolor=item.stroke or "none",
                linewidth=item.stroke_width * pt if item.stroke else 0,
                linestyle=(0, (3, 2)) if item.dashed else "solid",
                alpha=item.opacity if item.opacity < 1 else None,
                zorder=z,
            )
            ax.add_artist(artist)  # not add_patch: the limits are fixed, and updating them is slow
        if item.clip:
            artist.set_clip_path(area)
    fig.savefig(out, format="png", dpi=DPI, facecolor=PAPER)


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def output_format(out: Path) -> str:
    """png, svg or html from the file name; E602 for anything else."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise WhimbrelError(Err.E602, path=str(out), detail=out.suffix or "(none)")
    return fmt


def render(scene: Scene, out: Path) -> None:
    fmt = output_format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        to_png(scene, out)
    elif fmt == "svg":
        out.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + to_svg(scene), encoding="utf-8")
    else:
        out.write_text(to_html(scene), encoding="utf-8")
