"""Toponym recognition and resolution on LGL and GeoWebNews (read from ``../shared/eval``).

Metrics (same for both sets):

* recognition precision / recall / F1: a predicted toponym matches a gold one when their
  character spans overlap (one-to-one, in text order);
* accuracy within 161 km over *all* gold toponyms that have coordinates: a gold toponym that
  was missed or left unresolved counts as wrong;
* median error in km over the gold toponyms that were matched and resolved.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from whimbrel.evaluation.base import Metric
from whimbrel.model import Article, Toponym
from whimbrel.pipeline import Pipeline

WITHIN_KM = 161.0
EARTH_RADIUS_KM = 6371.0
# GeoWebNews annotates expressions around toponyms and non-toponyms too; these types are toponyms.
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Literal_Modifier",
        "Metonymic",
        "Mixed",
        "Coercion",
        "Demonym",
        "Embedded_Literal",
        "Embedded_Non_Lit",
        "Non_Literal_Modifier",
    }
)


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def _float(node: etree._Element, path: str) -> float | None:
    value = node.findtext(path)
    return float(value) if value and value.strip() else None


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    """Articles of ``lgl.xml`` with their gold toponyms (coordinates from the GeoNames gaztag)."""
    for art in etree.parse(str(path)).getroot().iter("article"):
        tops = [
            GoldToponym(
                int(t.findtext("start")),
                int(t.findtext("end")),
                t.findtext("phrase") or "",
                _float(t, "gaztag/lat"),
                _float(t, "gaztag/lon"),
            )
            for t in art.iter("toponym")
        ]
        yield GoldArticle(art.get("docid", ""), art.findtext("text") or "", tops)


def read_geowebnews(path: Path) -> Iterator[GoldArticle]:
    """Articles of ``GWN.xml`` with the gold spans whose type is a toponym (see GWN_TOPONYM_TYPES)."""
    for art in etree.parse(str(path)).getroot().iter("article"):
        tops = [
            GoldToponym(
                int(t.findtext("start")),
                int(t.findtext("end")),
                t.findtext("extractedName") or "",
                _float(t, "latitude"),
                _float(t, "longitude"),
            )
            for t in art.iter("toponym")
            if t.findtext("type") in GWN_TOPONYM_TYPES
        ]
        yield GoldArticle(art.get("file", ""), art.findtext("text") or "", tops)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def match_spans(gold: list[GoldToponym], predicted: list[Toponym]) -> list[tuple[GoldToponym, Toponym]]:
    """One-to-one pairs of overlapping spans, each gold taking the first free overlapping prediction."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda t: t.start):
        for i, p in enumerate(predicted):
            if i not in used and p.start < g.end and g.start < p.end:
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    with_coords: int = 0
    within: int = 0
    errors_km: list[float] | None = None

    def add(self, gold: list[GoldToponym], predicted: list[Toponym]) -> None:
        pairs = match_spans(gold, predicted)
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += len(pairs)
        self.with_coords += sum(1 for g in gold if g.lat is not None)
        errors = self.errors_km if self.errors_km is not None else []
        for g, p in pairs:
            if g.lat is None or g.lon is None or p.lat is None or p.lon is None:
                continue
            km = haversine_km(g.lat, g.lon, p.lat, p.lon)
            errors.append(km)
            self.within += km <= WITHIN_KM
        self.errors_km = errors

    def metrics(self, name: str, items: int, seconds: float) -> list[Metric]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows = {
            "toponym_precision": precision,
            "toponym_recall": recall,
            "toponym_f1": f1,
            "accuracy_161km": self.within / self.with_coords if self.with_coords else 0.0,
            "median_error_km": statistics.median(self.errors_km) if self.errors_km else float("nan"),
        }
        return [Metric(name, items, metric, round(value, 4), round(seconds, 1)) for metric, value in rows.items()]


def _evaluate(name: str, articles: list[GoldArticle], pipeline: Pipeline) -> list[Metric]:
    started = time.perf_counter()
    tally = _Tally()
    inputs = [Article(id=a.id, text=a.text) for a in articles]
    for gold, result in zip(articles, pipeline.process(inputs), strict=True):
        tally.add(gold.toponyms, result.toponyms)
    return tally.metrics(name, len(articles), time.perf_counter() - started)


def eval_lgl(pipeline: Pipeline, eval_dir: Path, limit: int | None = None) -> list[Metric]:
    """LGL (US local news, 2009). ``pipeline`` needs stages up to ``whimbrel_places``."""
    articles = list(read_lgl(eval_dir / "lgl" / "lgl.xml"))[:limit]
    return _evaluate("lgl", articles, pipeline)


def eval_geowebnews(pipeline: Pipeline, eval_dir: Path, limit: int | None = None) -> list[Metric]:
    """GeoWebNews (international web news, 2018). ``pipeline`` needs stages up to ``whimbrel_places``."""
    articles = list(read_geowebnews(eval_dir / "geowebnews" / "GWN.xml"))[:limit]
    return _evaluate("geowebnews", articles, pipeline)
