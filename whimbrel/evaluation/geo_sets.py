"""Toponym recognition and resolution on LGL, GeoWebNews and GeoVirus, event locations on
event_location_dev (all read from ``../shared/eval``).

LGL, GeoWebNews and GeoVirus metrics:

* recognition precision / recall / F1: a predicted toponym matches a gold one when their
  character spans overlap (one-to-one, in text order);
* accuracy within 161 km over *all* gold toponyms that have coordinates: a gold toponym that
  was missed or left unresolved counts as wrong;
* median error in km over the gold toponyms that were matched and resolved.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from whimbrel.errors import Err, WhimbrelInputError
from whimbrel.evaluation.base import Metric
from whimbrel.evaluation.event_sets import share, tracked
from whimbrel.model import Article, Event, Toponym
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


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """Articles of ``GeoVirus.xml`` with their gold locations (Wikipedia coordinates).

    The file counts characters from 1: a location's ``start`` and ``end`` are one past the
    Python offsets of its name.
    """
    for number, art in enumerate(etree.parse(str(path)).getroot().iter("article")):
        tops = [
            GoldToponym(
                int(t.findtext("start")) - 1,
                int(t.findtext("end")) - 1,
                t.findtext("name") or "",
                _float(t, "lat"),
                _float(t, "lon"),
            )
            for t in art.iter("location")
        ]
        yield GoldArticle(art.findtext("source") or f"geovirus-{number}", art.findtext("text") or "", tops)


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


def eval_geovirus(pipeline: Pipeline, eval_dir: Path, limit: int | None = None) -> list[Metric]:
    """GeoVirus (WikiNews disease-outbreak reports, 2017). ``pipeline`` needs stages up to ``whimbrel_places``."""
    articles = list(read_geovirus(eval_dir / "geovirus" / "GeoVirus.xml"))[:limit]
    return _evaluate("geovirus", articles, pipeline)


# --- event_location: where THIS event happened ------------------------------------------------
#
# Each gold record is one sentence with one event verb and the spans of the places where that
# verb's event happened (none when the sentence does not say). A record is scored through
# whimbrel's event whose trigger overlaps the gold verb, comparing that event's ``event``-role
# places with the gold spans. When no event's trigger overlaps the verb, whimbrel gave no answer
# for that event and its predicted places are none: right exactly when the gold has none too.
# ``trigger_coverage`` says how often that happened, and ``accuracy_covered`` scores only the
# records whose verb whimbrel coded.

EVENT_LOCATION_FILE = Path("event_location_dev") / "event_location_dev.jsonl"

#: (start, end) character offsets into the record's text
CharSpan = tuple[int, int]


@dataclass(slots=True, frozen=True)
class LocationRecord:
    """One gold record: sentence, event verb span and the event's place spans."""

    text: str
    verb: CharSpan
    places: tuple[CharSpan, ...]


def _location_record(raw: object, path: Path, line: int) -> LocationRecord:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise WhimbrelInputError(Err.E105, path=path, line=line, detail="no 'text' string")
    text: str = raw["text"]
    spans = [s for s in raw.get("spans") or [] if isinstance(s, dict)]
    verbs = [_char_span(text, s) for s in spans if s.get("label") == "VERB"]
    if not verbs:
        raise WhimbrelInputError(Err.E111, path=path, line=line, detail="a VERB span")
    places = tuple(sorted(_char_span(text, s) for s in spans if s.get("label") == "LOCATION"))
    return LocationRecord(text, verbs[0], places)


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _char_span(text: str, span: dict[str, Any]) -> CharSpan:
    """Character offsets of a gold span.

    Some upstream spans carry token numbers in ``start``/``end`` (their ``text`` then differs
    from the characters there): such a span is found by its text, taking the occurrence whose
    token number is nearest the span's ``token_start``.
    """
    start, end, said = int(span["start"]), int(span["end"]), span.get("text")
    if not said or text[start:end] == said or said not in text:
        return start, end
    token_starts = [m.start() for m in _TOKEN.finditer(text)]
    found = [m.start() for m in re.finditer(re.escape(said), text)]
    wanted = int(span.get("token_start", start))
    best = min(found, key=lambda at: abs(bisect.bisect_right(token_starts, at) - 1 - wanted))
    return best, best + len(said)


def read_event_location(path: Path, limit: int | None = None) -> list[LocationRecord]:
    """Records of the event-location file, in file order.

    The file is either one JSON array (the upstream layout) or one JSON object a line; a
    record with several VERB spans is scored on the first.
    """
    text = path.read_text(encoding="utf-8")
    numbered: list[tuple[int, object]]
    if text.lstrip().startswith("["):
        numbered = [(1, raw) for raw in json.loads(text)]
    else:
        numbered = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise WhimbrelInputError(Err.E105, path=path, line=number, detail=exc.msg) from exc
            if limit is not None and len(numbered) >= limit:
                break
    return [_location_record(raw, path, line) for line, raw in numbered[:limit]]


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _best(events: list[Event]) -> Event | None:
    """Highest confidence, then earliest trigger."""
    return min(events, key=lambda e: (-e.confidence, e.trigger.start)) if events else None


def verb_event(record: LocationRecord, events: list[Event]) -> Event | None:
    """The event coded on the gold verb: overlapping trigger, highest confidence, then earliest."""
    return _best([e for e in events if _overlaps((e.trigger.start, e.trigger.end), record.verb)])


def told_event(record: LocationRecord, events: list[Event]) -> Event | None:
    """The gold verb's event also when whimbrel coded it on another word: the event whose trigger
    is the verb, else the event the verb tells too (``Event.told_by``: "launched" of "launched an
    assault", "killed" merged into "the clashes")."""
    return verb_event(record, events) or _best(
        [e for e in events if any(_overlaps((w.start, w.end), record.verb) for w in e.told_by)]
    )


def predicted_event_places(event: Event | None) -> tuple[CharSpan, ...]:
    """Distinct spans of the event's ``event``-role places (none without an event)."""
    if event is None:
        return ()
    return tuple(sorted({(p.start, p.end) for p in event.locations if p.role == "event"}))


def _matched(gold: tuple[CharSpan, ...], predicted: tuple[CharSpan, ...]) -> int:
    """One-to-one overlapping pairs, each gold span taking the first free overlapping prediction."""
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and _overlaps(g, p):
                used.add(i)
                break
    return len(used)


def event_location_scores(
    records: list[LocationRecord], predicted: list[tuple[CharSpan, ...] | None], suffix: str = ""
) -> dict[str, float]:
    """Metrics for aligned gold records and predictions (None = no event on the gold verb).

    ``accuracy``: the predicted place set agrees with the gold one (every span on each side
    overlaps one on the other; none = none is right). Span precision/recall/F1 are micro counts.
    """
    tp = fp = fn = 0
    right: list[bool] = []
    right_covered: list[bool] = []
    gold_none_right: list[bool] = []
    for record, spans in zip(records, predicted, strict=True):
        guess = spans or ()
        hits = _matched(record.places, guess)
        tp += hits
        fp += len(guess) - hits
        fn += len(record.places) - hits
        ok = hits == len(record.places) == len(guess)
        right.append(ok)
        if spans is not None:
            right_covered.append(ok)
        if not record.places:
            gold_none_right.append(ok)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0

    values = {
        "accuracy": share(right),
        "accuracy_covered": share(right_covered),
        "none_accuracy": share(gold_none_right),
        "span_precision": precision,
        "span_recall": recall,
        "span_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "trigger_coverage": len(right_covered) / len(records) if records else 0.0,
    }
    return {name + suffix: value for name, value in values.items()}


def eval_event_location(pipeline: Pipeline, eval_dir: Path, limit: int | None = None) -> list[Metric]:
    """Event locations of single sentences (Halterman 2019). Needs the whole pipeline up to place roles."""
    started = time.perf_counter()
    records = read_event_location(eval_dir / EVENT_LOCATION_FILE, limit)
    articles = [Article(id=f"event_location-{i}", text=r.text) for i, r in enumerate(records)]
    predicted: list[tuple[CharSpan, ...] | None] = []
    predicted_told: list[tuple[CharSpan, ...] | None] = []
    failed = 0
    results = tracked(pipeline.process(articles, batch_size=64), len(articles))
    for record, result in zip(records, results, strict=True):
        failed += result.error is not None
        event = verb_event(record, result.events)
        predicted.append(None if event is None else predicted_event_places(event))
        told = told_event(record, result.events)
        predicted_told.append(None if told is None else predicted_event_places(told))
    values = event_location_scores(records, predicted)
    # the same records, the verb's event found also when whimbrel coded it on another word
    values |= event_location_scores(records, predicted_told, suffix="_aligned")
    values["stage_errors"] = failed / len(records) if records else 0.0
    seconds = time.perf_counter() - started
    return [Metric("event_location", len(records), m, round(v, 4), round(seconds, 1)) for m, v in values.items()]
