"""The attribution stage's word lists (reporting verbs, outlets, opinion lexicon), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from whimbrel.data_files import load_models

DATA_DIR = Path(__file__).parent / "data"


class ReportingVerb(BaseModel):
    lemma: str
    kind: Literal["say", "claim", "deny"] = "say"


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
