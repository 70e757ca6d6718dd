"""The word an exported event is anchored on: its clause's predicate verb (whimbrel.events.anchor)."""

from __future__ import annotations

import pytest

from whimbrel.events.anchor import anchored_words
from whimbrel.model import Article


def _anchored(events, text: str, noun: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    mentions = events(text)
    coded = {m.trigger.i for m in mentions}
    mention = next(m for m in mentions if m.trigger.text == noun)
    anchor, told = anchored_words(mention, coded)
    return anchor.text, [w.text for w in told]


@pytest.mark.parametrize(
    ("text", "noun", "anchor"),
    [
        # a light verb carrying the noun
        ("Government troops launched an offensive against the rebels near the river.", "offensive", "launched"),
        ("The militia carried out raids on three villages.", "raids", "carried"),
        # a verb saying the noun's event happened
        ("A huge explosion occurred outside the ministry building.", "explosion", "occurred"),
        # a result verb merged into the noun as its cause
        ("Nine soldiers were killed in an ambush on the highway.", "ambush", "killed"),
    ],
)
def test_a_noun_event_is_anchored_on_the_verb_that_tells_it(events, text: str, noun: str, anchor: str) -> None:  # type: ignore[no-untyped-def]
    word, told = _anchored(events, text, noun)
    assert word == anchor
    assert noun in told  # the noun the event was read from stays with it


def test_the_highest_verb_is_the_anchor(events) -> None:  # type: ignore[no-untyped-def]
    word, told = _anchored(events, "A suicide bomber detonated his vest at the gate, killing four guards.", "bomber")
    assert word == "detonated"
    assert told[0] == "bomber"


def test_a_noun_no_verb_tells_keeps_its_word(events) -> None:  # type: ignore[no-untyped-def]
    word, told = _anchored(events, "The attack on the convoy angered the villagers.", "attack")
    assert word == "attack"
    assert told == []


def test_a_verb_trigger_is_its_own_anchor(events) -> None:  # type: ignore[no-untyped-def]
    mentions = [m for m in events("Rebels attacked the barracks at dawn.") if m.trigger.text == "attacked"]
    assert mentions
    assert anchored_words(mentions[0], {m.trigger.i for m in mentions})[0].text == "attacked"


def test_the_exported_event_carries_the_anchor_and_the_noun_in_told_by(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Insurgents launched an assault on the border post on Monday."
    (result,) = pipeline.process([Article(id="anchor", text=text)])
    assault = next(e for e in result.events if e.pattern_id.startswith("assault."))
    assert assault.trigger.text == "launched"
    assert text[assault.trigger.start : assault.trigger.end] == "launched"
    assert "assault" in [w.text for w in assault.told_by]
