"""Fixtures of the events stage tests: the real spaCy model plus EventMatcher, built once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from whimbrel.events.matcher import EventMatcher
from whimbrel.nlp.extensions import EventMention


@pytest.fixture(scope="session")
def event_matcher(nlp: Language) -> EventMatcher:
    return EventMatcher(nlp, "whimbrel_events")


@pytest.fixture(scope="session")
def events(nlp: Language, event_matcher: EventMatcher) -> Callable[[str], list[EventMention]]:
    def run(text: str) -> list[EventMention]:
        return event_matcher(nlp(text))._.event_mentions

    return run
