"""Roles filled by nouns that name no actor are left empty, through the whole pipeline."""

from __future__ import annotations

from datetime import date

from whimbrel.actors.non_actors import non_actor_nouns
from whimbrel.model import Article, Event
from whimbrel.pipeline import Pipeline


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    (result,) = pipeline.process([Article(id="t", text=text, published=date(2019, 3, 4))])
    return result.events


def test_the_list_loads_and_holds_no_actor_words() -> None:
    nouns = non_actor_nouns()
    assert {"agreement", "situation", "attempt"} <= nouns
    assert not {"militants", "protesters", "government", "villagers"} & nouns


def test_an_agreement_is_not_the_doer_nor_a_situation_the_target(pipeline: Pipeline) -> None:
    text = "The two sides said the agreement would help defuse the situation in the town of Kismayo."
    for event in _events(pipeline, text):
        if event.trigger.text == "defuse":
            assert event.source is None or event.source.text != "agreement"
            assert event.target is None or event.target.text != "situation"
            assert not any(flag.startswith("target_country") for flag in event.flags)


def test_a_named_owner_still_stands_for_its_plan(pipeline: Pipeline) -> None:
    text = "Kenya's proposal would end the fighting in Kismayo, officials said on Monday."
    end = [e for e in _events(pipeline, text) if e.source is not None and e.source.text.startswith("Kenya")]
    assert all(e.source is not None and e.source.country == "KEN" for e in end)


def test_unknown_people_remain_actors(pipeline: Pipeline) -> None:
    event = next(e for e in _events(pipeline, "Villagers attacked a police post in Kismayo.") if e.plover == "ASSAULT")
    assert event.source is not None
    assert event.source.text == "Villagers"


def test_a_cue_word_is_no_extra_target(pipeline: Pipeline) -> None:
    burnt = [
        e
        for e in _events(pipeline, "Homes and the village market were set on fire near Kismayo.")
        if e.trigger.text == "set"
    ]
    assert burnt
    assert all(e.target is not None and e.target.text != "fire" for e in burnt)


def test_a_place_word_is_no_actor(pipeline: Pipeline) -> None:
    for event in _events(pipeline, "The blast was the deadliest attack ever on the capital, the police said."):
        for actor in (event.source, event.target):
            assert actor is None or actor.text != "capital"
