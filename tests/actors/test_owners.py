"""Destroyed things are coded as their attack's named targets, through the whole pipeline."""

from __future__ import annotations

from datetime import date

from whimbrel.model import Article, Event
from whimbrel.pipeline import Pipeline


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    (result,) = pipeline.process([Article(id="t", text=text, published=date(2017, 6, 2))])
    return result.events


def test_things_destroyed_in_an_attack_are_its_targets(pipeline: Pipeline) -> None:
    text = "Iraqi jets launched raids on ISIS fighters near Mosul, destroying three weapons depots and a command post."
    destroyed = [e for e in _events(pipeline, text) if e.trigger.text == "destroying"]
    assert destroyed
    for event in destroyed:
        assert event.target is not None
        assert event.target.code == "ISIS"  # the fighters' depots, not Iraq's because they stand in Iraq
        assert "target_owner_from_attack" in event.flags
    assert len(destroyed) == 1  # one event per owner, not one per thing


def test_a_destroyed_thing_with_no_named_attack_target_keeps_the_place_convention(pipeline: Pipeline) -> None:
    event = next(e for e in _events(pipeline, "Militants destroyed two bridges near Mosul.") if e.plover == "ASSAULT")
    assert event.target is not None
    assert event.target.country == "IRQ"
    assert "target_owner_from_attack" not in event.flags


def test_the_means_of_an_attack_belong_to_no_target(pipeline: Pipeline) -> None:
    text = "Gunmen abducted two Turkish engineers near Mosul and exploded a car bomb."
    for event in _events(pipeline, text):
        assert "target_owner_from_attack" not in event.flags
