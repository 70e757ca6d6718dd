import pytest
from spacy.language import Language

from whimbrel.geo.recognize import PlaceRecognizer, _names_its_kind


def _places(nlp: Language, recognizer: PlaceRecognizer, text: str):  # type: ignore[no-untyped-def]
    return recognizer(nlp(text))._.places


def test_aleppo_found_and_resolved_even_when_ner_mislabels_it(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Aleppo was shelled again."
    assert not any(e.label_ == "GPE" and e.text == "Aleppo" for e in nlp(text).ents)
    [pm] = _places(nlp, recognizer, text)
    assert (pm.span.text, pm.place.country, pm.place.precision) == ("Aleppo", "SYR", "point")


def test_demonym_is_a_country_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = [p for p in _places(nlp, recognizer, "Syrian troops advanced on the town.") if p.span.text == "Syrian"]
    assert pm.is_demonym and pm.place.country == "SYR" and pm.place.precision == "country"


def test_toponyms_inside_names_are_not_places(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Victoria Beckham spoke to the Washington Post about George Washington."
    # Only the organisation's opening place name counts, flagged as embedded; people's names never do.
    assert [(p.span.text, p.source) for p in _places(nlp, recognizer, text)] == [("Washington", "embedded")]


def test_common_words_that_are_village_names_are_not_places(nlp: Language, recognizer: PlaceRecognizer) -> None:
    assert _places(nlp, recognizer, "Police said mobile phones were found. Of the men, two fled.") == []


def test_context_resolves_paris_in_texas(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "The storm hit Paris, Texas, on Sunday. Paris police closed roads.")
    paris = [p.place for p in places if p.span.text == "Paris"]
    assert [(p.country, p.admin1) for p in paris] == [("USA", "Texas"), ("USA", "Texas")]


def test_paris_alone_is_the_french_capital(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = _places(nlp, recognizer, "Protesters marched in Paris on Sunday.")
    assert (pm.place.country, pm.place.feature_code) == ("FRA", "PPLC")


def test_province_cue_picks_the_division(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "Shelling hit Idlib province. Rebels in Idlib said the town was calm.")
    assert [p.place.precision for p in places] == ["admin1", "point"]


def test_country_name_resolves_to_country(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = _places(nlp, recognizer, "Russia sent jets to Syria.")[1:]
    assert (pm.place.name, pm.place.precision) == ("Syria", "country")


def test_sibling_states_pull_georgia_into_the_us(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "Storms moved from Alabama into Georgia and Florida.")
    [georgia] = [p.place for p in places if p.span.text == "Georgia"]
    assert (georgia.country, georgia.feature_code) == ("USA", "ADM1")


def test_place_opening_an_organisation_name_is_an_embedded_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "The Texas Department of Transportation closed the road.")
    assert [(p.span.text, p.source, p.place.country) for p in places] == [("Texas", "embedded", "USA")]


def test_a_common_word_opening_a_name_is_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "The Central Bank said central banks must act."
    assert [p for p in _places(nlp, recognizer, text) if p.span.text == "Central"] == []


def test_bracketed_parent_places_the_town(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "Residents protested in Paris (Texas) on Sunday.")
    [paris] = [p.place for p in places if p.span.text == "Paris"]
    assert (paris.country, paris.admin1) == ("USA", "Texas")


def test_unknown_village_takes_its_stated_division(nlp: Language, recognizer: PlaceRecognizer) -> None:
    doc = recognizer(nlp("Gunmen attacked farmers in Tel Zarouba (Kairouan)."))
    village = next(pm.place for pm in doc._.places if pm.span.text == "Tel Zarouba")
    assert (village.country, village.precision) == ("TUN", "admin1")


def test_place_inside_an_organisation_name_is_an_embedded_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "She studied at the University of Alberta before joining Air Zimbabwe."
    embedded = {(p.span.text, p.place.country) for p in _places(nlp, recognizer, text) if p.source == "embedded"}
    assert {("Alberta", "CAN"), ("Zimbabwe", "ZWE")} <= embedded


def test_two_word_and_continent_demonyms(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "South Korean and European diplomats met.")
    demonyms = {p.span.text: p.place for p in places if p.is_demonym}
    assert demonyms["South Korean"].country == "KOR"
    assert (demonyms["European"].name, demonyms["European"].feature_code) == ("Europe", "RGN")


def test_a_word_of_a_persons_full_name_is_no_place_alone(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Coach Jim Ripley said the team played well. Ripley praised the defence."
    doc = nlp(text)
    assert any(e.label_ == "PERSON" and "Ripley" in e.text and len(e) > 1 for e in doc.ents)
    assert [p for p in recognizer(doc)._.places if p.span.text == "Ripley"] == []


def test_a_small_namesake_inside_an_institutions_name_follows_the_article(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "The Paris Public Library in Illinois will offer a resume workshop on Tuesday."
    [paris] = [p for p in _places(nlp, recognizer, text) if p.span.text == "Paris"]
    assert (paris.place.country, paris.place.admin1) == ("USA", "Illinois")


def test_a_compass_word_before_a_place_keeps_the_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "School districts in Northeast Georgia and Southern California are cutting budgets."
    places = {p.span.text: p.place for p in _places(nlp, recognizer, text)}
    assert places["Southern California"].admin1 == "California"
    assert places["Northeast Georgia"].country is not None


def test_a_possessive_does_not_hide_the_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "South Korea's first female president was removed from office on Friday."
    [korea] = [p for p in _places(nlp, recognizer, text) if "Korea" in p.span.text]
    assert (korea.span.text, korea.place.country) == ("South Korea", "KOR")


def test_a_dateline_in_capitals_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Vandals damage graves.\nBEIRUT: Unknown assailants removed the doors of eight cemetery vaults."
    [beirut] = [p for p in _places(nlp, recognizer, text) if p.span.text == "BEIRUT"]
    assert beirut.place.country == "LBN"


def test_a_dotted_state_abbreviation_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "The S.C. Highway Patrol is looking for the driver of the car."
    [state] = [p for p in _places(nlp, recognizer, text) if p.span.text == "S.C."]
    assert (state.place.country, state.place.admin1) == ("USA", "South Carolina")


def test_a_word_matching_only_a_towns_variant_spelling_is_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # "Hamas" is listed among the spellings of Hamm (Germany); the text means the movement.
    places = _places(nlp, recognizer, "She said she had no intention of talking to Hamas about the truce.")
    assert all(p.place.country != "DEU" for p in places)


def test_a_lone_direction_word_resolves_nowhere(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # Cameroon has a division called "West"; alone, the word is a direction.
    places = _places(nlp, recognizer, "Relations between Russia and the West have cooled, officials said.")
    assert all(p.place.country is None for p in places if p.span.text == "West")


def test_a_regional_demonym_is_its_region(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "Central American migrants reached the border on Monday.")
    [region] = [p for p in places if p.span.text == "Central American"]
    assert region.is_demonym and region.place.name == "Central America"


def test_a_township_lies_at_its_namesake_town(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Residents of Kettering Township in Ohio met on Monday about the new road."
    [township] = [p for p in _places(nlp, recognizer, text) if "Kettering" in p.span.text]
    assert (township.place.country, township.place.admin1) == ("USA", "Ohio")


def test_a_demonym_tagged_as_a_place_is_its_country(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "The Sri Lankan army said it had taken the town.")
    assert any(p.place.country == "LKA" for p in places if "Sri Lankan" in p.span.text)


def test_names_listed_before_counties_are_those_counties(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # The model calls "Letcher" a person and "Perry" a nationality; before "counties" all three are counties.
    places = _places(nlp, recognizer, "Floods closed roads in Harlan, Letcher and Perry counties on Monday.")
    counties = {p.span.text: (p.place.name, p.place.admin1, p.place.feature_code) for p in places}
    assert counties == {
        "Harlan": ("Harlan County", "Kentucky", "ADM2"),
        "Letcher": ("Letcher County", "Kentucky", "ADM2"),
        "Perry": ("Perry County", "Kentucky", "ADM2"),
    }


def test_a_lone_name_before_counties_is_no_county(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # "Ohio counties" are the counties of Ohio, not a county called Ohio.
    places = _places(nlp, recognizer, "Most Ohio counties reported higher unemployment.")
    assert [(p.span.text, p.place.feature_code) for p in places] == [("Ohio", "ADM1")]


def test_a_name_found_as_a_place_is_that_place_at_its_other_mentions(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # The model tags only the first "Naugatuck" as a place; the firefighters' and the fire
    # marshal's "Naugatuck" are the same town (inside the organisation's name, an embedded place).
    text = (
        "A fire broke out at a house in Naugatuck on Tuesday. Naugatuck firefighters put it out, "
        "and the Naugatuck Fire Marshal is investigating."
    )
    places = _places(nlp, recognizer, text)
    assert [(p.span.text, p.source, p.place.admin1) for p in places] == [
        ("Naugatuck", "ner", "Connecticut"),
        ("Naugatuck", "gazetteer", "Connecticut"),
        ("Naugatuck", "embedded", "Connecticut"),
    ]


def test_a_persons_name_mistaken_once_for_a_place_does_not_spread(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # "Paxton" is a town too, but this article names a person so: her other mentions stay hers.
    text = "Dana Paxton joined the board. Paxton said residents of Paxton deserve better roads."
    assert [p.span.start_char for p in _places(nlp, recognizer, text)] == [text.rindex("Paxton")]


def test_a_dateline_is_the_town_not_the_state(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # Beside two states, a bare "New York" reads as the third; filed from there, it is the city.
    text = "NEW YORK (AP) — Officials in New Jersey and Connecticut said the storm had passed."
    [dateline] = [p.place for p in _places(nlp, recognizer, text) if p.span.text == "NEW YORK"]
    assert (dateline.name, dateline.precision) == ("New York City", "point")
    [state] = [
        p.place
        for p in _places(nlp, recognizer, text.replace("NEW YORK (AP) — ", "") + " So did New York.")
        if p.span.text == "New York"
    ]
    assert state.precision == "admin1"


def test_a_town_the_ner_calls_an_organisation_is_a_place_after_in(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # The model tags this "Glastonbury" as an organisation; after "in" it is where budgets are tight.
    [pm] = _places(nlp, recognizer, "The mayor said budgets are tight in Glastonbury this year.")
    assert (pm.span.text, pm.place.precision) == ("Glastonbury", "point")
    assert _places(nlp, recognizer, "She signed a contract with Glastonbury this year.") == []


def test_a_listed_region_leaves_the_towns_other_mentions_the_town(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Fighting raged in the Kharkiv and Sumy regions. Later, shells hit Kharkiv itself."
    kharkiv = [p.place.precision for p in _places(nlp, recognizer, text) if p.span.text == "Kharkiv"]
    assert kharkiv == ["admin1", "point"]


def test_a_common_word_that_is_a_town_abroad_is_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On Monday in Campinas, Sao Paulo, Civil Police agents arrested a suspect."
    found = [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]
    assert ("Police", "POL") not in found
    assert ("Campinas", "BRA") in found


def test_a_foreign_town_after_in_stays_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Officials in Campinas, Sao Paulo, said the suspect had lived in Police before."
    assert ("Police", "POL") in [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]


def test_a_demonym_does_not_make_a_town_stray(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Saudi forces shelled villages of Sadah, injuring a child."
    assert ("Sadah", "YEM") in [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]


def test_a_dateline_after_the_bylines_date(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "By a staff writer. April 2, 2009 WOOSTER -- Pupils traced their families back to Germany."
    found = [p.span.text for p in _places(nlp, recognizer, text)]
    assert "WOOSTER" in found


def test_a_country_naming_a_currency_lends_the_article_no_geography(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Shopkeepers in Sidon closed their doors as the US dollar rose against the Lebanese pound."
    found = {p.span.text: (p.place.country, p.source) for p in _places(nlp, recognizer, text)}
    assert found["US"] == ("USA", "embedded")  # a place name inside the currency's name
    assert found["Sidon"][0] == "LBN" and found["Lebanese"][0] == "LBN"


def test_a_country_before_other_nouns_stays_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "US troops left the base near Kirkuk."
    assert ("US", "USA") in [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]


def test_a_namesake_outside_the_stated_division_gives_way_to_the_division(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # The gazetteer's Auno is a French village; the one meant lies in Borno, which it lacks.
    places = _places(nlp, recognizer, "Gunmen raided Auno (Konduga, Borno) before dawn.")
    [auno] = [p.place for p in places if p.span.text == "Auno"]
    assert (auno.country, auno.precision) == ("NGA", "admin1")


def test_a_town_inside_its_stated_division_keeps_its_point(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [paris] = [p.place for p in _places(nlp, recognizer, "Hail hit Paris, Texas.") if p.span.text == "Paris"]
    assert (paris.country, paris.admin1, paris.precision) == ("USA", "Texas", "point")


def test_a_name_before_a_list_of_divisions_is_no_child_of_the_first(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Convoys left Kobani, Raqqa and Hasakah for the border."
    [kobani] = [p.place for p in _places(nlp, recognizer, text) if p.span.text == "Kobani"]
    assert kobani.precision == "point"


def test_a_small_town_after_near_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Monitors heard three blasts near Opytne on Tuesday."
    found = [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]
    assert ("Opytne", "UKR") in found


def test_a_small_town_before_the_division_holding_it_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On Friday, in Padre Marcos, Piaui, farmers blocked a road."
    found = [(p.span.text, p.place.country, p.place.precision) for p in _places(nlp, recognizer, text)]
    assert ("Padre Marcos", "BRA", "point") in found


def test_the_opening_of_a_longer_own_name_names_the_town(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # GeoNames calls the city Pachuca de Soto; news says Pachuca.
    text = "Vendors marched in Pachuca, Hidalgo, on Monday."
    [pachuca] = [p.place for p in _places(nlp, recognizer, text) if p.span.text == "Pachuca"]
    assert (pachuca.country, pachuca.admin1) == ("MEX", "Hidalgo")


def test_spanish_articles_join_a_name(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Masked men robbed a bakery in Leon de los Aldama on Sunday."
    [leon] = [p.place for p in _places(nlp, recognizer, text) if p.span.text.startswith("Leon")]
    assert (leon.country, leon.precision) == ("MEX", "point")


def test_a_kind_word_the_gazetteer_lacks_is_read_past(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Residents of Zahle City protested. Police arrested two men in Marjayoun District."
    found = {p.span.text: p.place.country for p in _places(nlp, recognizer, text)}
    # the town is found in Lebanon, its capitalised settlement word read as the writer's
    assert found.get("Zahle City") == "LBN" and found.get("Marjayoun") == "LBN"
    found = {p.span.text: p.place.country for p in _places(nlp, recognizer, "Shops closed in Tartous city.")}
    assert found.get("Tartous city") == "SYR"


def test_a_small_town_before_a_kind_word_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Monitors counted blasts at Hnutove village and at Svitlodarsk town."
    found = [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]
    assert ("Hnutove", "UKR") in found and ("Svitlodarsk", "UKR") in found


def test_a_neighbourhood_name_is_no_town_elsewhere(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On Sunday police patrolled Colonia San Lorenzo and Colonia Lomas Altas, two districts of Morelia."
    found = [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]
    assert all(country in ("MEX", None) for _, country in found)
    assert ("Morelia", "MEX") in found


def test_news_abbreviations_of_divisions(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Shelling was reported in Uri sector (Baramulla district, J&K) on Sunday."
    found = {p.span.text: (p.place.country, p.place.precision) for p in _places(nlp, recognizer, text)}
    assert found.get("J&K") == ("IND", "admin1")


def test_a_short_word_without_its_dot_is_no_abbreviation(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Guests of La Perla hotel in Zahle protested against the quarantine."
    found = [p.span.text for p in _places(nlp, recognizer, text)]
    assert "La" not in found and "Zahle" in found


def test_names_a_settlement_noun_gives_are_places_known_or_not(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Mortars fell on the villages of Umm Sharshuh, Kfar Nan and Burj Qaei, then on Talbiseh town."
    found = {p.span.text: p.place.lat is not None for p in _places(nlp, recognizer, text)}
    # the gazetteer need not know a village the text calls one: it stays, unresolved
    assert {"Umm Sharshuh", "Kfar Nan", "Burj Qaei", "Talbiseh"} <= set(found)


def test_a_town_the_ner_calls_an_organisation_is_a_place_after_city_of(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "A dozen people were hurt on Friday near a bakery in the city of Daraa."
    [pm] = [p for p in _places(nlp, recognizer, text) if p.span.text == "Daraa"]
    assert pm.place.country == "SYR"


def test_a_group_named_before_a_place_noun_is_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Fighters held the Hezbollah area and the Kurdish district near the river."
    places = _places(nlp, recognizer, text)
    assert not [p for p in places if not p.is_demonym]


def test_a_capitalised_kind_word_closes_the_place_name(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Gunmen attacked Dumbo Town at dawn and shelled the Marrat Governorate later."
    names = [p.span.text for p in _places(nlp, recognizer, text)]
    # the name ends at its kind word (the recogniser may also read past the word to the bare name)
    assert "Dumbo Town" in names and any(n.startswith("Marrat") for n in names)
    assert not [n for n in names if "later" in n or "dawn" in n]


def test_a_town_named_without_its_article_is_found(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # "Hilla" is GeoNames' "Al Hillah"; the tagger may call the bare name a person.
    places = _places(nlp, recognizer, "In Hilla, a roadside bomb wounded three policemen on Monday.")
    assert [(p.span.text, p.place.country) for p in places] == [("Hilla", "IRQ")]


def test_a_named_site_the_ner_calls_an_organisation_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "Militants shelled the Qorvelan Power Plant on Sunday.")
    assert [(p.span.text, p.place.country) for p in places] == [("Qorvelan Power Plant", None)]


def test_a_street_address_is_no_named_site(nlp: Language, recognizer: PlaceRecognizer) -> None:
    places = _places(nlp, recognizer, "The parcel was sent from 14 Harlow Street.")
    assert "14 Harlow Street" not in {p.span.text for p in places}


def test_a_town_in_its_stated_parent_is_a_place_however_far_the_ner_span_runs(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "On 12 March, in Concepcion (Concepcion), nurses marched over unpaid wages."
    # the NER reads "Concepcion (Concepcion" as one organisation's name
    assert any(e.text.startswith("Concepcion (") for e in nlp(text).ents)
    found = [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)]
    assert ("Concepcion", "PRY") in found


def test_a_name_the_tagger_reads_as_an_adjective_is_a_place_before_its_kind_word(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "Teachers of Kasese town went on strike."
    assert next(t for t in nlp(text) if t.text == "Kasese").pos_ != "PROPN"
    assert [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)] == [("Kasese", "UGA")]
    # a demonym before a kind word is no town's name ("English" is also a town in Indiana)
    doc = nlp("Floods hit the English county of Kent.")
    english = next(t for t in doc if t.text == "English")
    assert not _names_its_kind(doc[english.i : english.i + 1])


def test_a_name_written_with_an_apostrophe_is_one_word(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Two soldiers were wounded by a roadside bomb in Dar'a on Sunday."
    assert [(p.span.text, p.place.country) for p in _places(nlp, recognizer, text)] == [("Dar'a", "SYR")]


def test_a_town_listed_with_a_place_of_its_country_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # the small model calls both towns persons; the division Manzini vouches for the capital beside it
    places = _places(nlp, recognizer, "Troops were sent to Manzini and Mbabane after the vote.")
    assert {(p.span.text, p.place.country) for p in places} == {("Manzini", "SWZ"), ("Mbabane", "SWZ")}
    [biu] = [p for p in _places(nlp, recognizer, "Voters queued in Kano and Biu on Saturday.") if p.span.text == "Biu"]
    assert biu.place.country == "NGA"


def test_a_person_listed_with_a_country_stays_a_person(nlp: Language, recognizer: PlaceRecognizer) -> None:
    assert [p.span.text for p in _places(nlp, recognizer, "Ministers from Russia and Putin met.")] == ["Russia"]


def test_a_town_the_ner_calls_a_people_is_a_town_after_its_kind_noun(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    [pm] = _places(nlp, recognizer, "Shells fell on the town of Rastan overnight.")
    assert (pm.span.text, pm.place.country) == ("Rastan", "SYR")


def _names(nlp: Language, recognizer: PlaceRecognizer, text: str) -> list[str]:
    return [p.span.text for p in _places(nlp, recognizer, text)]


def test_a_name_before_a_site_noun_is_a_place_the_gazetteer_need_not_know(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # the small model calls the name a person; "area" says it is a place
    [pm] = _places(nlp, recognizer, "Mortars hit the Qasr Nabil area on Tuesday.")
    assert pm.span.text == "Qasr Nabil" and pm.place.lat is None
    # a group's name before "area" is no place, nor a people's before "neighbourhood"
    assert _names(nlp, recognizer, "Fighters returned to the Hezbollah area.") == []
    assert _names(nlp, recognizer, "Shelling hit a Kurdish neighbourhood.") == []


def test_a_name_an_appositive_calls_a_settlement_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "Gunmen raided Ungwan Dodo, a farming village in Kaduna state, at dawn."
    assert _names(nlp, recognizer, text) == ["Ungwan Dodo", "Kaduna"]
    # and one that the words after it say lies in a place found already
    assert _names(nlp, recognizer, "Troops were deployed in Razmak Ali, North Waziristan.")[0] == "Razmak Ali"


def test_a_facility_named_by_names_only_is_the_place_not_a_small_town_inside(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # "Jihad" alone is a small town elsewhere; the whole name before its kind word is the place
    places = _places(nlp, recognizer, "A car bomb exploded in the Hay al-Jihad district of Baghdad.")
    assert [(p.span.text, p.place.country) for p in places] == [("Hay al-Jihad", None), ("Baghdad", "IRQ")]


def test_a_person_near_someone_is_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    assert _names(nlp, recognizer, "He stood near John Smith at the rally.") == []


def test_a_town_after_at_is_a_place_whatever_the_ner_calls_it(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = _places(nlp, recognizer, "Two soldiers died at Lashkar Gah, officials said.")
    assert (pm.span.text, pm.place.country) == ("Lashkar Gah", "AFG")


def test_a_place_the_words_around_name_may_go_by_another_of_its_names(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # "Kobane" is not the gazetteer's own name of the town, but the appositive says it is a town
    [pm] = [p for p in _places(nlp, recognizer, "Fighting went on in Kobane, the Kurdish town.") if not p.is_demonym]
    assert (pm.span.text, pm.place.country) == ("Kobane", "SYR")


def test_the_name_right_after_a_verb_done_to_places_is_a_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    [pm] = _places(nlp, recognizer, "Troops entered Qasr Nabil on Monday.")
    assert pm.span.text == "Qasr Nabil" and pm.place.lat is None


def test_every_name_of_a_list_after_a_verb_done_to_places_is_a_place(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    # invented village names: the gazetteer knows none of them, the list's opening says they are places
    text = "Troops shelled Tell Qarmud, Abu Zaffar and Kafr Nimra on Monday."
    assert [p.span.text for p in _places(nlp, recognizer, text)] == ["Tell Qarmud", "Abu Zaffar", "Kafr Nimra"]


def test_a_list_after_a_settlement_noun_runs_past_asides_and_a_colon(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    shelled = "Rebels shelled the settlements of Bir Hasna (twice), Tell Durra and Jabal Nuri."
    assert [p.span.text for p in _places(nlp, recognizer, shelled)] == ["Bir Hasna", "Tell Durra", "Jabal Nuri"]
    raided = "Gunmen raided three villages: Gwanzo, Dikamu and Tabunka."
    assert [p.span.text for p in _places(nlp, recognizer, raided)] == ["Gwanzo", "Dikamu", "Tabunka"]


def test_a_list_of_companies_at_a_place_stays_no_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "He met executives at Microsoft and Google in Seattle."
    assert [p.span.text for p in _places(nlp, recognizer, text)] == ["Seattle"]


def test_ner_place_found_under_another_spelling(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # no gazetteer key matches "Jisr al-Shoghour"; its consonants and a close spelling reach Jisr ash Shughur
    [pm] = [p for p in _places(nlp, recognizer, "Gunmen attacked a checkpoint near Jisr al-Shoghour on Monday.")]
    assert (pm.span.text, pm.place.country, pm.place.admin1, pm.place.precision) == (
        "Jisr al-Shoghour",
        "SYR",
        "Idlib",
        "point",
    )


def test_leading_demonym_lends_the_article_no_country(nlp: Language, recognizer: PlaceRecognizer) -> None:
    # a "Saudi-led" force acts abroad: the demonym stays a place but is a thing's name, resolved alone
    places = _places(nlp, recognizer, "Saudi-led coalition airstrikes hit Sanaa on Monday.")
    saudi = next(p for p in places if p.span.text == "Saudi")
    assert saudi.source == "embedded" and not saudi.is_demonym


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # tagged NOUN inside a PERSON entity
        ("At Vladivostok in the Far East some 30,000 marched on Sunday.", "Vladivostok", "RUS"),
        # a settlement noun before the name; the NER calls it a person
        ("A bomber blew himself up outside the capital city Lashkar Gah on Tuesday.", "Lashkar Gah", "AFG"),
        # listed with a place of its country, by one of its other names
        ("Buses ran between Homs and Palmyra all week.", "Palmyra", "SYR"),
        # a capitalised kind word before "of" still closes the name
        ("Police patrolled Maru LGA of Zamfara State on Friday.", "Maru LGA", "NGA"),
    ],
)
def test_a_place_the_words_around_name_is_found(
    nlp: Language, recognizer: PlaceRecognizer, text: str, name: str, country: str
) -> None:
    found = {p.span.text: p.place.country for p in _places(nlp, recognizer, text)}
    assert found.get(name) == country


def test_a_name_opening_with_a_lower_case_arabic_article_is_found(nlp: Language, recognizer: PlaceRecognizer) -> None:
    found = {
        p.span.text: p.place.country for p in _places(nlp, recognizer, "A blast hit a market in al-Hazm in Yemen.")
    }
    assert found.get("al-Hazm") == "YEM"
    # unknown to the gazetteer, but its kind word says it is a place, and a faith word is no part of it
    text = "The blast targeted a market in the Shiite al-Bayaa district of the capital."
    assert "al-Bayaa" in [p.span.text for p in _places(nlp, recognizer, text)]


def test_a_kind_word_after_a_town_the_ner_calls_a_people_is_no_place_alone(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    text = "Fighting spread across the countryside of the Aleppo Governorate."
    assert "Governorate" not in [p.span.text for p in _places(nlp, recognizer, text)]


def test_a_capitalised_settlement_word_the_gazetteer_lacks_with_the_name_is_the_writers(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    found = {p.span.text: p.place.country for p in _places(nlp, recognizer, "Residents gathered in Zahle City.")}
    assert found == {"Zahle City": "LBN"}
    # a name the gazetteer knows whole keeps its own place
    assert {p.place.name for p in _places(nlp, recognizer, "Fans gathered in Kansas City.")} == {"Kansas City"}


def test_an_official_name_of_three_words_or_more_is_the_town(nlp: Language, recognizer: PlaceRecognizer) -> None:
    text = "On Sunday, in Heroica Puebla de Zaragoza, Puebla, two men were stabbed."
    found = {p.span.text: (p.place.name, p.place.country) for p in _places(nlp, recognizer, text)}
    assert found.get("Heroica Puebla de Zaragoza") == ("Puebla", "MEX")


def test_a_lower_case_arabic_article_written_apart_opens_a_name(nlp: Language, recognizer: PlaceRecognizer) -> None:
    found = {p.span.text: p.place.country for p in _places(nlp, recognizer, "Farmers marched in el Hermel on Friday.")}
    assert found == {"el Hermel": "LBN"}
    # "as" is an English word: only "al" and "el" open a name written apart
    assert "as Raqqa" not in [p.span.text for p in _places(nlp, recognizer, "The city known as Raqqa fell.")]
