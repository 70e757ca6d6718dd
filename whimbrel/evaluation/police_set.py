"""IndiaPoliceEvents (Halterman et al., Findings of ACL 2021): what did the police do, sentence by sentence.

The gold answers five questions for every sentence of 1,257 Times of India articles (Gujarat,
March 2002): did the police KILL someone, ARREST someone, FAIL to act, use FORCE, or take ANY
ACTION. Whimbrel codes each whole article (so pronouns and dates keep their context); an event
counts for the gold sentence its trigger lies in. The labels come from whimbrel's coding:

* the event is a police action when its source is police (sector ``COP``, or a police word in the
  source phrase: "police", "cops", "officers", "constables", RAF/SRP/CRPF...) or a police word
  modifies the trigger ("police firing"); when the police are one side of a clash or the forces
  deployed; or when it is an arrest or a crowd-control action with no source named: in news both
  are police powers, and "200 were arrested" names no arrester;
* ``ARREST`` <- CAMEO 173 / PLOVER COERCE with mode ``arrest``;
* ``FORCE`` <- PLOVER ASSAULT (firing, lathi-charge, tear gas, beating);
* ``KILL`` <- a police ASSAULT that killed: a killing code (CAMEO 1823 kill, 186 assassinate,
  20x mass killing) or a ``killed`` count ("killed in police firing", "fired, killing two");
  a killing is also a use of force, so KILL implies FORCE; a sentence where the police used force
  and a death has no other killer named is a police killing too;
* ``FAIL`` <- a police action the text negates ("police did not intervene", "failed to stop");
* ``ANY_ACTION`` <- any police action that happened, including the four above (but not FAIL,
  which is the absence of action; the gold counts it only when the sentence says more).

Gold data is read at run time from ``../shared/eval/india_police_events`` and never stored.
``--limit`` counts articles; the metrics are per-class precision, recall and F1 over sentences.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from whimbrel.errors import Err, EvaluationDataError
from whimbrel.evaluation.base import Metric
from whimbrel.evaluation.event_sets import HAPPENED, tracked
from whimbrel.evaluation.mapping import normalize_plover
from whimbrel.model import Actor, Article, Event
from whimbrel.pipeline import Pipeline

SET_DIR = Path("india_police_events")
SENTS_FILE = SET_DIR / "sents.jsonl"
METADATA_FILE = SET_DIR / "metadata.jsonl"

#: The gold's questions, in the order the paper lists them.
LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")

#: Words that make an actor phrase the police: ranks, plurals and India's armed police and
#: paramilitary forces (Rapid Action Force, State Reserve Police, CRPF, BSF), which the gold
#: counts as police. Matched as whole lowercase words.
POLICE_WORDS = frozenset(
    {
        "police",
        "policeman",
        "policemen",
        "policewoman",
        "cop",
        "cops",
        "constable",
        "constables",
        "constabulary",
        "officer",
        "officers",
        "inspector",
        "inspectors",
        "commissioner",
        "superintendent",
        "sp",
        "dsp",
        "dcp",
        "acp",
        "ips",
        "raf",
        "srp",
        "crpf",
        "bsf",
        "cisf",
        "paramilitary",
        "jawans",
        "home guard",
        "home guards",
        "rapid action force",
        "security forces",
        "security personnel",
    }
)

#: Police powers: with no source named, these are taken to be done by the police.
AGENTLESS_POLICE_MODES = frozenset({"arrest", "crowd-control"})

#: Patterns whose source and target act alike (a clash is fought by both sides).
RECIPROCAL_PATTERNS = frozenset({"assault.clash"})

#: CAMEO codes that are killings whatever the count: kill (1823), assassinate (186), mass killings (20x).
KILLING_CAMEO_PREFIXES = ("1823", "186", "20")


@dataclass(slots=True, frozen=True)
class GoldSentence:
    sent_id: int
    start: int  # character offsets into the article's full text
    end: int
    labels: frozenset[str]


@dataclass(slots=True, frozen=True)
class PoliceDoc:
    doc_id: int
    text: str
    published: date | None
    sentences: tuple[GoldSentence, ...]


def _jsonl(path: Path) -> Iterable[tuple[int, dict[str, object]]]:
    """(line number, record) of a JSONL file; a malformed line names the file and line."""
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationDataError(Err.E701, path=str(path), line=line_no, detail=str(exc)) from exc


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def read_police_events(set_dir: Path, limit: int | None = None) -> list[PoliceDoc]:
    """Articles in metadata order (at most ``limit``), each with its gold sentences located in its text.

    The gold sentences are consecutive pieces of the article's ``full_text``; each is found after
    the previous one, which gives its character offsets.
    """
    metadata_path, sents_path = set_dir / METADATA_FILE.name, set_dir / SENTS_FILE.name
    articles: dict[int, tuple[str, date | None]] = {}
    for _, record in _jsonl(metadata_path):
        articles[int(str(record["doc_id"]))] = (str(record["full_text"]), _date(record.get("date")))
        if limit is not None and len(articles) >= limit:
            break
    located: dict[int, list[GoldSentence]] = {doc_id: [] for doc_id in articles}
    cursor = dict.fromkeys(articles, 0)
    for line_no, record in _jsonl(sents_path):
        doc_id = int(str(record["doc_id"]))
        if doc_id not in articles:
            continue
        text, sentence = articles[doc_id][0], str(record["sent_text"])
        start = text.find(sentence, cursor[doc_id])
        if start < 0:
            detail = f"sentence {record['sent_id']} is not in the full_text of doc {doc_id} in {metadata_path}"
            raise EvaluationDataError(Err.E701, path=str(sents_path), line=line_no, detail=detail)
        cursor[doc_id] = start + len(sentence)
        raw_labels = record.get("sent_labels")
        labels = frozenset(str(label) for label in raw_labels) if isinstance(raw_labels, list) else frozenset()
        located[doc_id].append(GoldSentence(int(str(record["sent_id"])), start, start + len(sentence), labels))
    return [PoliceDoc(i, text, published, tuple(located[i])) for i, (text, published) in articles.items()]


# --- labels from events ---------------------------------------------------------------------


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z]+", text.lower())) + " "


def is_police(actor: Actor | None) -> bool:
    """Whether an actor is the police: sector COP, or a police word in its phrase or name."""
    if actor is None:
        return False
    if actor.agent == "COP":
        return True
    words = _words(" ".join(x for x in (actor.text, actor.name or "") if x))
    return any(f" {w} " in words for w in POLICE_WORDS)


def police_modifies_trigger(event: Event) -> bool:
    """The word right before the trigger, or before a word telling the same event, is a police word:
    "police firing", "police lathi-charge", "police firing killed two" (anchored on "killed")."""
    for word in (event.trigger, *event.told_by):
        offset = word.start - event.sentence_start
        before = re.findall(r"[a-z]+", event.sentence[:offset].lower()) if offset > 0 else []
        if before and before[-1] in POLICE_WORDS:
            return True
    return False


def police_acted(event: Event) -> bool:
    """The police did this event: named as its source or as the trigger's modifier, as one side of a
    clash, as the forces deployed, or implied by an agentless police power."""
    if is_police(event.source) or police_modifies_trigger(event):
        return True
    plover = normalize_plover(event.plover)
    if event.pattern_id in RECIPROCAL_PATTERNS and is_police(event.target):
        return True  # "activists and the police clashed": both sides fought
    if plover == "MOBILIZE" and is_police(event.target):
        return True  # "police have been deployed": deploying the police is their action
    return not named_source(event) and event.plover_mode in AGENTLESS_POLICE_MODES


def named_source(event: Event) -> bool:
    """Whether the text names who did the event (a source inferred from the event's place does not)."""
    return event.source is not None and "source_from_place" not in event.flags


def _killed(event: Event) -> bool:
    return event.cameo.startswith(KILLING_CAMEO_PREFIXES) or event.quantities.get("killed", 0) > 0


def event_labels(event: Event) -> frozenset[str]:
    """The IndiaPoliceEvents questions one coded event answers "yes" to (empty for non-police events)."""
    if not police_acted(event):
        return frozenset()
    if event.modality == "negated":
        return frozenset({"FAIL"})
    if event.modality not in HAPPENED:
        return frozenset()
    labels = {"ANY_ACTION"}
    if event.plover_mode == "arrest" or event.cameo.startswith("173"):
        labels.add("ARREST")
    if normalize_plover(event.plover) == "ASSAULT":
        labels.add("FORCE")
        if _killed(event):
            labels.add("KILL")
    return frozenset(labels)


def _unattributed_death(event: Event) -> bool:
    """A killing that names no other killer ("two men were killed when police opened fire")."""
    return event.modality in HAPPENED and _killed(event) and (not named_source(event) or is_police(event.source))


def sentence_labels(doc: PoliceDoc, events: Sequence[Event]) -> list[frozenset[str]]:
    """Predicted labels per gold sentence: the union over events whose trigger starts inside it.

    A sentence where the police used force and someone died with no other killer named is a
    police killing too: the parser often leaves the deaths and the firing as separate events.
    """
    predicted: list[set[str]] = [set() for _ in doc.sentences]
    deaths = [False] * len(doc.sentences)
    for event in events:
        for index, sentence in enumerate(doc.sentences):
            if sentence.start <= event.trigger.start < sentence.end:
                predicted[index] |= event_labels(event)
                deaths[index] = deaths[index] or _unattributed_death(event)
                break
    for labels, death in zip(predicted, deaths, strict=True):
        if death and "FORCE" in labels:
            labels.add("KILL")
    return [frozenset(p) for p in predicted]


# --- scoring ----------------------------------------------------------------------------------


def label_scores(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> dict[str, float]:
    """Per-label precision, recall and F1 over sentences (0.0 where undefined)."""
    values: dict[str, float] = {}
    for label in LABELS:
        tp = sum(label in g and label in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True))
        values[f"{label}_precision"] = tp / (tp + fp) if tp + fp else 0.0
        values[f"{label}_recall"] = tp / (tp + fn) if tp + fn else 0.0
        values[f"{label}_f1"] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return values


@dataclass(slots=True)
class PoliceRun:
    """Aligned gold and predicted labels of every sentence, and which articles failed."""

    docs: list[PoliceDoc]
    events: list[list[Event]]
    gold: list[frozenset[str]]
    predicted: list[frozenset[str]]
    failed: list[bool]


def run_police_events(pipeline: Pipeline, set_dir: Path, limit: int | None) -> PoliceRun:
    docs = read_police_events(set_dir, limit)
    articles = [Article(id=f"india_police-{d.doc_id}", text=d.text, published=d.published) for d in docs]
    results = list(tracked(pipeline.process(articles), len(articles)))
    gold: list[frozenset[str]] = []
    predicted: list[frozenset[str]] = []
    for doc, result in zip(docs, results, strict=True):
        gold.extend(s.labels for s in doc.sentences)
        predicted.extend(sentence_labels(doc, result.events))
    return PoliceRun(docs, [r.events for r in results], gold, predicted, [r.error is not None for r in results])


def eval_india_police(pipeline: Pipeline, eval_dir: Path, limit: int | None) -> list[Metric]:
    """Per-class sentence P/R/F1; ``items`` counts articles (what ``--limit`` limits)."""
    started = time.monotonic()
    run = run_police_events(pipeline, eval_dir / SET_DIR, limit)
    values = label_scores(run.gold, run.predicted)
    values["stage_errors"] = sum(run.failed) / len(run.failed) if run.failed else 0.0
    seconds = time.monotonic() - started
    return [
        Metric("india_police_events", len(run.docs), name, round(v, 4), round(seconds, 1)) for name, v in values.items()
    ]
