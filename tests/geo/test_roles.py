from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.geo.recognize import PlaceRecognizer
from whimbrel.geo.roles import PlaceRoles
from whimbrel.nlp.extensions import EventMention


def _coded(
    nlp: Language,
    recognizer: PlaceRecognizer,
    roles: PlaceRoles,
    text: str,
    triggers: list[str],
    source_words: int = 0,
    target: str | None = None,
    plover: str = "ASSAULT",
) -> Doc:
    """Parse, find places, add one event per trigger word (as the events stage would), run roles."""
    doc = recognizer(nlp(text))
    mentions = []
    for word in triggers:
        tok = next(t for t in doc if t.text == word)
        source = doc[tok.sent.start : tok.sent.start + source_words] if source_words else None
        target_span = doc.char_span(text.index(target), text.index(target) + len(target)) if target else None
        mentions.append(
            EventMention(
                trigger=tok,
                sent=tok.sent,
                pattern_id="test",
                cameo="190",
                plover=plover,
                source_span=source,
                target_span=target_span,
            )
        )
    doc._.event_mentions = mentions
    return roles(doc)


def _roles(doc: Doc, i: int = 0) -> dict[str, str]:
    return {p.text: p.role for p in doc._.event_mentions[i].places}


def test_origin_event_and_demonym(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Russian bombers took off from a base in Iran to bomb ISIS in Syria.",
        ["bomb"],
        source_words=2,
    )
    assert _roles(doc) == {"Russian": "mentioned", "Iran": "origin", "Syria": "event"}


def test_coordinated_places_are_all_event_places(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Jets struck militants in Aleppo, Deir el-Zor and Idlib on Tuesday.", ["struck"]
    )
    assert _roles(doc) == {"Aleppo": "event", "Deir el-Zor": "event", "Idlib": "event"}


def test_passive_subject_is_the_event_place(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "Aleppo was shelled by government forces.", ["shelled"])
    assert _roles(doc) == {"Aleppo": "event"}


def test_place_in_speaker_phrase_is_mentioned(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "Iran's news agency said troops attacked rebels near Homs.", ["attacked"])
    assert _roles(doc) == {"Iran": "mentioned", "Homs": "event"}


def test_country_gives_way_to_a_town_inside_it(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "Troops attacked rebels in Homs in Syria.", ["attacked"])
    assert _roles(doc) == {"Homs": "event", "Syria": "mentioned"}


def test_fallback_borrows_the_previous_event_place_coarser(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Jets bombed rebels in Aleppo. Later they bombed a depot.", ["bombed", "depot"]
    )
    first, second = doc._.event_mentions
    assert "place_fallback" not in first.extra
    assert second.extra["place_fallback"] is True
    [borrowed] = second.places
    assert (borrowed.text, borrowed.role, borrowed.precision) == ("Aleppo", "event", "admin1")


def test_no_fallback_when_switched_off(nlp: Language, recognizer: PlaceRecognizer) -> None:
    doc = _coded(
        nlp,
        recognizer,
        PlaceRoles(nlp, "r", fallback_to_previous=False),
        "Jets bombed rebels in Aleppo. Later they bombed a depot.",
        ["bombed", "depot"],
    )
    assert doc._.event_mentions[1].places == []


def test_only_a_headline_borrows_the_place_of_a_later_event() -> None:
    import whimbrel

    text = (
        "Rebel shelling hits army positions\n\n"
        "Officials said the two sides would share intelligence. "
        "Rebels shelled government positions near Homs on Monday. "
        "The allies set up a joint centre in Baghdad to coordinate operations."
    )
    events = whimbrel.extract(text, published="2016-08-16")
    headline = [e for e in events if e.sentence.startswith("Rebel shelling")]
    share = [e for e in events if e.trigger.text == "share"]
    assert headline and all(p.name == "Homs" for e in headline for p in e.locations if p.role == "event")
    assert share and all(p.role != "event" for e in share for p in e.locations)


def test_fronted_locative_inside_a_long_actor_span_is_the_event_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the events stage may let the actor span run over the fronted phrase
    doc = _coded(nlp, recognizer, roles, "On 3 May, in Homs, farmers protested over prices.", ["protested"], 7)
    assert _roles(doc) == {"Homs": "event"}


def test_article_with_one_place_gives_it_to_a_sentence_without_one(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Gunmen wounded the police chief of Aleppo.", ["wounded"])
    [own, borrowed] = doc._.event_mentions[0].places
    assert (own.role, borrowed.text, borrowed.role) == ("mentioned", "Aleppo", "event")
    assert doc._.event_mentions[0].extra["place_fallback"] is True


def test_article_with_two_distant_places_lends_none(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Gunmen wounded envoys of Aleppo and of Baghdad.", ["wounded"])
    places = doc._.event_mentions[0].places
    assert {p.text for p in places} == {"Aleppo", "Baghdad"}
    assert all(p.role == "mentioned" for p in places)


def test_place_of_the_reporting_source_is_not_the_event_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    doc = _coded(
        nlp,
        recognizer,
        no_fallback,
        "A hospital official in Mosul told us the explosion killed six people.",
        ["killed"],
    )
    assert _roles(doc) == {"Mosul": "mentioned"}


def test_place_of_a_clause_on_the_subject_is_not_the_event_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Ortiz, who moved in May to Denver, was fatally stabbed in Omaha.", ["stabbed"]
    )
    assert _roles(doc) == {"Denver": "mentioned", "Omaha": "event"}


def test_division_after_a_place_is_its_parent_and_locates_it(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Snipers shot a man in Dobrinja, a district of Sarajevo.", ["shot"])
    places = {p.text: p for p in doc._.event_mentions[0].places}
    assert {t: p.role for t, p in places.items()} == {"Dobrinja": "event", "Sarajevo": "mentioned"}
    # the gazetteer does not know the district: it is placed where its city is
    dobrinja, sarajevo = places["Dobrinja"], places["Sarajevo"]
    assert (dobrinja.country, dobrinja.lat, dobrinja.lon) == (sarajevo.country, sarajevo.lat, sarajevo.lon)
    assert dobrinja.country == "BIH"
    doc = _coded(nlp, recognizer, roles, "Snipers shot a man in Dobrinja village of Sarajevo.", ["shot"])
    assert _roles(doc) == {"Dobrinja village": "event", "Sarajevo": "mentioned"}


def test_settlement_named_after_of_is_the_child(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "About 500 people marched in the Bavarian city of Passau.", ["marched"])
    assert _roles(doc) == {"Bavarian": "mentioned", "Passau": "event"}


def test_reference_point_is_the_event_place_only_when_alone(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Guerillas injured three soldiers in Tikrit, 160 km north of Baghdad.", ["injured"]
    )
    assert _roles(doc) == {"Tikrit": "event", "Baghdad": "mentioned"}
    doc = _coded(nlp, recognizer, roles, "Jets bombed the main road 40 kilometers from Aden.", ["bombed"])
    assert _roles(doc) == {"Aden": "event"}


def test_attacked_place_is_the_event_place_but_an_accused_one_is_not(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "NATO bombed Serbia in 1999."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["bombed"], target="Serbia")) == {"Serbia": "event"}
    text = "NATO blamed Serbia for the war."
    accused = _coded(nlp, recognizer, no_fallback, text, ["blamed"], target="Serbia", plover="ACCUSE")
    assert _roles(accused) == {"Serbia": "mentioned"}


def test_place_an_attack_fell_on_is_where_its_sequel_happened(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Gunmen invaded the village of Dobrinja, killing five people."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["killing"])) == {"Dobrinja": "event"}
    text = "Envoys praised the town of Dobrinja, thanking five people."
    thanked = _coded(nlp, recognizer, no_fallback, text, ["thanking"], plover="CONSULT")
    assert _roles(thanked) == {"Dobrinja": "mentioned"}


def test_place_of_what_a_protest_is_against_is_not_where_it_was(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    text = "About 800 students protested against the war in Yemen outside a stadium in Madrid."
    doc = _coded(nlp, recognizer, roles, text, ["protested"], plover="PROTEST")
    assert _roles(doc) == {"Yemen": "mentioned", "Madrid": "event"}


def test_a_place_near_the_event_place_only_locates_it(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "She was detained in the northern town of Zgharta near Tripoli.", ["detained"])
    assert _roles(doc) == {"Zgharta": "event", "Tripoli": "mentioned"}


def test_borrowed_whereabouts_locate_an_unresolved_event_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Jets bombed rebels in Aleppo. Later they shelled Dobrinja.", ["bombed", "shelled"]
    )
    [dobrinja] = doc._.event_mentions[1].places
    assert (dobrinja.text, dobrinja.role, dobrinja.country, dobrinja.precision) == (
        "Dobrinja",
        "event",
        "SYR",
        "admin1",
    )


def test_the_better_known_place_is_the_parent(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    text = "Ten people were killed in the northern Dobrinja neighborhood of Sarajevo."
    assert _roles(_coded(nlp, recognizer, roles, text, ["killed"])) == {"Dobrinja": "event", "Sarajevo": "mentioned"}


def test_an_event_with_no_place_of_its_own_takes_the_country_its_sentence_names(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the two states are only mentioned and too far apart to be one place, but both lie in Mexico
    text = "Teachers protested over pay cuts ordered by the governors of Chihuahua and Yucatan."
    doc = _coded(nlp, recognizer, roles, text, ["protested"], plover="PROTEST")
    event_places = [p for p in doc._.event_mentions[0].places if p.role == "event"]
    assert [(p.country, p.precision) for p in event_places] == [("MEX", "country")]
    assert doc._.event_mentions[0].extra["place_fallback"] is True


def test_a_place_named_in_a_body_under_in_is_the_event_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the small model tags "Ar-Raqqa" as an organisation; the place inside it is still where
    doc = _coded(nlp, recognizer, roles, "On 4 June, farmers protested in Ar-Raqqa over fuel prices.", ["protested"])
    assert _roles(doc) == {"Raqqa": "event"}


def test_the_place_in_a_newspaper_name_is_not_the_event_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    doc = _coded(
        nlp, recognizer, no_fallback, "The minister wrote in the Washington Post that troops withdrew.", ["wrote"]
    )
    assert _roles(doc) == {"Washington": "mentioned"}


def test_a_name_between_two_places_keeps_them_from_being_one_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # "Kharkiv People's Militia" is no division of the town: the town is where the shells fell
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "On 9 July, troops fired mortars at the Kharkiv People's Militia dug in around Chuhuiv, Kharkiv.",
        ["fired"],
    )
    assert _roles(doc)["Chuhuiv"] == "event"


def test_a_name_opening_with_a_capitalised_article_keeps_its_preposition(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    doc = _coded(nlp, recognizer, no_fallback, "Heavy shelling was reported in As Sabaa (Tripoli).", ["shelling"])
    assert _roles(doc)["Tripoli"] == "event"


def test_a_spot_of_a_place_is_in_that_place(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "Thousands protested on the main square of Warsaw on Sunday.", ["protested"])
    assert _roles(doc) == {"Warsaw": "event"}


def test_the_place_of_a_protest_is_not_that_of_what_it_is_against(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Thousands protested on the main square of Warsaw against the air raids."
    doc = _coded(nlp, recognizer, no_fallback, text, ["protested", "raids"])
    assert (_roles(doc, 0), _roles(doc, 1)) == ({"Warsaw": "event"}, {"Warsaw": "mentioned"})


def test_a_place_the_text_puts_inside_a_division_abroad_is_a_namesake(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # "Hamburg" alone is the German city; here it is a village of an Afghan district, and the
    # district is placed inside its province before the village is placed inside the district
    doc = _coded(
        nlp, recognizer, roles, "A bomb killed two soldiers in the Hamburg village of Khost district, Paktia.", ["bomb"]
    )
    places = {p.text: p for p in doc._.event_mentions[0].places}
    assert {t: p.role for t, p in places.items()} == {"Hamburg": "event", "Khost": "mentioned", "Paktia": "mentioned"}
    assert places["Hamburg"].country == "AFG"
    # a chief town in brackets stands for its division; the country named after it settles which
    # of the two is resolved wrongly
    doc = _coded(nlp, recognizer, roles, "Gunmen shot a driver in Toledo (Ahuachapan), El Salvador.", ["shot"])
    toledo = next(p for p in doc._.event_mentions[0].places if p.text == "Toledo")
    assert (toledo.role, toledo.country) == ("event", "SLV")


def test_a_place_and_its_parent_in_two_countries_stay_as_resolved_when_nothing_tells_which_is_wrong(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Gunmen shot a driver in Toledo (Ahuachapan).", ["shot"])
    places = {p.text: (p.role, p.country) for p in doc._.event_mentions[0].places}
    assert places == {"Toledo": ("event", "USA"), "Ahuachapan": ("event", "SLV")}


def _own_roles(nlp: Language, recognizer: PlaceRecognizer, text: str, trigger: str, **kwargs: str) -> dict[str, str]:
    """The roles of one event's places read off its own sentence, with no place borrowed."""
    return _roles(_coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, [trigger], **kwargs))


def test_a_place_an_act_on_the_ground_is_done_to_is_where_it_happened(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "Soldiers patrolled Nairobi on Sunday."
    assert _own_roles(nlp, recognizer, text, "patrolled", target="Nairobi", plover="MOBILIZE") == {"Nairobi": "event"}
    # a body named after the place is what was acted on, not the place
    text = "Soldiers disarmed the Nairobi police on Sunday."
    roles = _own_roles(nlp, recognizer, text, "disarmed", target="the Nairobi police", plover="COERCE")
    assert roles == {"Nairobi": "mentioned"}


def test_what_a_noun_trigger_hits_as_its_verb_s_subject_is_where_it_happened(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "On 4 June, two airstrikes reportedly targeted Harib district (Marib)."
    roles = _own_roles(nlp, recognizer, text, "airstrikes", target="Harib district (Marib)")
    assert roles == {"Harib": "event", "Marib": "mentioned"}


def test_a_clause_on_the_trigger_itself_says_where_the_event_was(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On 3 June, a landmine planted by unknown gunmen in Homs detonated, killing a farmer."
    assert _own_roles(nlp, recognizer, text, "landmine") == {"Homs": "event"}


def test_a_clause_set_against_the_event_s_own_tells_of_another_event(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "A trader was captured in Kandahar, while his brother was arrested in Quetta."
    assert _own_roles(nlp, recognizer, text, "captured", plover="COERCE") == {
        "Kandahar": "event",
        "Quetta": "mentioned",
    }
    assert _own_roles(nlp, recognizer, text, "arrested", plover="COERCE") == {
        "Kandahar": "mentioned",
        "Quetta": "event",
    }


def test_a_possessive_a_containing_division_or_an_appositive_names_the_parent(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "Two men were killed in Mogadishu's Hodan district on Sunday."
    assert _own_roles(nlp, recognizer, text, "killed") == {"Mogadishu": "mentioned", "Hodan": "event"}
    text = "A bomb destroyed a shop in Sartene, in southern Corsica."
    assert _own_roles(nlp, recognizer, text, "destroyed") == {"Sartene": "event", "Corsica": "mentioned"}
    text = "A woman was shot in Soweto, a Johannesburg township."
    assert _own_roles(nlp, recognizer, text, "shot") == {"Soweto": "event", "Johannesburg": "mentioned"}


def test_a_wide_area_or_a_division_gives_way_to_a_finer_event_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Gunmen attacked a bus in Monrovia in west Africa."
    assert _own_roles(nlp, recognizer, text, "attacked") == {"Monrovia": "event", "west Africa": "mentioned"}
    text = "In Nangarhar province, gunmen shot dead a trader in Jalalabad."
    assert _own_roles(nlp, recognizer, text, "shot") == {"Nangarhar": "mentioned", "Jalalabad": "event"}
    # a division gives way only to a town inside it
    text = "Troops clashed with rebels in Idlib province and in Hama."
    assert _own_roles(nlp, recognizer, text, "clashed") == {"Idlib": "event", "Hama": "event"}


def test_a_site_stands_for_the_place_that_owns_it(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On Monday, soldiers patrolled Nairobi's empty streets."
    roles = _own_roles(nlp, recognizer, text, "patrolled", target="Nairobi's empty streets", plover="MOBILIZE")
    assert roles == {"Nairobi": "event"}
    text = "A banker was shot dead on the doorstep of his Lagos home."
    assert _own_roles(nlp, recognizer, text, "shot") == {"Lagos": "event"}
    # a person is no site: the place of the official's office is only mentioned
    text = "Nairobi's police chief was shot dead on Monday."
    assert _own_roles(nlp, recognizer, text, "shot", target="Nairobi's police chief") == {"Nairobi": "mentioned"}


def test_a_place_near_a_border_lies_beside_the_country_not_in_it(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Gunmen stormed Dobrinja, in Zorgalo province near the border with Niger, on Friday."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["stormed"])
    assert "NER" not in {p.country for p in doc._.event_mentions[0].places if p.text != "Niger"}


def test_a_town_set_among_divisions_of_another_country_is_a_namesake_or_a_stray_reading(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the Buenos Aires inside the Peruvian region the sentence names, not Argentina's capital
    doc = _coded(nlp, recognizer, roles, "Police shot a man in Buenos Aires on Friday night, in Ancash.", ["shot"])
    town = next(p for p in doc._.event_mentions[0].places if p.text == "Buenos Aires")
    assert (town.role, town.country) == ("event", "PER")
    # a road named after a far city lies in the region named, and gives way to the town inside it
    doc = _coded(
        nlp, recognizer, roles, "Police shot a protester on the Paris road in Arusha, Arusha region.", ["shot"]
    )
    places = [(p.text, p.role, p.country) for p in doc._.event_mentions[0].places]
    assert places[:2] == [("Paris", "mentioned", "TZA"), ("Arusha", "event", "TZA")]


def test_a_demonym_sides_with_the_division_against_a_town_resolved_abroad(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # "Verona" alone is the Italian city; a Nigerian story's Verona, in Borno, is not
    doc = _coded(nlp, recognizer, roles, "Nigerian police shot a trader near Verona in Borno.", ["shot"])
    town = next(p for p in doc._.event_mentions[0].places if p.text == "Verona")
    assert (town.role, town.country, town.admin1) == ("event", "NGA", "Borno")


def test_a_place_in_the_clause_of_a_lower_event_is_that_event_s(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Government troops launched an offensive near Homs on Sunday, targeting the town of Talbiseh."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r"), text, ["offensive", "targeting"])
    assert _roles(doc, 0)["Homs"] == "event" and _roles(doc, 0)["Talbiseh"] == "mentioned"
    # the targeting names its own place, so it does not take the one of the clause above it
    assert _roles(doc, 1)["Talbiseh"] == "event" and _roles(doc, 1)["Homs"] == "mentioned"


def test_a_place_in_a_subordinate_clause_with_its_own_subject_is_not_the_main_event_s(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "Five guards were killed after militants shelled a market in Kandahar."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["killed", "shelled"])
    assert _roles(doc, 0) == {"Kandahar": "mentioned"}
    assert _roles(doc, 1) == {"Kandahar": "event"}


def test_a_place_after_coordinated_verbs_is_the_place_of_each(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "One policeman was killed and two wounded in Mosul on Friday."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["killed", "wounded"])
    assert _roles(doc, 0) == {"Mosul": "event"} and _roles(doc, 1) == {"Mosul": "event"}


def test_an_unknown_name_a_person_act_is_done_to_is_that_person(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Soldiers killed Haddaway in Herat."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["killed"], target="Haddaway")
    # the small NER calls the man a place; the gazetteer knows no such place
    assert _roles(doc) == {"Haddaway": "mentioned", "Herat": "event"}


def test_a_place_in_a_clause_of_the_same_moment_is_shared(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Two guards were killed when gunmen stormed a checkpoint in Ramadi."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["killed", "stormed"])
    assert _roles(doc, 0) == {"Ramadi": "event"} and _roles(doc, 1) == {"Ramadi": "event"}


def test_an_unknown_place_in_a_known_one_lies_there(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Shells hit the villages of Umm Sharshuh and Burj Qaei in rural Homs."
    doc = _coded(nlp, recognizer, PlaceRoles(nlp, "r", fallback_to_previous=False), text, ["hit"])
    roles = _roles(doc)
    assert roles["Homs"] == "mentioned" and roles["Burj Qaei"] == "event"


def test_a_place_in_a_known_place_is_the_finer_one(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Gunmen attacked a checkpoint in Tal Rifaat in northern Aleppo.", ["attacked"])
    assert {k: v for k, v in _roles(doc).items() if k in ("Tal Rifaat", "Aleppo")} == {
        "Tal Rifaat": "event",
        "Aleppo": "mentioned",
    }


def test_a_place_in_a_named_division_is_the_event_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the level word after the second name says it is the first one's division, though the
    # gazetteer knows neither the village nor the district
    text = "Rebels raided a checkpoint near the village of Gelmakhi in Kurchaloi district on Sunday."
    doc = _coded(nlp, recognizer, roles, text, ["raided"])
    assert _roles(doc) == {"Gelmakhi": "event", "Kurchaloi": "mentioned"}
    # numbers between the names tell of a list of places, each an event place
    doc = _coded(nlp, recognizer, roles, "Police shot four people in Kandahar and two in Helmand province.", ["shot"])
    assert _roles(doc) == {"Kandahar": "event", "Helmand": "event"}


def test_bosnia_alone_is_the_country(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = recognizer(nlp("Fighting resumed in Bosnia."))._.places
    assert (pm.place.country, pm.place.precision) == ("BIH", "country")


def test_the_place_of_a_long_war_is_not_the_place_of_an_event_told_as_part_of_it(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "Over 90,000 people have been killed in Yemen's civil war.", ["killed"])
    [event] = doc._.event_mentions
    assert _roles(doc) == {"Yemen": "mentioned"} and not event.extra.get("place_fallback")
    war_in = _coded(nlp, recognizer, roles, "Hundreds died during the long war in Chechnya.", ["died"])
    assert _roles(war_in) == {"Chechnya": "mentioned"}
    fighting = _coded(nlp, recognizer, roles, "Two soldiers were killed in fighting in Aleppo.", ["killed"])
    assert _roles(fighting) == {"Aleppo": "event"}
