"""EventMatcher on sentences and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from whimbrel.events.matcher import EventMatcher, regular_forms


def test_reporting_verb_alone_is_not_an_event(events) -> None:  # type: ignore[no-untyped-def]
    assert events("The minister said the talks were useful.") == [] or all(
        m.trigger.lemma_ != "say" for m in events("The minister said the talks were useful.")
    )


def test_participle_modifier_is_not_an_event(events) -> None:  # type: ignore[no-untyped-def]
    assert events("Aid reached the besieged city.") == [] or all(
        m.trigger.text != "besieged" for m in events("Aid reached the besieged city.")
    )


def test_aerial_context_selects_air_strike(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Warplanes struck the village.")
    assert (event.cameo, event.acled_sub_event_type) == ("195", "Air/drone strike")


def test_shelling_is_not_aerial(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Government forces shelled Donetsk.")
    assert (event.cameo, event.plover_mode) == ("194", "heavy-weapons")
    assert str(event.target_span) == "Donetsk"


def test_protest_and_arrest_types(events) -> None:  # type: ignore[no-untyped-def]
    # ACLED codes arrests at a protest as the protest's intervention (the protest and the arrest alike),
    # other arrests as Arrests
    mentions = events("Students protested in the capital and police arrested dozens.")
    assert [(m.plover, m.acled_sub_event_type) for m in mentions] == [
        ("PROTEST", "Protest with intervention"),
        ("COERCE", "Protest with intervention"),
    ]
    arrests = events("Police arrested two suspected smugglers at the border.")
    assert {m.acled_sub_event_type for m in arrests if m.plover == "COERCE"} == {"Arrests"}


def test_confidence_rewards_roles(events) -> None:  # type: ignore[no-untyped-def]
    (with_roles,) = events("Rebels attacked the army base.")
    (without,) = events("There was an attack.")
    assert 0 < without.confidence < with_roles.confidence <= 1


def test_seed_article_codes_aerial_strikes_on_isis_and_nusra(nlp: Language, seed_path: Path) -> None:
    matcher = EventMatcher(nlp, "whimbrel_events")
    doc = matcher(nlp(seed_path.read_text(encoding="utf-8")))
    aerial = [m for m in doc._.event_mentions if m.plover == "ASSAULT" and m.plover_mode == "aerial"]
    targets = " ".join(str(m.target_span) for m in aerial if m.target_span is not None)
    assert "ISIS" in targets and "Nusra" in targets
    assert any("bombers" in str(m.source_span) for m in aerial)


def test_regular_forms_cover_what_the_lemmatizer_misses() -> None:
    assert {"raped", "rapes", "raping"} <= regular_forms("rape")
    assert {"cordoned", "cordoning"} <= regular_forms("cordon")
    assert {"banned", "banning"} <= regular_forms("ban")


def test_a_cue_matches_an_inflection_the_small_model_lemmatizes_wrongly(events) -> None:  # type: ignore[no-untyped-def]
    # en_core_web_sm lemmatizes "raped" as "rap"
    (event,) = events("A soldier raped a woman in the village.")
    assert (event.trigger.text, event.cameo) == ("raped", "1821")


def test_a_protest_during_a_pandemic_is_still_a_protest(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Nurses protested in front of the hospital during the coronavirus pandemic.")
    assert [m.plover for m in mentions if m.trigger.text == "protested"] == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of farmers marched through the capital on Friday, calling for lower fuel prices.",
        "Nurses staged a sit-in outside the ministry to demand higher wages.",
    ],
)
def test_a_demand_voiced_by_a_protest_ranks_below_it(events, text: str) -> None:  # type: ignore[no-untyped-def]
    mentions = events(text)
    protest = max(m.confidence for m in mentions if m.plover == "PROTEST")
    assert all(m.confidence < protest for m in mentions if m.plover == "REQUEST")
    assert any(m.plover == "REQUEST" for m in mentions)


@pytest.mark.parametrize(
    ("text", "main", "described"),
    [
        (
            "The farmers began a hunger strike to demand the return of land confiscated by the army in 1985.",
            "demand",
            "confiscated",
        ),
        (
            "The rebels demanded the release of the activists arrested by police during the march.",
            "demanded",
            "arrested",
        ),
    ],
)
def test_an_event_in_a_clause_describing_a_participant_ranks_below_its_event(events, text, main, described) -> None:  # type: ignore[no-untyped-def]
    mentions = events(text)
    above = max(m.confidence for m in mentions if m.trigger.text == main)
    assert all(m.confidence < above for m in mentions if m.trigger.text == described)
    assert any(m.trigger.text == described for m in mentions)


def test_violence_described_inside_violence_keeps_its_rank(events) -> None:  # type: ignore[no-untyped-def]
    # "the rocket fired by the militia": one attack told twice, the verb with its actor ranks first
    mentions = events("The rocket fired by the militia destroyed a police station in the town.")
    fired = [m.confidence for m in mentions if m.trigger.text == "fired"]
    rocket = [m.confidence for m in mentions if m.trigger.text == "rocket"]
    assert fired and rocket and max(fired) > max(rocket)


def test_a_protest_with_no_target_is_aimed_at_whom_its_demand_is_made_of(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Nurses started a hunger strike on Tuesday to demand the sacking of the Kenyan health minister.")
    (strike,) = [m for m in mentions if m.plover == "PROTEST"]
    assert str(strike.target_span) == "Kenyan health minister"


def test_a_demand_for_things_gives_its_protest_no_target(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Nurses went on a hunger strike to demand higher wages.")
    assert [m.target_span for m in mentions if m.plover == "PROTEST"] == [None]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The farmers threatened to block the highway unless the government cuts fuel prices.", "government"),
        ("Iran threatened to quit the talks if the United States imposes new sanctions.", "the United States"),
    ],
)
def test_a_threat_with_no_target_is_aimed_at_the_party_it_is_conditioned_on(events, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    threats = [m for m in events(text) if m.plover == "THREATEN"]
    assert threats and {str(m.target_span) for m in threats} == {target}


def test_a_threat_with_its_own_target_keeps_it(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The rebels threatened to attack the army unless the government frees their leader.")
    threats = [m for m in mentions if m.plover == "THREATEN"]
    assert threats and all(str(m.target_span) != "government" for m in threats)


@pytest.mark.parametrize(
    ("text", "trigger", "teller"),
    [
        ("Government troops carried out raids on two villages near the river.", "raids", "carried"),
        ("Heavy clashes broke out between the two militias in the old market.", "clashes", "broke"),
        ("Large protests took place outside the ministry on Friday.", "protests", "took"),
        ("Four soldiers were killed in the clashes with the rebels.", "clashes", "killed"),
    ],
)
def test_an_event_records_the_other_words_that_tell_it(events, text: str, trigger: str, teller: str) -> None:  # type: ignore[no-untyped-def]
    mentions = [m for m in events(text) if m.trigger.text == trigger]
    assert mentions
    assert teller in [t.text for t in mentions[0].told_by]


def test_a_verb_with_an_event_subject_is_not_its_teller_unless_it_says_it_happened(events) -> None:  # type: ignore[no-untyped-def]
    mentions = [m for m in events("The protests took the police by surprise.") if m.trigger.text == "protests"]
    assert all(not m.told_by for m in mentions)


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Miller was shot dead in Rafah while filming a documentary.", True),
        ("The crew shot a film in Rabat last year.", False),
        ("A judge was killed in Tikrit, the third time this year.", True),
        ("The senate killed the bill on Tuesday.", False),
        ("Two men died when gunmen opened fire on a bus.", True),
        ("Firefighters fought the fire for hours.", False),
    ],
)
def test_a_word_excluded_near_the_trigger_counts_only_as_its_argument(events, text: str, coded: bool) -> None:  # type: ignore[no-untyped-def]
    assert any(m.plover == "ASSAULT" for m in events(text)) is coded


def test_a_bombing_verb_with_no_weapon_named_is_still_an_attack(events) -> None:  # type: ignore[no-untyped-def]
    coded = events("The regime's soldiers bombed Sardasht with poison gas.")
    assert ("bombed", "ASSAULT") in [(m.trigger.text, m.plover) for m in coded]
    assert events("His new movie bombed at the box office.") == []


def test_a_target_taken_aim_at_by_an_armed_force_is_an_attack(events) -> None:  # type: ignore[no-untyped-def]
    coded = events("The towns of Busra and Inkhil were targeted by the army's 5th Brigade on Monday.")
    assert [(m.trigger.text, m.plover) for m in coded] == [("targeted", "ASSAULT")]
    assert events("The campaign targeted young voters in the suburbs.") == []


@pytest.mark.parametrize(
    ("text", "trigger", "teller"),
    [
        ("Tribal fighting in the east has left 12 dead and many injured.", "fighting", "left"),
        ("The blast occurred outside a stadium where a famous pop star was singing.", "blast", "occurred"),
        ("The explosions occurred in a district known for its large migrant population.", "explosions", "occurred"),
    ],
)
def test_a_verb_saying_what_an_event_left_or_that_it_happened_tells_it(events, text, trigger, teller) -> None:  # type: ignore[no-untyped-def]
    (event,) = [m for m in events(text) if m.trigger.text == trigger]
    assert teller in [t.text for t in event.told_by]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Police arrested two men in the heart of the capital.", "COERCE"),
        ("Gunmen launched an attack in the heart of Baghdad.", "ASSAULT"),
        ("Four patrol boats are patrolling the Bohai Sea.", "MOBILIZE"),
    ],
)
def test_an_idiom_excluded_as_a_phrase_leaves_its_words_free(events, text: str, plover: str) -> None:  # type: ignore[no-untyped-def]
    assert plover in [m.plover for m in events(text)]


def test_heart_attacks_and_cardiac_arrests_are_no_events(events) -> None:  # type: ignore[no-untyped-def]
    assert events("He died of a heart attack after he suffered a cardiac arrest.") == []


def test_a_light_verb_tells_acts_counted_by_a_series_noun(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Gunmen launched a string of attacks across the province on Sunday.")
    assert event.trigger.text == "attacks" and [t.text for t in event.told_by] == ["launched"]
    assert event.target_span is None or event.target_span.root.text != "string"


@pytest.mark.parametrize(
    ("text", "shooting"),
    [
        ("In the attack, a settler shot and killed nine villagers in the town.", True),
        ("A shot rang out in the night.", False),
        ("He took a shot at the title.", False),
    ],
)
def test_a_past_form_the_parser_made_a_clause_head_noun_is_the_verb(events, text: str, shooting: bool) -> None:  # type: ignore[no-untyped-def]
    tellers = [w for m in events(text) if m.plover == "ASSAULT" for w in (m.trigger, *m.told_by)]
    assert any(w.lower_ == "shot" and w.pos_ == "VERB" for w in tellers) is shooting
