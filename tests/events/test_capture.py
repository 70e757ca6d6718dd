"""Capturing people is taking them into custody; capturing places is seizing territory; capturing a
title, votes or attention is no event at all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.nlp.extensions import EventMention


def captures(mentions: list[EventMention]) -> list[EventMention]:
    return [m for m in mentions if m.trigger.lemma_ in ("capture", "nab")]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers captured two smugglers near the river on Sunday.",
        "The fugitive commander was captured by soldiers in a mountain hideout.",
        "Police nabbed the suspected gang leader in the capital.",
    ],
)
def test_a_captured_person_is_taken_into_custody(events: Callable[[str], list[EventMention]], text: str) -> None:
    (capture,) = captures(events(text))
    assert (capture.cameo, capture.plover, capture.plover_mode) == ("173", "COERCE", "arrest")


@pytest.mark.parametrize(
    "text",
    [
        "The rebels captured the town after a week of fighting.",
        "The insurgents have captured nearly half of the country since spring.",
    ],
)
def test_a_captured_place_is_seized_territory(events: Callable[[str], list[EventMention]], text: str) -> None:
    (capture,) = captures(events(text))
    assert capture.cameo == "192"


@pytest.mark.parametrize(
    "text",
    [
        "The young swimmer captured her first world title in the final.",
        "The opposition party captured most votes in the northern districts.",
        "The documentary captured the attention of viewers across the region.",
        "The attack was captured on a security camera.",
    ],
)
def test_other_captures_are_not_events(events: Callable[[str], list[EventMention]], text: str) -> None:
    assert not captures(events(text))
