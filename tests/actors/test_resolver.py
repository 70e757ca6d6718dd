from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from whimbrel.actors.resolver import ActorResolver, resolve_span
from whimbrel.model import Article
from whimbrel.nlp.extensions import EventMention, SentenceInfo, event_mentions_of
from whimbrel.pipeline import Pipeline

from .conftest import Resolve, phrase_span


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("Russia", "RUS"), ("Iran", "IRN"), ("the United States", "USA"), ("Britain", "GBR"), ("Burma", "MMR")],
)
def test_country_names_give_the_iso3_code_without_a_sector(resolve: Resolve, phrase: str, country: str) -> None:
    actor = resolve(phrase)
    assert (actor.country, actor.agent, actor.code) == (country, None, country)


@pytest.mark.parametrize(("phrase", "country"), [("Russians", "RUS"), ("Iraqis", "IRQ"), ("The Americans", "USA")])
def test_plural_demonyms_name_the_country(resolve: Resolve, phrase: str, country: str) -> None:
    assert resolve(phrase).country == country


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Moscow", "RUSGOV"),
        ("The Kremlin", "RUSGOV"),
        ("Washington", "USAGOV"),
        ("The Pentagon", "USAMIL"),
        ("Kiev", "UKRGOV"),
    ],
)
def test_seats_of_government_stand_for_their_state(resolve: Resolve, phrase: str, code: str) -> None:
    assert resolve(phrase).code == code


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Russia's defense ministry", "RUSMIL"),
        ("Russian bombers", "RUSMIL"),
        ("An Iranian official", "IRNGOV"),
        ("Syrian rebels", "SYRREB"),
        ("Turkish police", "TURCOP"),
        ("Iran's state-run news agency IRNA", "IRNMED"),
        ("Syrian government forces", "SYRMIL"),
    ],
)
def test_a_state_and_a_sector_word_combine(resolve: Resolve, phrase: str, code: str) -> None:
    assert resolve(phrase).code == code


def test_a_named_group_keeps_its_id_and_takes_the_sector_of_the_head_word(resolve: Resolve) -> None:
    actor = resolve("Nusra Front militants")
    assert (actor.group, actor.country, actor.agent, actor.code) == ("NUSRA", "SYR", "INS", "NUSRA")


@pytest.mark.parametrize("phrase", ["ISIS", "Daesh", "The Islamic State group", "ISIL"])
def test_the_islamic_state_aliases_are_one_group(resolve: Resolve, phrase: str) -> None:
    assert resolve(phrase).group == "ISIS"


@pytest.mark.parametrize("phrase", ["Jabhat al-Nusra", "The Nusra Front", "Jabhat Fateh al-Sham"])
def test_nusra_aliases_are_one_group(resolve: Resolve, phrase: str) -> None:
    assert resolve(phrase).group == "NUSRA"


def test_the_word_is_never_becomes_the_islamic_state(resolve: Resolve) -> None:
    actor = resolve("He", sentence="He is sure that talks will go on.")
    assert actor.group is None and actor.code is None


@pytest.mark.parametrize(
    ("phrase", "code", "agent"),
    [
        ("The UN Security Council", "UNSC", "IGO"),
        ("NATO", "NATO", "IGO"),
        ("The WHO", "WHO", "IGO"),
        ("Doctors Without Borders", "MSF", "NGO"),
    ],
)
def test_igos_and_ngos_use_their_own_code(resolve: Resolve, phrase: str, code: str, agent: str) -> None:
    actor = resolve(phrase)
    assert (actor.code, actor.agent) == (code, agent)


def test_the_us_president_is_obama_in_2016_and_trump_in_2018(resolve: Resolve) -> None:
    assert resolve("The US president", on=date(2016, 8, 16)).name == "Barack Obama"
    assert resolve("The US president", on=date(2018, 6, 1)).name == "Donald Trump"


def test_russias_defense_minister_is_shoigu_in_2016_and_belousov_in_2025(resolve: Resolve) -> None:
    in_2016 = resolve("Russia's defense minister", on=date(2016, 8, 16))
    in_2025 = resolve("Russia's defense minister", on=date(2025, 3, 1))
    assert (in_2016.name, in_2016.code) == ("Sergei Shoigu", "RUSMIL")
    assert (in_2025.name, in_2025.code) == ("Andrei Belousov", "RUSMIL")


def test_a_bare_surname_gives_the_holders_country_and_office_sector(resolve: Resolve) -> None:
    shoigu = resolve("Shoigu")
    assert (shoigu.name, shoigu.country, shoigu.agent) == ("Sergei Shoigu", "RUS", "MIL")
    assert resolve("Lavrov").code == "RUSGOV"


def test_a_former_office_holder_is_an_elite_not_the_government(resolve: Resolve) -> None:
    assert resolve("Shoigu", on=date(2025, 3, 1)).code == "RUSELI"


def test_title_and_name_resolve_to_the_holders_government(resolve: Resolve) -> None:
    actor = resolve("President Bashar Assad")
    assert (actor.name, actor.code) == ("Bashar al-Assad", "SYRGOV")


def test_an_undated_article_uses_the_latest_office_holder(resolve: Resolve) -> None:
    assert resolve("The German chancellor", on=None).name == "Friedrich Merz"


def test_the_country_of_an_apposition_is_used_when_the_span_has_none(nlp: Language) -> None:
    sentence = "Reporters quoted Ali Shamkhani, the secretary of Iran's Supreme National Security Council, on Tuesday."
    actor = resolve_span(phrase_span(nlp, sentence, "Ali Shamkhani"), date(2016, 8, 16))
    assert actor is not None and actor.code == "IRNGOV"


def test_a_sponsor_state_is_not_the_actors_country(resolve: Resolve) -> None:
    actor = resolve("Iranian-backed militias")
    assert (actor.country, actor.agent) == (None, "UAF")


def test_an_unknown_span_keeps_its_text_and_offsets_with_null_codes(nlp: Language) -> None:
    sentence = "The Blue Heron Society said on Monday that talks would go on."
    span = phrase_span(nlp, sentence, "The Blue Heron Society")
    actor = resolve_span(span, date(2016, 8, 16))
    assert actor is not None
    assert (actor.text, actor.start, actor.end) == ("The Blue Heron Society", 0, 22)
    assert (actor.name, actor.country, actor.group, actor.agent, actor.code) == (None, None, None, None, None)


def test_a_lower_case_common_noun_is_not_a_country(resolve: Resolve) -> None:
    assert resolve("the turkey", sentence="Farmers sold the turkey on Monday.").country is None


def test_the_component_fills_event_actors_and_the_speaker_code(nlp: Language) -> None:
    resolver = ActorResolver(nlp, "whimbrel_actors")  # registers the extensions before they are set below
    doc = nlp("Russia's defense ministry said Russian bombers struck ISIS militants.")
    doc._.article = Article(id="a1", text=doc.text, published=date(2016, 8, 16))
    sent = next(doc.sents)
    doc._.sentence_info = {sent.start: SentenceInfo(speaker_span=phrase_span_in(doc, "Russia's defense ministry"))}
    trigger = next(t for t in doc if t.text == "struck")
    mention = EventMention(
        trigger=trigger,
        sent=sent,
        pattern_id="test",
        cameo="195",
        plover="ASSAULT",
        source_span=phrase_span_in(doc, "Russian bombers"),
        target_span=phrase_span_in(doc, "ISIS militants"),
    )
    doc._.event_mentions = [mention]
    doc = resolver(doc)
    (resolved,) = event_mentions_of(doc)
    assert resolved.source_actor is not None and resolved.source_actor.code == "RUSMIL"
    assert resolved.target_actor is not None and (resolved.target_actor.group, resolved.target_actor.agent) == (
        "ISIS",
        "INS",
    )
    assert doc._.sentence_info[sent.start].attribution.speaker_actor == "RUSMIL"


def test_the_component_runs_on_a_doc_no_earlier_stage_touched(nlp: Language) -> None:
    doc = ActorResolver(nlp, "whimbrel_actors")(nlp("Troops entered the town."))
    assert event_mentions_of(doc) == []


def phrase_span_in(doc, phrase: str):  # type: ignore[no-untyped-def]
    start = doc.text.index(phrase)
    return doc.char_span(start, start + len(phrase))


@pytest.mark.parametrize(("phrase", "agent"), [("Rebel leaders", "REB"), ("Military officials", "MIL")])
def test_a_generic_head_takes_the_sector_of_the_word_before_it(resolve: Resolve, phrase: str, agent: str) -> None:
    assert resolve(phrase).agent == agent


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Officers", None),
        ("Zambian officers", "ZMB"),
        ("Army officers", "MIL"),
        ("Zambian army officers", "ZMBMIL"),
        ("Police officers", "COP"),
        ("Officers of the Zambian navy", "ZMBMIL"),
    ],
)
def test_officers_alone_name_no_sector(resolve: Resolve, phrase: str, code: str | None) -> None:
    sentence = f"{phrase} searched three houses in the village on Friday."
    actor = resolve(phrase, sentence=sentence)
    assert (actor.code if actor.country else actor.agent) == code


def test_officials_alone_are_still_government(resolve: Resolve) -> None:
    assert resolve("Officials", sentence="Officials closed the border crossing on Friday.").agent == "GOV"


def test_a_people_named_by_a_plural_demonym_are_civilians(resolve: Resolve) -> None:
    actor = resolve("Nigerians", sentence="Thousands of Nigerians fled the town on Monday.")
    assert actor.code == "NGACVL"


def test_an_ethnic_group_is_not_the_state_of_the_same_name(resolve: Resolve) -> None:
    actor = resolve("Ethnic Albanians", sentence="Ethnic Albanians protested in the town on Monday.")
    assert (actor.country, actor.agent) == (None, "CVL")


def test_a_title_in_the_text_sets_the_sector_of_a_named_person(resolve: Resolve) -> None:
    actor = resolve("Israeli Prime Minister Benjamin Netanyahu", on=date(2019, 1, 1))
    assert (actor.name, actor.code) == ("Benjamin Netanyahu", "ISRGOV")


def test_a_group_named_after_anti_is_the_actors_opponent(resolve: Resolve) -> None:
    actor = resolve("anti-Houthi tribal fighters")
    assert actor.group != "HOUTHIS"
    assert actor.country is None


def test_an_uncoded_target_gives_way_to_the_state_in_the_triggers_phrase(pipeline: Pipeline) -> None:
    (result,) = pipeline.process(
        [Article(id="t", text="Ruritania threatened further action against Russia on Monday.")]
    )
    (threat,) = [e for e in result.events if e.trigger.text == "threatened"]
    assert threat.target is not None
    assert threat.target.country == "RUS"


@pytest.mark.parametrize(
    ("phrase", "agent"),
    [("an armed man", "UAF"), ("unidentified perpetrators", "UAF"), ("rioters", "OPP"), ("two mobs", "OPP")],
)
def test_unnamed_attackers_and_rioters_have_a_sector(resolve: Resolve, phrase: str, agent: str) -> None:
    assert resolve(phrase).agent == agent


def test_the_target_of_a_threat_is_read_in_the_infinitive_it_governs(pipeline: Pipeline) -> None:
    text = "Ruritania threatened to cut off its funding to NATO over the dispute."
    (result,) = pipeline.process([Article(id="t", text=text)])
    (threat,) = [e for e in result.events if e.trigger.text == "threatened"]
    assert threat.target is not None
    assert threat.target.country == "NATO"  # an organisation, not a place the event happens in


@pytest.mark.parametrize("phrase", ["scores of girls", "Nigerian schoolgirls", "three boys"])
def test_children_named_as_such_are_civilians(resolve: Resolve, phrase: str) -> None:
    actor = resolve(phrase, sentence=f"Gunmen abducted {phrase} on Monday.")
    assert actor.agent == "CVL"
