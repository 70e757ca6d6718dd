"""Countries lent to actors from the speaker and the event's place, through the whole pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from whimbrel.model import Article, Event
from whimbrel.pipeline import Pipeline


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    (result,) = pipeline.process([Article(id="t", text=text, published=date(2020, 5, 12))])
    return result.events


def _by_trigger(events: list[Event], trigger: str) -> Event:
    """The event the word tells: its trigger, or a word in ``told_by`` (the noun of "marches took place")."""
    return next(e for e in events if trigger in {e.trigger.text, *(w.text for w in e.told_by)})


@pytest.mark.parametrize(
    ("text", "trigger", "code"),
    [
        ("Police arrested 12 protesters in Lahore on Monday.", "arrested", "PAKCOP"),
        ("Regime forces shelled farmland around Saraqib in Idlib province on Tuesday.", "shelled", "SYRMIL"),
        ("Journalists protested in Sialkot against the arrest of an editor.", "protested", "PAKMED"),
    ],
)
def test_a_domestic_actor_takes_the_country_of_the_event_place(
    pipeline: Pipeline, text: str, trigger: str, code: str
) -> None:
    event = _by_trigger(_events(pipeline, text), trigger)
    assert event.source is not None
    assert event.source.code == code
    assert "source_country_from_place" in event.flags


def test_a_state_speakers_unnamed_forces_are_its_own(pipeline: Pipeline) -> None:
    text = "Russia's defense ministry said on Tuesday that bombers struck militants near Aleppo."
    event = _by_trigger(_events(pipeline, text), "struck")
    assert event.source is not None
    assert event.source.code == "RUSMIL"  # the speaker's, not Syria's where the strike was
    assert "source_country_from_speaker" in event.flags


def test_actors_with_a_country_of_their_own_keep_it(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Turkish troops shelled villages near Afrin in Syria."), "shelled")
    assert event.source is not None
    assert event.source.code == "TURMIL"
    assert not any(flag.startswith("source_country") for flag in event.flags)


def test_nothing_is_lent_when_the_event_places_are_split_between_two_countries(pipeline: Pipeline) -> None:
    text = "Militants attacked border posts in Peshawar and in Jalalabad on Monday."
    event = _by_trigger(_events(pipeline, text), "attacked")
    countries = {p.country for p in event.locations if p.role == "event"}
    if len(countries) < 2:
        pytest.skip(f"the places resolved to {countries}, not two countries")
    assert event.source is not None
    assert event.source.country is None
    assert not event.flags or not any(flag.startswith("source_country") for flag in event.flags)


def test_peacekeepers_are_not_lent_the_host_country(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Peacekeepers fired on protesters in Goma on Friday."), "fired")
    assert event.source is not None
    assert event.source.agent == "IGO"
    assert event.source.country is None


def test_people_no_sector_names_are_lent_the_country_too(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Dozens of taxi drivers protested in Batumi on Monday."), "protested")
    assert event.source is not None
    assert event.source.country == "GEO"
    assert "source_country_from_place" in event.flags


def test_a_target_naming_only_things_takes_the_country_of_the_event_place(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "The army lifted the night curfew in Kandahar on Friday."), "lifted")
    assert event.target is not None
    assert (event.target.text, event.target.country) == ("night curfew", "AFG")
    assert "target_country_from_place" in event.flags


def test_an_event_without_a_target_is_aimed_at_the_state_it_happens_in(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "The Iraqi foreign minister arrived in Amman on Tuesday."), "arrived")
    assert event.target is not None
    assert (event.target.text, event.target.country) == ("Amman", "JOR")  # the seat of Jordan's government


def test_a_named_target_keeps_its_own_country(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Russian jets bombed Turkish troops near Idlib in Syria."), "bombed")
    assert event.target is not None
    assert event.target.code == "TURMIL"  # whose troops they are, not where they were hit
    assert not any(flag.startswith("target_") for flag in event.flags)


def test_an_event_whose_places_name_no_country_takes_the_articles_country(pipeline: Pipeline) -> None:
    text = "Police detained 12 traders on Monday. The raids went on across Peshawar and Lahore in Pakistan."
    with pipeline.nlp.select_pipes(disable=["whimbrel_actor_context", "whimbrel_dates", "whimbrel_attribution"]):
        doc = pipeline.nlp(text)
    (arrest,) = [m for m in doc._.event_mentions if m.trigger.lower_ == "detained"]
    arrest.places = []  # as for a village the gazetteer does not know
    pipeline.nlp.get_pipe("whimbrel_actor_context")(doc)
    assert arrest.source_actor is not None
    assert arrest.source_actor.code == "PAKCOP"
    assert arrest.extra.get("source_country_from_article") is True


def test_an_event_without_a_source_is_done_by_an_unnamed_actor_of_its_state(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "A shopkeeper was shot dead in Peshawar on Monday."), "shot")
    assert event.source is not None
    assert (event.source.text, event.source.country) == ("Peshawar", "PAK")
    assert event.source.name == "unnamed actor (Pakistan)"
    assert "source_from_place" in event.flags


def test_an_arrest_without_a_source_is_done_by_the_police_of_its_state(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Twelve traders were arrested in Peshawar on Monday."), "arrested")
    assert event.source is not None
    assert event.source.code == "PAKCOP"
    assert event.source.name == "police (Pakistan)"
    assert "source_from_place" in event.flags


def test_a_measure_lifted_at_a_place_is_aimed_at_its_state(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "A curfew was lifted in Kandahar on Friday."), "lifted")
    assert event.target is not None
    assert event.target.country == "AFG"
    assert "target_from_place" in event.flags or "target_country_from_place" in event.flags


def test_a_state_is_never_implied_as_both_doer_and_target(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "A shopkeeper was shot dead in Peshawar on Monday."), "shot")
    assert "source_from_place" in event.flags
    assert "target_from_place" not in event.flags


def test_no_doer_is_implied_for_a_meeting(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "A meeting was held in Peshawar on Monday."), "meeting")
    assert event.source is None
    assert "source_from_place" not in event.flags


def test_no_unnamed_doer_where_the_place_was_borrowed_from_another_event(pipeline: Pipeline) -> None:
    text = "Gunmen attacked a checkpoint in Peshawar on Monday. Two policemen were also shot."
    shot = _by_trigger(_events(pipeline, text), "shot")
    assert "place_from_earlier_event" in shot.flags
    assert "source_from_place" not in shot.flags


def test_a_meeting_place_is_a_venue_not_a_party(pipeline: Pipeline) -> None:
    for text in ("Two foreign ministers met in Salzburg on Monday.", "Two foreign ministers met in Vienna on Monday."):
        event = _by_trigger(_events(pipeline, text), "met")
        # neither the state of the place nor its seat of government ("Vienna") is the other party
        assert event.target is None or event.target.country != "AUT", text
        assert "target_from_place" not in event.flags
        # nor are unnamed ministers the host's
        assert event.source is not None and event.source.country != "AUT", text


def test_the_place_of_an_agreed_act_is_still_its_target(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "The donors agreed to open a relief office in Nairobi."), "agreed")
    assert event.target is not None and event.target.country == "KEN"


def test_joint_action_at_a_place_is_not_aimed_at_its_state(pipeline: Pipeline) -> None:
    text = "The two police forces set up a joint patrol in Mombasa to coordinate their work."
    cooperation = [e for e in _events(pipeline, text) if e.plover == "COOPERATE"]
    assert cooperation
    for event in cooperation:
        assert "target_from_place" not in event.flags
        assert event.target is None or event.target.country != "KEN"


def test_a_visit_is_still_aimed_at_its_host(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "The Kenyan president arrived in Kampala on Tuesday."), "arrived")
    assert event.target is not None
    assert event.target.country == "UGA"


def test_no_target_is_implied_from_a_place_borrowed_from_another_sentence(pipeline: Pipeline) -> None:
    text = "Rebels shelled the town of Maarat in Idlib province on Monday. The shelling was condemned in a statement."
    condemned = [e for e in _events(pipeline, text) if e.trigger.text == "condemned"]
    for event in condemned:
        assert "target_from_place" not in event.flags
    airstrikes = _events(pipeline, text + " Warplanes also carried out airstrikes, a monitor said.")
    for event in (e for e in airstrikes if e.trigger.text == "airstrikes"):
        assert "place_fallback" in event.flags
        assert "target_from_place" not in event.flags


def test_officers_of_no_named_sector_are_people_of_the_story_s_country(pipeline: Pipeline) -> None:
    text = "Riot police fired tear gas at marchers in Lusaka on Saturday. Police said six officers were injured."
    hurt = _by_trigger(_events(pipeline, text), "injured")
    assert hurt.target is not None
    assert (hurt.target.text, hurt.target.code) == ("officers", "ZMB")


@pytest.mark.parametrize(
    ("second", "trigger", "implied"),
    [
        ("The mayor said more marches could happen on Sunday.", "marches", False),  # only supposed
        ("More marches took place on Sunday.", "marches", True),  # reported as done
    ],
)
def test_no_unnamed_doer_of_an_act_not_done_from_the_story_s_place(
    pipeline: Pipeline, second: str, trigger: str, implied: bool
) -> None:
    text = f"On Saturday, in Kitwe, riot police dispersed the crowd. {second}"
    event = _by_trigger(_events(pipeline, text), trigger)
    assert event.flags and any(f.startswith("place_from_") for f in event.flags)
    assert ("source_from_place" in event.flags) is implied


def test_a_state_named_as_the_doer_is_not_also_its_implied_target(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Malawi vowed to do more in the fight against terrorism.")
    done_by_malawi = [e for e in events if e.source is not None and e.source.code == "MWI"]
    assert done_by_malawi
    for event in done_by_malawi:
        assert event.target is None or event.target.code != "MWI", event.trigger.text
        assert "target_from_place" not in event.flags, event.trigger.text


def test_a_sector_of_the_state_may_still_act_on_the_state(pipeline: Pipeline) -> None:
    event = _by_trigger(_events(pipeline, "Malawian police lifted the curfew in Lilongwe on Friday."), "lifted")
    assert event.source is not None and event.source.code == "MWICOP"
    assert event.target is not None and event.target.country == "MWI"
