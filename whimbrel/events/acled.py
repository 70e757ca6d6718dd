"""ACLED event and sub-event types from a trigger's context: weapon words, who acted on whom.

A pattern such as "kill" or "attack" cannot say by itself whether ACLED would code a battle, an
attack on civilians or mob violence; the rules in ``data/acled_rules.yaml`` decide from the
sentence's weapon words and from word classes (``data/acled_word_classes.yaml``) found in the
source and target phrases. The first rule whose conditions hold wins; with none, the pattern's own
ACLED type stands.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from spacy.tokens import Span, Token

from whimbrel.data_files import load_models
from whimbrel.events.schema import DATA_DIR, Acled, TriggerPattern

#: How many sentences after the trigger's own a ``report``-scoped rule also reads.
REPORT_FOLLOW_UP_SENTENCES = 2


class WordClass(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # "class" is a Python keyword, hence the alias
    name: str = Field(alias="class")
    lemmas: list[str] = Field(min_length=1)

    @field_validator("lemmas")
    @classmethod
    def _lowercase(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value]


class AcledRule(BaseModel):
    """One rule: when its conditions hold for an event of ``applies_to``, the event gets ``acled``."""

    model_config = ConfigDict(extra="forbid")
    id: str
    applies_to: list[str] = Field(min_length=1)  # pattern ids or PLOVER types
    scope: Literal["sentence", "report", "story"] = "sentence"
    context: list[str] = Field(default_factory=list)
    no_context: list[str] = Field(default_factory=list)
    source: str | None = None
    no_source: str | None = None  # the class not in the source ("government" but not "anti-government rebels")
    target: str | None = None
    actors: str | None = None  # the class in the source or the target
    no_actors: str | None = None  # the class in neither
    acled: Acled

    @field_validator("context", "no_context")
    @classmethod
    def _lowercase(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value]


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[str, ...]]:
    path = DATA_DIR / "acled_word_classes.yaml"
    return {c.name: tuple(c.lemmas) for c in load_models(path, WordClass, id_field="class")}


@lru_cache(maxsize=1)
def acled_rules() -> tuple[AcledRule, ...]:
    rules = tuple(load_models(DATA_DIR / "acled_rules.yaml", AcledRule))
    known = word_classes()
    for rule in rules:
        for name in (rule.source, rule.no_source, rule.target, rule.actors, rule.no_actors):
            if name is not None and name not in known:
                raise ValueError(f"ACLED rule '{rule.id}' names unknown word class '{name}'")
    return rules


def padded_lemmas(tokens: Span | list[Token] | None) -> str:
    """Lowercase lemmas and words, space-separated and padded, for phrase look-ups."""
    if tokens is None:
        return " "
    words = [t.lemma_.lower() for t in tokens] + ["|"] + [t.lower_ for t in tokens]
    return " " + " ".join(words) + " "


def has_any(text: str, phrases: tuple[str, ...] | list[str]) -> bool:
    return any(f" {p} " in text for p in phrases)


def report_window(sent: Span) -> Span:
    """The sentence and the next few: a news report's follow-up sentences describe the same event."""
    doc = sent.doc
    end = sent.end
    for _ in range(REPORT_FOLLOW_UP_SENTENCES):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    return doc[sent.start : end]


def story_window(sent: Span) -> Span:
    """The report window plus the sentences just before: what led up to the event ("a shoot-out
    broke out ... police seized a pistol")."""
    doc = sent.doc
    start = sent.start
    for _ in range(REPORT_FOLLOW_UP_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start : report_window(sent).end]


def actor_words(span: Span | None) -> str:
    """The words of an actor phrase, with its modifiers ("armed men", "a group of villagers")."""
    if span is None:
        return " "
    return padded_lemmas(list(span.root.subtree) if len(span) == 1 else span)


def rule_holds(rule: AcledRule, contexts: dict[str, str], source: str, target: str) -> bool:
    classes = word_classes()
    context = contexts[rule.scope]
    checks = [
        not rule.context or has_any(context, rule.context),
        not has_any(context, rule.no_context),
        rule.source is None or has_any(source, classes[rule.source]),
        rule.no_source is None or not has_any(source, classes[rule.no_source]),
        rule.target is None or has_any(target, classes[rule.target]),
        rule.actors is None or has_any(source + target, classes[rule.actors]),
        rule.no_actors is None or not has_any(source + target, classes[rule.no_actors]),
    ]
    return all(checks)


def applies(rule: AcledRule, pattern: TriggerPattern) -> bool:
    """A pattern with its own ACLED type is re-typed only by rules that name it."""
    if pattern.id in rule.applies_to:
        return True
    return pattern.acled is None and pattern.plover in rule.applies_to


def acled_type_of(pattern: TriggerPattern, trigger: Token, source: Span | None, target: Span | None) -> Acled | None:
    """The ACLED type of one coded event: the first rule that holds, else the pattern's own."""
    rules = [r for r in acled_rules() if applies(r, pattern)]
    if not rules:
        return pattern.acled
    scopes = {rule.scope for rule in rules}
    contexts = {"sentence": padded_lemmas(trigger.sent)}
    if "report" in scopes:
        contexts["report"] = padded_lemmas(report_window(trigger.sent))
    if "story" in scopes:
        contexts["story"] = padded_lemmas(story_window(trigger.sent))
    source_words, target_words = actor_words(source), actor_words(target)
    for rule in rules:
        if rule_holds(rule, contexts, source_words, target_words):
            return rule.acled
    return pattern.acled
