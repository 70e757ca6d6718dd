"""The PETRARCH2 validation suite: whimbrel coding with a user's own (converted) dictionaries.

The suite's dictionaries (fictional actors: Arnor, Gondor, ...) are converted with
:mod:`whimbrel.actors.petrarch` into a temporary user dictionary (never into the repository) and
loaded as ``--dict`` would, in place of the bundled patterns. Each ``<Sentence>``'s text is coded
with its date as the published date, and the gold (source, target, event code) triples are
compared with the coded ones, codes written as PETRARCH writes them: an actor without a state is
``---`` followed by its sector (``---GOV``), a missing actor ``---``.

Metrics: the share of gold triples reproduced (overall and per ``category=``); per field, the
share of gold triples whose best-matching coded event has the same source, target, code and
CAMEO root; and the share of no-event sentences left without events.
"""

from __future__ import annotations

import re
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from whimbrel.actors.petrarch import write_conversion
from whimbrel.config import user_settings
from whimbrel.evaluation.base import Metric
from whimbrel.evaluation.event_sets import tracked
from whimbrel.model import Actor, Article, Event
from whimbrel.pipeline import Pipeline

SET_DIR = Path("petrarch2_unittest")
RECORDS = "PETR.UnitTest.records.xml"
NAME = "petrarch2_unittest"

Triple = tuple[str, str, str]


@dataclass(slots=True)
class Record:
    id: str
    category: str
    day: date
    text: str
    gold: list[Triple]


def read_records(path: Path) -> list[Record]:
    """Every ``<Sentence>`` with its date, category, text and gold triples (none for no-event records)."""
    records = []
    for sent in ET.parse(path).getroot().iter("Sentence"):
        raw_day = sent.get("date", "")
        text = " ".join((sent.findtext("Text") or "").split())
        gold = [
            (c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
            for c in sent.iter("EventCoding")
            if c.get("eventcode")
        ]
        day = date(int(raw_day[:4]), int(raw_day[4:6]), int(raw_day[6:8]))
        records.append(Record(sent.get("id", ""), sent.get("category", "").upper(), day, text, gold))
    return records


def petrarch_actor_code(actor: Actor | None) -> str:
    """An actor's code as PETRARCH writes it: ``---`` stands for an unknown state or actor."""
    if actor is None:
        return "---"
    if actor.code:
        return actor.code
    return "---" + (actor.agent or "")


def user_overrides(dictionary: Path) -> dict[str, dict[str, Any]]:
    """Stage settings for ``--dict dictionary``, exactly as the command line reads them: a converted
    dictionary carries PETRARCH's way of coding (its own patterns and actors only, roles read
    PETRARCH-style, every sentence coded) in its ``stages:``."""
    return user_settings([dictionary]).overrides


def coded_triples(events: list[Event]) -> list[Triple]:
    """(source, target, event code) of each event, as the command line writes them: an event of a
    pattern with a code of the dictionary's own carries that code as its ``cameo``."""
    return [(petrarch_actor_code(e.source), petrarch_actor_code(e.target), e.cameo) for e in events]


def _root(code: str) -> str:
    return re.sub(r"\D", "", code)[:2]


def _fields(gold: Triple, coded: Triple) -> tuple[bool, bool, bool, bool]:
    return (gold[0] == coded[0], gold[1] == coded[1], gold[2] == coded[2], _root(gold[2]) == _root(coded[2]))


def eval_petrarch2(pipeline: Pipeline, eval_dir: Path, limit: int | None) -> list[Metric]:
    """Share of gold triples reproduced with the suite's own dictionaries loaded as user data."""
    folder = eval_dir / SET_DIR
    if not (folder / RECORDS).is_file():
        return []
    started = time.perf_counter()
    records = read_records(folder / RECORDS)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Path(tmp) / "petrarch_validate.yaml"
        write_conversion(folder, dictionary)
        user_pipeline = Pipeline(user_overrides(dictionary))  # type: ignore[arg-type]
        # record ids repeat in the suite: articles are numbered instead
        articles = [Article(id=str(i), text=r.text, published=r.day) for i, r in enumerate(records)]
        results = {res.article.id: res for res in tracked(user_pipeline.process(articles), len(articles))}
    hits = 0
    field_hits = [0, 0, 0, 0]
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    quiet = [0, 0]
    gold_total = 0
    for index, record in enumerate(records):
        res = results.get(str(index))
        coded = coded_triples(res.events if res else [])
        if not record.gold:
            quiet[0] += 1
            quiet[1] += not coded
            continue
        for triple in record.gold:
            gold_total += 1
            found = int(triple in coded)
            hits += found
            by_category[record.category][0] += found
            by_category[record.category][1] += 1
            best = max((_fields(triple, c) for c in coded), key=sum, default=(False, False, False, False))
            for i, ok in enumerate(best):
                field_hits[i] += ok
    seconds = time.perf_counter() - started
    total = max(gold_total, 1)
    rows = [
        Metric(NAME, gold_total, "triples reproduced", hits / total, seconds),
        Metric(NAME, gold_total, "source code", field_hits[0] / total, seconds),
        Metric(NAME, gold_total, "target code", field_hits[1] / total, seconds),
        Metric(NAME, gold_total, "event code", field_hits[2] / total, seconds),
        Metric(NAME, gold_total, "event root code", field_hits[3] / total, seconds),
        Metric(NAME, quiet[0], "no-event sentences left uncoded", quiet[1] / max(quiet[0], 1), seconds),
    ]
    for category in sorted(by_category):
        found, count = by_category[category]
        rows.append(Metric(NAME, count, f"triples reproduced: {category}", found / count, seconds))
    return rows
