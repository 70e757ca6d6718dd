"""Demands voiced as obligations ("X said Y must ...") are REQUEST by the speaker on the obliged party;
statements of one's own duty are not demands."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from whimbrel.nlp.extensions import EventMention


def demands(mentions: list[EventMention]) -> list[tuple[str, str, str, str]]:
    return [
        (
            m.trigger.text,
            m.plover,
            m.source_span.text if m.source_span else "",
            m.target_span.text if m.target_span else "",
        )
        for m in mentions
        if m.pattern_id == "request.obligation"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The foreign minister said on Monday that Kenya must release the detained reporters.",
            ("release", "REQUEST", "foreign minister", "Kenya"),
        ),
        (
            "Germany's chancellor declared that Poland should recall its ambassador.",
            ("recall", "REQUEST", "Germany's chancellor", "Poland"),
        ),
        (
            "The aid agency insisted that the rebels must open the roads to convoys.",
            ("open", "REQUEST", "aid agency", "rebels"),
        ),
    ],
)
def test_obligation_stated_by_another_party_is_a_demand_on_it(
    events: Callable[[str], list[EventMention]], text: str, expected: tuple[str, str, str, str]
) -> None:
    found = demands(events(text))
    assert found == [expected]


def test_the_demand_replaces_the_unperformed_action(events: Callable[[str], list[EventMention]]) -> None:
    mentions = events("The minister said that Chile must withdraw its troops from the border.")
    at_withdraw = [m for m in mentions if m.trigger.text == "withdraw"]
    assert [(m.plover, m.modality) for m in at_withdraw] == [("REQUEST", "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister said we must act quickly on prices.",  # one's own duty, not a demand
        "The president said it should sign the treaty soon.",  # unnamed party
        "Kenya must release the detained reporters.",  # nobody stated it
        "The minister said that Kenya will release the detained reporters.",  # a forecast, no obligation
    ],
)
def test_no_demand_without_a_speaker_and_a_named_obliged_party(
    events: Callable[[str], list[EventMention]], text: str
) -> None:
    assert demands(events(text)) == []
