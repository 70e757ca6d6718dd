"""Helpers for actor tests: parse a short sentence and resolve one phrase of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Span

from whimbrel.actors.resolver import resolve_span
from whimbrel.model import Actor

Resolve = Callable[..., Actor]


def phrase_span(nlp: Language, sentence: str, phrase: str) -> Span:
    """The tokens of ``phrase`` inside the parsed ``sentence``."""
    doc = nlp(sentence)
    start = sentence.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert span is not None, f"{phrase!r} does not fall on token boundaries"
    return span


@pytest.fixture(scope="session")
def resolve(nlp: Language) -> Resolve:
    """resolve(phrase, on=date, sentence=...) -> Actor; the sentence defaults to '<phrase> said on Monday.'"""

    def run(phrase: str, on: date | None = date(2016, 8, 16), sentence: str | None = None) -> Actor:
        span = phrase_span(nlp, sentence or f"{phrase} said on Monday that talks would go on.", phrase)
        actor = resolve_span(span, on)
        assert actor is not None
        return actor

    return run
