"""Source and target spans from the dependency parse."""

from __future__ import annotations


def pairs(mentions):  # type: ignore[no-untyped-def]
    return {
        (str(m.source_span) if m.source_span else None, str(m.target_span) if m.target_span else None) for m in mentions
    }


def test_active_subject_is_source_and_object_is_target(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Rebels attacked the army base.")
    assert (event.plover, str(event.source_span), str(event.target_span)) == ("ASSAULT", "Rebels", "army base")


def test_passive_with_by_agent(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("The convoy was ambushed by Taliban fighters.")
    assert (str(event.source_span), str(event.target_span)) == ("Taliban fighters", "convoy")


def test_coordinated_targets_give_one_event_each(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Jets bombed ISIS and allied Nusra Front militants.")
    assert pairs(mentions) == {("Jets", "ISIS"), ("Jets", "Nusra Front militants")}
    assert {m.plover_mode for m in mentions} == {"aerial"}


def test_light_verb_passes_roles_to_noun_trigger(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Israeli forces carried out raids on Hamas.")
    assert (event.trigger.text, str(event.source_span), str(event.target_span)) == ("raids", "Israeli forces", "Hamas")


def test_xcomp_chain_takes_governing_subject(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Troops crossed the border to attack the rebels.")
    assert (str(event.source_span), str(event.target_span)) == ("Troops", "rebels")


def test_instrument_object_is_not_the_source(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Russian bombers used an Iranian base to bomb rebels.")
    (strike,) = [m for m in mentions if m.plover == "ASSAULT"]
    assert str(strike.source_span) == "Russian bombers"
    # using another state's base is military cooperation with it
    (basing,) = [m for m in mentions if m.plover == "COOPERATE"]
    assert (str(basing.source_span), str(basing.target_span), basing.cameo) == (
        "Russian bombers",
        "Iranian base",
        "062",
    )


def test_an_object_after_a_clause_belongs_to_the_clause_not_the_main_verb(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Russian bombers use Iranian air base to bomb ISIS, Syrian rebels")
    basing = [m for m in mentions if m.plover == "COOPERATE"]
    assert [str(m.target_span) for m in basing] == ["Iranian air base"]


def test_pronoun_subject_resolves_to_previous_sentence(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = [
        m for m in events("Obama visited Kenya. He met with Kenyatta.") if m.plover == "CONSULT" and m.cameo == "040"
    ]
    assert (str(event.source_span), str(event.target_span)) == ("Obama", "Kenyatta")
    assert event.source_span.sent.start == 0  # the span stays in the sentence it came from


def test_several_events_in_one_sentence(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Putin met Rouhani and signed a deal.")
    assert [(m.cameo, str(m.source_span)) for m in mentions] == [("040", "Putin"), ("057", "Putin")]


def test_reciprocal_coordinated_subjects(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("China and Russia signed an agreement.")
    assert (str(event.source_span), str(event.target_span)) == ("China", "Russia")


def test_meeting_between_two_actors(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("A meeting between Putin and Erdogan took place.")
    assert (event.plover, str(event.source_span), str(event.target_span)) == ("CONSULT", "Putin", "Erdogan")


def test_demonym_modifier_is_noun_trigger_source(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Russian airstrikes hit Aleppo.")
    assert (event.plover_mode, str(event.source_span), str(event.target_span)) == ("aerial", "Russian", "Aleppo")


def test_actor_preferred_to_place_as_target(events) -> None:  # type: ignore[no-untyped-def]
    (event,) = events("Government troops launched strikes against the rebels in Idlib.")
    assert str(event.target_span) == "rebels"


def test_date_is_never_a_target(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The army launched attacks on Tuesday.")
    assert all(m.target_span is None for m in mentions)


def by_trigger(mentions, trigger: str):  # type: ignore[no-untyped-def]
    return next(m for m in mentions if m.trigger.text == trigger)


def test_coordinated_passives_share_the_by_agent(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("A police officer was shot and killed by gunmen in the town.")
    assert str(by_trigger(mentions, "shot").source_span) == "gunmen"


def test_a_passive_takes_the_agent_of_the_action_it_happened_in(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Eight militants were killed during an operation by army commandos.")
    assert str(by_trigger(mentions, "killed").source_span) == "army commandos"


def test_a_noun_trigger_takes_its_own_by_agent(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Indiscriminate shelling by rebel forces killed two civilians.")
    assert str(by_trigger(mentions, "shelling").source_span) == "rebel forces"


def test_a_sector_word_before_a_noun_trigger_is_its_source(events) -> None:  # type: ignore[no-untyped-def]
    (raid,) = events("The police raid on the compound lasted three hours.")
    assert str(raid.source_span) == "police"


def test_a_subject_misread_as_apposition_of_a_fronted_place_is_found(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("On 9 May 2020, in Leon, Guanajuato, armed men who arrived on motorcycles attacked a man.")
    assert str(by_trigger(mentions, "attacked").source_span) == "armed men"


def test_the_owner_after_of_belongs_to_the_actor(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Military forces of Armenia fired on the positions of the army.")
    assert str(by_trigger(mentions, "fired").source_span) == "Military forces of Armenia"


def test_a_fronted_date_is_not_part_of_the_actor(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("On 3 June 2021, presumed ISGS militants killed four herders in the village.")
    assert str(by_trigger(mentions, "killed").source_span) == "presumed ISGS militants"


def test_the_target_of_giving_is_the_recipient_not_the_gift(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Norway will give Malawi a grant of 40 million kwacha.")
    assert str(by_trigger(mentions, "give").target_span) == "Malawi"


def test_a_recipient_after_to_on_the_object(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The minister promised to continue military aid to Mozambique.")
    (promise,) = [m for m in mentions if m.trigger.text == "promised"]
    assert str(promise.target_span) == "Mozambique"


def test_light_verb_is_known_when_the_lemmatizer_clips_it(events) -> None:  # type: ignore[no-untyped-def]
    # the small model lemmatizes "staged" as "stag"; the written form still says "stage"
    mentions = events("Farmers staged a protest outside the district office.")
    (protest,) = [m for m in mentions if m.plover == "PROTEST"]
    assert str(protest.source_span) == "Farmers"


def test_gerund_object_of_a_light_verb_takes_its_subject(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Three gunmen carried out a drive-by shooting outside a bakery.")
    (shooting,) = [m for m in mentions if m.trigger.lower_ == "shooting"]
    assert str(shooting.source_span) == "gunmen"


def test_possessive_pronoun_is_the_subject_of_its_clause(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Ruritania launched its long-planned invasion of the islands on Monday.")
    (invasion,) = [m for m in mentions if m.trigger.lower_ == "invasion"]
    assert str(invasion.source_span) == "Ruritania"


def test_fronted_places_are_not_coordinated_actors(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("In Peshawar, Khyber Pakhtunkhwa, health workers protested against unpaid wages.")
    sources = {str(m.source_span) for m in mentions if m.plover == "PROTEST"}
    assert "health workers" in sources
    assert not sources & {"Peshawar", "Khyber Pakhtunkhwa"}


def test_a_state_and_a_people_joined_by_and_are_both_actors(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Russia and the Syrian army attacked the rebels.")
    assert {str(m.source_span) for m in mentions if m.plover == "ASSAULT"} == {"Russia", "Syrian army"}


def _killing(mentions):  # type: ignore[no-untyped-def]
    return next(m for m in mentions if m.trigger.lemma_ == "kill")


def test_relative_pronoun_source_is_the_noun_the_clause_describes(events) -> None:  # type: ignore[no-untyped-def]
    killing = _killing(events("The farmers protested against the constables who on Friday killed a shepherd."))
    assert (str(killing.source_span), str(killing.target_span)) == ("constables", "shepherd")


def test_relative_clause_source_for_each_verb_of_the_clause(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The troopers who fired at the marchers killed a porter.")
    assert {str(m.source_span) for m in mentions if m.plover == "ASSAULT"} == {"troopers"}


def test_force_naming_the_means_is_source_of_an_agentless_passive(events) -> None:  # type: ignore[no-untyped-def]
    killing = _killing(events("A weaver was killed in police firing near the mill."))
    assert (str(killing.source_span), str(killing.target_span)) == ("police", "weaver")


def test_force_naming_the_means_in_lowercase_text(events) -> None:  # type: ignore[no-untyped-def]
    # lowercased wire text makes the parser read "police firing" as a noun with a participle
    killing = _killing(events("officials said how many villagers were killed in police firing in the district."))
    assert str(killing.source_span) == "police"


def test_means_without_a_force_gives_no_source(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("A weaver was killed in the firing near the mill.")
    assert mentions
    assert all(m.source_span is None for m in mentions)


def test_a_date_possessor_is_no_source(events) -> None:  # type: ignore[no-untyped-def]
    attack = next(
        m for m in events("Monday's attack on the market was condemned by the mayor.") if m.trigger.lower_ == "attack"
    )
    assert attack.source_span is None


def test_a_counted_crowd_is_still_a_source(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Thousands of farmers protested in the capital on Monday.")
    protest = next(m for m in found if m.trigger.lower_ == "protested")
    assert protest.source_span is not None
    assert "farmers" in protest.source_span.text


def test_we_in_a_speakers_words_is_the_speaker(pipeline) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from whimbrel.model import Article

    text = 'Kenya\'s defence minister said on Monday: "We will attack the militants near the border."'
    (result,) = pipeline.process([Article(id="t", text=text, published=date(2019, 5, 6))])
    attack = next(e for e in result.events if e.trigger.text == "attack")
    assert attack.source is not None
    assert attack.source.country == "KEN"
    assert "source_from_pronoun" in attack.flags


def test_we_outside_reported_speech_stays_unresolved(events) -> None:  # type: ignore[no-untyped-def]
    attack = next(m for m in events("We attacked the militants near the border.") if m.trigger.text == "attacked")
    assert attack.source_span is None


def test_which_after_a_location_stands_for_no_actor(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Jets bombed a market in Kismayo, which killed 40 people.")
    killed = [m for m in found if m.trigger.text == "killed"]
    assert killed
    assert all(m.source_span is None or "Kismayo" not in m.source_span.text for m in killed)


def test_which_after_a_state_named_as_actor_still_stands_for_it(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Gondor, which attacked the rebels last year, sent more troops.")
    attacked = next(m for m in found if m.trigger.text == "attacked")
    assert attacked.source_span is not None and attacked.source_span.text == "Gondor"


def test_granting_asylum_is_done_by_the_granter_to_the_dative(events) -> None:  # type: ignore[no-untyped-def]
    (asylum,) = [
        m for m in events("Kenya has granted political asylum to twelve Somali journalists.") if m.plover == "AID"
    ]
    assert (asylum.source_span.text, asylum.target_span.text) == ("Kenya", "Somali journalists")


def test_a_collective_subject_is_what_their_refers_to(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("A group of Kenyan envoys held their first talks with the Russian president on Monday.")
    (talks,) = [m for m in mentions if m.trigger.text == "talks"]
    assert talks.source_span.text == "group of Kenyan envoys"


def test_what_an_actor_is_accused_of_is_done_by_that_actor(events) -> None:  # type: ignore[no-untyped-def]
    text = "Human Rights Watch accused the Kenyan police of killing protesters, ignoring court orders and torturing detainees."
    mentions = events(text)
    sources = {m.trigger.text: str(m.source_span) for m in mentions}
    assert sources["killing"] == sources["ignoring"] == sources["torturing"] == "Kenyan police"
    accused = max(m.confidence for m in mentions if m.trigger.text == "accused")
    assert all(m.confidence < accused for m in mentions if m.trigger.text != "accused")


def test_a_gerund_of_a_thing_has_no_reason_doer(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Police used tear gas for dispersing the crowd outside the stadium.")
    assert all(str(m.source_span) != "tear gas" for m in mentions)


def test_what_is_done_in_support_of_someone_targets_them(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Belgium flew supplies to Zambia in support of President Hichilema.")
    (support,) = [m for m in mentions if m.plover == "SUPPORT"]
    assert (str(support.source_span), str(support.target_span)) == ("Belgium", "President Hichilema")
    (rally,) = [
        m for m in events("Farmers marched through Kitwe in support of the jailed mayor.") if m.plover == "SUPPORT"
    ]
    assert str(rally.target_span) == "jailed mayor"


def test_the_support_of_someone_is_not_support_for_them(events) -> None:  # type: ignore[no-untyped-def]
    for text in ("The rebels advanced with the support of Ruritania.", "The rebels won the support of Ruritania."):
        assert all(str(m.target_span) != "Ruritania" for m in events(text) if m.plover == "SUPPORT"), text


def test_partners_sharing_or_discussing_things_are_each_other_s_targets(events) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Lima and Quito shared their air bases and ports.",
        "Peru and Ecuador discussed the border dispute on Monday.",
    ):
        found = [m for m in events(text) if m.plover in ("COOPERATE", "CONSULT")]
        assert found, text
        assert pairs(found) == {(str(found[0].source_span), str(found[0].target_span))}, text
        assert {str(found[0].source_span), str(found[0].target_span)} in ({"Lima", "Quito"}, {"Peru", "Ecuador"}), text


def test_a_party_named_as_the_object_stays_the_target(events) -> None:  # type: ignore[no-untyped-def]
    found = [m for m in events("Peru and Ecuador met Chilean envoys on Monday.") if m.plover == "CONSULT"]
    assert pairs(found) == {("Peru", "Chilean envoys"), ("Ecuador", "Chilean envoys")}
