"""One-off generator of ``whimbrel/web/world.geojson``, the dashboard's offline world map.

The outlines come from the per-country GeoJSON bundled with the ``countryinfo`` package; they are
simplified (Douglas-Peucker, tolerance :data:`TOLERANCE_DEG`), rounded to two decimals and
stripped of slivers so the file stays small. The written file is committed; the dashboard only
reads it.

    .venv/bin/python scripts/build_world_outline.py
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import countryinfo

OUT = Path(__file__).resolve().parent.parent / "whimbrel" / "web" / "world.geojson"
SOURCE = Path(countryinfo.__file__).resolve().parent / "data"

#: How far (in degrees) a simplified outline may stray from the original: about 10 km.
TOLERANCE_DEG = 0.1
#: Rings smaller than this (square degrees) vanish at any zoom the dashboard offers.
MIN_RING_AREA = 0.02
DECIMALS = 2

Point = tuple[float, float]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(ring: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker with an explicit stack (rings of thousands of points would overflow recursion)."""
    if len(ring) < 3:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(ring[i], ring[first], ring[last])
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def ring_area(ring: list[Point]) -> float:
    """Shoelace area in square degrees (only compared against a threshold)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def simplify_polygons(polygons: list[list[list[list[float]]]]) -> list[list[list[list[float]]]]:
    """Each polygon's outer ring simplified; holes dropped (lakes do not help place events)."""
    out = []
    for polygon in polygons:
        outer = [(float(x), float(y)) for x, y in polygon[0]]
        if ring_area(outer) < MIN_RING_AREA:
            continue
        small = simplify(outer, TOLERANCE_DEG)
        rounded = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in small]
        if len(rounded) >= 4:
            out.append([rounded])
    return out


def country_features() -> list[dict[str, object]]:
    features: dict[str, dict[str, object]] = {}
    for path in sorted(SOURCE.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (info.get("ISO") or {}).get("alpha3")
        for feature in (info.get("geoJSON") or {}).get("features", []):
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            kept = simplify_polygons(polygons)
            code = iso3 or feature.get("id")
            if kept and code and code not in features:
                features[code] = {
                    "type": "Feature",
                    "properties": {"iso3": code, "name": info.get("name")},
                    "geometry": {"type": "MultiPolygon", "coordinates": kept},
                }
    return [features[k] for k in sorted(features)]


def main() -> None:
    collection = {
        "type": "FeatureCollection",
        "source": "countryinfo (Python package) per-country GeoJSON, simplified by scripts/build_world_outline.py",
        "features": country_features(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"{len(collection['features'])} countries, {OUT.stat().st_size / 1024:.0f} KiB -> {OUT}")


if __name__ == "__main__":
    main()
