"""Event-level evaluation on three shared gold sets: ACLED notes, CASE 2021 task 2, PLOVER GSR.

Each ``eval_*`` function is an :data:`~whimbrel.evaluation.base.EvalFn`. Gold data is read at
run time from ``../shared/eval`` and never stored in the repository.

Scoring one text needs one predicted event among those the text asserts (or credits to a
claimant): for PLOVER, :func:`main_event` takes the highest-confidence one, ties going to the
earlier trigger; for ACLED and CASE 2021 (ACLED's vocabulary), :func:`acled_main_event` first
prefers events with an ACLED type, then material over verbal ones. A text with no such event is
scored as "no event", which is wrong wherever the gold has one.
"""

from __future__ import annotations

import csv
import json
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pycountry
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from rich.progress import Progress, TaskID
from unidecode import unidecode

from whimbrel.evaluation.base import Metric
from whimbrel.evaluation.mapping import (
    CASE_NON_EVENTS,
    CASE_NONE,
    LEGACY_COUNTRY_CODES,
    MATERIAL_PLOVER,
    TRANSNATIONAL_CODE_PREFIXES,
    case_label,
    normalize_plover,
)
from whimbrel.model import Actor, Article, Event
from whimbrel.pipeline import Pipeline

T = TypeVar("T")

#: Modalities under which the text reports the event as having happened.
HAPPENED = ("asserted", "claimed")

#: The progress display of the running ``whimbrel eval`` (set by the runner), if any.
ACTIVE_PROGRESS: ContextVar[tuple[Progress, TaskID] | None] = ContextVar("ACTIVE_PROGRESS", default=None)

#: Fuzzy-match score (rapidfuzz token_sort_ratio, 0-100) at which two group names count as the same.
NAME_MATCH_SCORE = 85

ACLED_FILE = Path("acled_2020_may_dev") / "acled_dev.csv"
CASE_FILE = Path("case2021_task2_dev") / "case2021_task2_dev.tsv"
GSR_FILE = Path("plover_gsr_cameo") / "PLOVER_GSR_CAMEO.json"

# ACLED names state actors "Military Forces of Nigeria (2015-) ..." and generic actors
# "Protesters (India)": both carry the actor's country.
_STATE_FORCE = re.compile(
    r"^(?:Military Forces|Police Forces|Government) of (?:the )?(?P<country>.+?)(?: \(\d{4}-\d{0,4}\).*)?$"
)
_GENERIC_WITH_COUNTRY = re.compile(r"^[^()]+? \((?P<country>[^()\d]+)\)$")


# --- progress -----------------------------------------------------------------------------


def tracked(items: Iterable[T], total: int) -> Iterator[T]:
    """Iterate ``items``, advancing the runner's progress bar for the current set if one is shown."""
    active = ACTIVE_PROGRESS.get()
    if active is not None:
        active[0].update(active[1], total=total, completed=0)
    for item in items:
        yield item
        if active is not None:
            active[0].advance(active[1])


# --- gold readers -------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class AcledItem:
    """One distinct ACLED note with the gold of the first row that carries it."""

    note: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor1_country: str | None  # ISO3 when actor1 names a state force or "Label (Country)"
    iso3: str
    lat: float
    lon: float
    event_date: date
    fatalities: int
    uploaded: date | None  # when ACLED published the record: after the event, like a report date
    rows: int  # how many gold rows share this note


@dataclass(slots=True, frozen=True)
class CaseItem:
    id: str
    text: str
    label: str


@dataclass(slots=True, frozen=True)
class GsrItem:
    id: str
    text: str
    plover: str
    sources: frozenset[str]
    targets: frozenset[str]


def _upload_date(timestamp: str) -> date | None:
    return datetime.fromtimestamp(int(timestamp), tz=UTC).date() if timestamp.strip() else None


# ACLED's files still carry Romania's retired code ROM; ISO 3166 (and whimbrel) say ROU.
ACLED_RETIRED_ISO3 = {"ROM": "ROU"}


def _iso3(code: str) -> str:
    return ACLED_RETIRED_ISO3.get(code, code)


def _country_codes(rows: Iterable[dict[str, str]]) -> dict[str, str]:
    """Country name -> ISO3 as the gold file itself pairs them (the ``country`` and ``iso3`` columns)."""
    return {r["country"].casefold(): _iso3(r["iso3"]) for r in rows if r.get("country") and r.get("iso3")}


def country_iso3(name: str, known: dict[str, str]) -> str | None:
    """ISO3 of a country name: the gold file's own pairing first, then pycountry's exact names."""
    if name.casefold() in known:
        return known[name.casefold()]
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def actor_country(actor: str, known: dict[str, str]) -> str | None:
    """The country an ACLED actor name states, if it states one."""
    for pattern in (_STATE_FORCE, _GENERIC_WITH_COUNTRY):
        found = pattern.match(actor)
        if found:
            return country_iso3(found["country"], known)
    return None


def read_acled(path: Path, limit: int | None = None) -> list[AcledItem]:
    """Distinct notes in file order. A note split over several rows keeps the first row's gold."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notes"].strip()]
    known = _country_codes(rows)
    counts = Counter(r["notes"] for r in rows)
    items: list[AcledItem] = []
    seen: set[str] = set()
    for r in rows:
        if r["notes"] in seen:
            continue
        seen.add(r["notes"])
        items.append(
            AcledItem(
                note=r["notes"],
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                actor1=r["actor1"],
                actor1_country=actor_country(r["actor1"], known),
                iso3=_iso3(r["iso3"]),
                lat=float(r["latitude"]),
                lon=float(r["longitude"]),
                event_date=datetime.strptime(r["event_date"], "%d-%b-%y").date(),
                fatalities=int(r["fatalities"] or 0),
                uploaded=_upload_date(r["timestamp"]),
                rows=counts[r["notes"]],
            )
        )
        if limit is not None and len(items) >= limit:
            break
    return items


def read_case2021(path: Path, limit: int | None = None) -> list[CaseItem]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        items = [CaseItem(r["id"], r["EventSnippet"], r["SubType"].strip()) for r in reader if r["EventSnippet"]]
    return items[:limit] if limit is not None else items


def _gold_codes(actors: object) -> frozenset[str]:
    """Country/IGO codes of a gold actor list (legacy CAMEO codes translated to ISO3)."""
    if not isinstance(actors, list):
        return frozenset()
    codes = (str(a.get("code") or "").strip().upper() for a in actors if isinstance(a, dict))
    return frozenset(LEGACY_COUNTRY_CODES.get(c, c) for c in codes if c)


def read_plover_gsr(path: Path, limit: int | None = None) -> list[GsrItem]:
    """Example records with text; the DOCUMENT header record is skipped."""
    records = json.loads(path.read_text(encoding="utf-8"))
    items = [
        GsrItem(
            id=r["id"],
            text=r["text"],
            plover=normalize_plover(r["event"]) or "",
            sources=_gold_codes(r.get("source")),
            targets=_gold_codes(r.get("target")),
        )
        for r in records
        if r.get("text") and r.get("event") != "DOCUMENT"
    ]
    return items[:limit] if limit is not None else items


# --- running the pipeline -----------------------------------------------------------------


@dataclass(slots=True)
class Prediction:
    events: list[Event]
    failed: bool  # a stage raised on this text


def predict(pipeline: Pipeline, texts: Sequence[tuple[str, date | None]], set_name: str) -> list[Prediction]:
    """Run every (text, published) through the pipeline, in order."""
    articles = [
        Article(id=f"{set_name}-{i}", text=text, published=published) for i, (text, published) in enumerate(texts)
    ]
    results = tracked(pipeline.process(articles), len(articles))
    return [Prediction(r.events, r.error is not None) for r in results]


def main_event(events: Sequence[Event], modalities: Sequence[str] = HAPPENED) -> Event | None:
    """The highest-confidence event with one of ``modalities``; ties go to the earlier trigger."""
    candidates = [e for e in events if e.modality in modalities]
    if not candidates:
        return None
    return min(candidates, key=lambda e: (-e.confidence, e.trigger.start))


def acled_main_event(events: Sequence[Event]) -> Event | None:
    """The event an ACLED coder would code a report as, among the happened ones.

    ACLED codes what was done, not what was said about it: an event with an ACLED type beats one
    without ("protesters demanding wages": the protest, not the demand), and a material event
    (PLOVER's physical actions) beats a verbal one. Within that, the highest confidence, then the
    earlier trigger, as in :func:`main_event`.
    """
    candidates = [e for e in events if e.modality in HAPPENED]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda e: (
            e.acled_event_type is None,
            normalize_plover(e.plover) not in MATERIAL_PLOVER,
            -e.confidence,
            e.trigger.start,
        ),
    )


# --- generic metrics ----------------------------------------------------------------------


def share(flags: Sequence[bool]) -> float:
    """Fraction of true values (0.0 for no values)."""
    return sum(flags) / len(flags) if flags else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the labels that occur in the gold (predicted-only labels only cost precision)."""
    labels = sorted(set(gold))
    if not labels:
        return 0.0
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def top_confusions(gold: Sequence[str], predicted: Sequence[str], n: int = 5) -> list[tuple[str, str, int]]:
    """The ``n`` most frequent (gold, predicted) disagreements, most frequent first."""
    wrong = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return [(g, p, count) for (g, p), count in wrong.most_common(n)]


def set_f1(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> float:
    """Micro F1 over (gold set, predicted set) pairs."""
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth of radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _rows(set_name: str, items: int, seconds: float, values: dict[str, float]) -> list[Metric]:
    return [Metric(set_name, items, name, round(value, 4), round(seconds, 1)) for name, value in values.items()]


# --- actors -------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def actor_code(actor: Actor | None) -> str | None:
    """The country part of a predicted actor: ISO3, or IGO/NGO/IMG/ISM for transnational actors."""
    if actor is None:
        return None
    for value in (actor.country, actor.code):
        code = (value or "").strip().upper()
        if not code:
            continue
        prefix = code[:3]
        if prefix in TRANSNATIONAL_CODE_PREFIXES:
            return prefix
        if _is_iso3(prefix):
            return prefix
        if value is actor.country:
            return "IGO"  # a non-country code in the country slot is an organisation such as NATO
    return None


def _name_variants(gold: str) -> list[str]:
    """ACLED's alternatives for one group: "PKK: Kurdistan Workers Party", "A and/or B"; a branch
    in brackets is read both ways: "Islamic State (Greater Sahara)" is the Islamic State and its
    Greater Sahara branch ("Islamic State in the Greater Sahara")."""
    variants: list[str] = []
    for text in (re.sub(r"\(.*?\)", " ", gold), re.sub(r"[()]", " ", gold)):
        parts = re.split(r":| and/or | - ", text)
        variants += [v for v in (unidecode(p).strip() for p in parts) if v and v not in variants]
    return variants


def names_match(gold: str, actor: Actor) -> bool:
    """Whether a name whimbrel gave the actor fuzzily equals one of the gold group's names.

    Word order and punctuation are ignored (token_sort_ratio), but one name being a part of
    the other is not enough: "forces" must not match "National Resistance Forces".
    """
    names = [unidecode(n) for n in (actor.name, actor.group, actor.text) if n]
    return any(
        fuzz.token_sort_ratio(variant, name, processor=default_process) >= NAME_MATCH_SCORE
        for variant in _name_variants(gold)
        for name in names
    )


def acled_actor_matches(item: AcledItem, actor: Actor | None) -> bool:
    """Country of a state/generic actor, or the fuzzy name of a named group.

    "Label (Country)" is a generic actor ("Protesters (India)") unless whimbrel found a named
    group: then it is that group's branch in the country ("Islamic State (Egypt)"), which the
    group's name matches as well as the country does.
    """
    if actor is None:
        return False
    if item.actor1_country is not None:
        country_matches = actor_code(actor) == item.actor1_country
        return country_matches or (actor.group is not None and names_match(item.actor1, actor))
    return names_match(item.actor1, actor)


# --- ACLED --------------------------------------------------------------------------------


def _event_places(event: Event) -> list[tuple[str | None, float | None, float | None]]:
    return [(p.country, p.lat, p.lon) for p in event.locations if p.role == "event"]


#: ACLED codes the most precise place: a town before its province, a province before its country
_PRECISION_ORDER = {"point": 0, "admin1": 1, "country": 2}


def _distance_km(item: AcledItem, event: Event | None) -> float | None:
    """Distance from the gold point to the most precise event location with coordinates (earliest on ties)."""
    if event is None:
        return None
    located = [p for p in event.locations if p.role == "event" and p.lat is not None and p.lon is not None]
    if not located:
        return None
    finest = min(located, key=lambda p: _PRECISION_ORDER.get(p.precision or "", 3))
    return haversine_km(item.lat, item.lon, finest.lat, finest.lon)  # type: ignore[arg-type]


def acled_scores(items: Sequence[AcledItem], events: Sequence[Event | None]) -> dict[str, float]:
    """All ACLED metrics for aligned gold items and main events (None = no event)."""
    pairs = list(zip(items, events, strict=True))
    distances = [_distance_km(i, e) for i, e in pairs]
    killed = [(e.quantities.get("killed", 0) if e else 0) for e in events]
    return {
        "event_found": share([e is not None for e in events]),
        "event_type_acc": share([e is not None and e.acled_event_type == i.event_type for i, e in pairs]),
        "sub_event_type_acc": share([e is not None and e.acled_sub_event_type == i.sub_event_type for i, e in pairs]),
        "actor1_match": share([acled_actor_matches(i, e.source if e else None) for i, e in pairs]),
        "country_acc": share([e is not None and any(c == i.iso3 for c, _, _ in _event_places(e)) for i, e in pairs]),
        "within_25km": share([d is not None and d <= 25 for d in distances]),
        "within_161km": share([d is not None and d <= 161 for d in distances]),
        "date_exact": share([e is not None and e.date == i.event_date.isoformat() for i, e in pairs]),
        "fatalities_exact": share([k == i.fatalities for i, k in zip(items, killed, strict=True)]),
        # "no event" predicts 0 killed, right for most notes: this is the harder half
        "fatalities_exact_nonzero": share(
            [k == i.fatalities for i, k in zip(items, killed, strict=True) if i.fatalities]
        ),
        "fatalities_mae": sum(abs(k - i.fatalities) for i, k in zip(items, killed, strict=True)) / max(len(items), 1),
    }


def sub_type_recall(items: Sequence[AcledItem], event_lists: Sequence[Sequence[Event]]) -> float:
    """Share of notes where *any* happened event has the gold sub-type: the ceiling for choosing."""
    return share(
        [
            any(e.acled_sub_event_type == i.sub_event_type for e in events if e.modality in HAPPENED)
            for i, events in zip(items, event_lists, strict=True)
        ]
    )


def eval_acled(pipeline: Pipeline, eval_dir: Path, limit: int | None) -> list[Metric]:
    """ACLED coder notes, each run with ACLED's upload date as its publication date.

    The upload date (the ``timestamp`` column) is 2-14 days after the event, as a news report's
    date would be; the gold event date itself is never given to the pipeline. Notes shared by
    several rows (one note split over locations) are scored once, against the first row.
    """
    started = time.monotonic()
    items = read_acled(eval_dir / ACLED_FILE, limit)
    predictions = predict(pipeline, [(i.note, i.uploaded) for i in items], "acled")
    values = acled_scores(items, [acled_main_event(p.events) for p in predictions])
    values["sub_event_type_any_event"] = sub_type_recall(items, [p.events for p in predictions])
    values["stage_errors"] = share([p.failed for p in predictions])
    return _rows("acled", len(items), time.monotonic() - started, values)


# --- CASE 2021 ----------------------------------------------------------------------------


def case_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy and macro-F1 over gold labels, plus how often non-events are left uncoded.

    ``macro_f1`` takes every gold label as it is, so a disaster or a crime left uncoded (the right
    answer for an event coder) still scores 0 for its label; ``macro_f1_uncoded_nonevents`` counts
    the non-event labels as one class, "left uncoded", that whimbrel's NONE answers.
    """
    non_events = [p for g, p in zip(gold, predicted, strict=True) if g in CASE_NON_EVENTS]
    events = [p for g, p in zip(gold, predicted, strict=True) if g not in CASE_NON_EVENTS]
    gold_uncoded = [CASE_NONE if g in CASE_NON_EVENTS else g for g in gold]
    return {
        "accuracy": share([g == p for g, p in zip(gold, predicted, strict=True)]),
        "macro_f1": macro_f1(gold, predicted),
        "macro_f1_uncoded_nonevents": macro_f1(gold_uncoded, predicted),
        "nonevent_rejection": share([p == CASE_NONE for p in non_events]),
        "event_found": share([p != CASE_NONE for p in events]),
    }


def eval_case2021(pipeline: Pipeline, eval_dir: Path, limit: int | None) -> list[Metric]:
    """CASE 2021 snippets (no publication date: the snippets carry none)."""
    started = time.monotonic()
    items = read_case2021(eval_dir / CASE_FILE, limit)
    predictions = predict(pipeline, [(i.text, None) for i in items], "case2021")
    labels = [case_label(acled_main_event(p.events)) for p in predictions]
    values = case_scores([i.label for i in items], labels)
    values["stage_errors"] = share([p.failed for p in predictions])
    return _rows("case2021", len(items), time.monotonic() - started, values)


# --- PLOVER GSR ---------------------------------------------------------------------------


def gsr_event(events: Sequence[Event]) -> Event | None:
    """The main event of a codebook example: a happened event if any, else any event at all.

    Codebook examples include threats and demands, which whimbrel may code with a
    non-asserted modality; such an event is still the sentence's coding.
    """
    return main_event(events) or main_event(events, modalities=[e.modality for e in events])


def gsr_plover(event: Event | None) -> str:
    """PLOVER category of a predicted event; a threatened action is PLOVER's THREATEN."""
    if event is None:
        return CASE_NONE
    if event.modality == "threatened":
        return "THREATEN"
    return normalize_plover(event.plover) or CASE_NONE


def _codes(actor: Actor | None) -> frozenset[str]:
    code = actor_code(actor)
    return frozenset({code}) if code else frozenset()


def gsr_scores(items: Sequence[GsrItem], events: Sequence[Event | None]) -> dict[str, float]:
    pairs = list(zip(items, events, strict=True))
    gold = [i.plover for i in items]
    predicted = [gsr_plover(e) for e in events]
    return {
        "event_found": share([e is not None for e in events]),
        "plover_acc": share([g == p for g, p in zip(gold, predicted, strict=True)]),
        "plover_macro_f1": macro_f1(gold, predicted),
        "source_f1": set_f1([(i.sources, _codes(e.source if e else None)) for i, e in pairs]),
        "target_f1": set_f1([(i.targets, _codes(e.target if e else None)) for i, e in pairs]),
    }


def eval_plover_gsr(pipeline: Pipeline, eval_dir: Path, limit: int | None) -> list[Metric]:
    """PLOVER gold standard records (CAMEO manual sentences; their dates are placeholders)."""
    started = time.monotonic()
    items = read_plover_gsr(eval_dir / GSR_FILE, limit)
    predictions = predict(pipeline, [(i.text, None) for i in items], "plover_gsr")
    values = gsr_scores(items, [gsr_event(p.events) for p in predictions])
    values["stage_errors"] = share([p.failed for p in predictions])
    return _rows("plover_gsr", len(items), time.monotonic() - started, values)
