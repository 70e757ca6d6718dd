"""The attribution stage's word lists (reporting verbs, outlets, opinion lexicon) and the verbs of
saying other stages share (:func:`speech_verbs`), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel

from whimbrel.data_files import load_models

DATA_DIR = Path(__file__).parent / "data"


class ReportingVerb(BaseModel):
    lemma: str
    kind: Literal["say", "claim", "deny"] = "say"


#: The named sets of verbs of saying; ``speech_verbs.yaml`` says what each is for.
SpeechVerbSet = Literal["talks_about", "voices_demand", "reports_clause"]


class SpeechVerb(BaseModel):
    lemma: str
    sets: list[SpeechVerbSet]


class Outlet(BaseModel):
    name: str
    aliases: list[str] = []


class WordList(BaseModel):
    name: str
    words: list[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    reporting_verbs: dict[str, str]  # lemma -> kind
    outlets: dict[str, str]  # every name and alias -> canonical name
    lists: dict[str, frozenset[str]]

    def words(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())


@lru_cache(maxsize=2)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    verbs: dict[str, str] = {
        v.lemma: v.kind for v in load_models(data_dir / "reporting_verbs.yaml", ReportingVerb, "lemma")
    }
    outlets: dict[str, str] = {}
    for outlet in load_models(data_dir / "outlets.yaml", Outlet, "name"):
        for alias in [outlet.name, *outlet.aliases]:
            outlets[alias] = outlet.name
    lists = {
        wl.name: frozenset(w.lower() for w in wl.words)
        for wl in load_models(data_dir / "lexicon.yaml", WordList, "name")
    }
    return Lexicon(verbs, outlets, lists)


@lru_cache(maxsize=len(get_args(SpeechVerbSet)))
def speech_verbs(name: SpeechVerbSet) -> frozenset[str]:
    """The lemmas of one named set of verbs of saying (one file lists every verb once, with its sets)."""
    return frozenset(
        v.lemma for v in load_models(DATA_DIR / "speech_verbs.yaml", SpeechVerb, "lemma") if name in v.sets
    )
