"""Triggers of South Asian police reporting and the senses that must not trigger."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.nlp.extensions import EventMention


def codes(mentions: list[EventMention]) -> set[tuple[str, str | None]]:
    return {(m.plover, m.plover_mode) for m in mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three people died in police firing on Tuesday.", ("ASSAULT", "firearms")),
        ("The police fired at the mob near the market.", ("ASSAULT", "firearms")),
        ("The police lathi-charged the crowd outside the court.", ("ASSAULT", "crowd-control")),
        ("The police used teargas to disperse the mob.", ("ASSAULT", "crowd-control")),
        ("Six suspected smugglers were nabbed at the bus stand.", ("COERCE", "arrest")),
        ("The leader was picked up by the police on Sunday.", ("COERCE", "arrest")),
        ("The accused were booked for murder.", ("COERCE", "arrest")),
    ],
)
def test_police_actions_are_coded(events: Callable[[str], list[EventMention]], text: str, expected: tuple) -> None:
    assert expected in codes(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Apprehending trouble, shopkeepers downed their shutters.",
        "Temporary jails have been set up in the schools.",
        "She booked a flight to Delhi for Monday.",
        "Mobs attacked the police station.",
    ],
)
def test_other_senses_are_not_arrests_or_deployments(events: Callable[[str], list[EventMention]], text: str) -> None:
    found = codes(events(text))
    assert ("COERCE", "arrest") not in found
    assert not any(plover == "MOBILIZE" for plover, _ in found)


def test_tear_gas_shells_are_not_artillery(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("Police fired 200 tear gas shells at the rioters.")
    assert not any(m.plover_mode == "heavy-weapons" for m in mentions)
