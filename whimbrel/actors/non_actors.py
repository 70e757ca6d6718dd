"""Nouns that never name an actor, and the test that drops a role filled only by one of them.

The parse gives a role to whatever noun sits in the subject or object slot: "the agreement would
help defuse the situation" makes "agreement" a doer and "situation" a target, "Monday's attack
prompted a ceasefire" makes an attack an actor. Such a role is no actor, and must neither be
shown as one nor be lent a country from the event's place. Only a role whose words name no
dictionary actor is dropped: "Russia's proposal" still stands for Russia.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel
from spacy.tokens import Span

from whimbrel.data_files import load_models
from whimbrel.model import Actor

DATA_FILE = Path(__file__).resolve().parent / "data" / "non_actors.yaml"


class NounClass(BaseModel):
    name: str
    words: list[str]


@lru_cache(maxsize=1)
def non_actor_nouns() -> frozenset[str]:
    return frozenset(w.lower() for c in load_models(DATA_FILE, NounClass, id_field="name") for w in c.words)


def names_no_actor(span: Span, actor: Actor) -> bool:
    """Whether the role's words are only a non-actor noun: no dictionary actor, no sector, no name."""
    if actor.country or actor.code or actor.group or actor.agent:
        return False
    root = span.root
    if root.pos_ == "PROPN" or root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    return root.lemma_.lower() in non_actor_nouns() or root.lower_ in non_actor_nouns()
