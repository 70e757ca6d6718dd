"""Places named through a part or share of them, or hung by the parser on a day word."""

from spacy.language import Language

from tests.geo.test_roles import _coded, _roles
from whimbrel.geo.recognize import PlaceRecognizer
from whimbrel.geo.roles import PlaceRoles


def test_a_sector_under_a_locative_is_in_its_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Troops fought rebels in the western sector of Homs on Sunday."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["fought"])) == {"Homs": "event"}
    text = "Jets bombed positions on the eastern flank of Mosul."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["bombed"])) == {"Mosul": "event"}


def test_a_share_of_a_place_taken_is_where_it_was_taken(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Rebels captured half of Kismayo last week."
    doc = _coded(nlp, recognizer, no_fallback, text, ["captured"], target="half of Kismayo", plover="COERCE")
    assert _roles(doc) == {"Kismayo": "event"}


def test_a_place_object_before_a_bare_day_word_is_still_the_object(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Police patrolled Bunia Friday."
    doc = _coded(nlp, recognizer, no_fallback, text, ["patrolled"], target="Bunia", plover="MOBILIZE")
    assert _roles(doc) == {"Bunia": "event"}


def test_the_capital_of_a_place_or_beside_a_thing_is_not_the_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Students protested in front of Kenya's embassy."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["protested"], plover="PROTEST")) == {"Kenya": "mentioned"}


def test_villages_hung_on_the_army_holding_them_are_what_was_targeted(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "ISIS attacked the Syrian Arab Army (SAA) controlled villages of Jubb Nasri and Hawsh Kafr."
    doc = _coded(nlp, recognizer, no_fallback, text, ["attacked"])
    assert _roles(doc)["Jubb Nasri"] == "event"


def test_a_place_of_another_clause_is_no_parent_division(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Rebels launched an offensive in the Hama Governorate, targeting the strategic village of Tal Nasri."
    doc = _coded(nlp, recognizer, no_fallback, text, ["targeting"])
    assert _roles(doc)["Tal Nasri"] == "event"


def test_a_place_named_after_a_stronghold_or_resort_noun_is_the_place(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "A bomb exploded in a market of the seaside resort of Mombasa."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["exploded"]))["Mombasa"] == "event"


def test_a_country_naming_whose_embassy_or_base_it_is_is_not_the_place(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Thousands demonstrated outside the US embassy in Brussels."
    doc = _coded(nlp, recognizer, no_fallback, text, ["demonstrated"], plover="PROTEST")
    assert _roles(doc) == {"US": "mentioned", "Brussels": "event"}
    text = "A truck exploded outside a US military base in Balad."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["exploded"])) == {"US": "mentioned", "Balad": "event"}


def test_each_of_two_coordinated_verbs_keeps_its_own_place(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "She was detained in Quito and deported to the United States."
    doc = _coded(nlp, recognizer, no_fallback, text, ["detained"], plover="COERCE")
    assert _roles(doc) == {"Quito": "event", "United States": "mentioned"}
    # a place only the last verb names is said of them all
    text = "Three men were killed, wounded and arrested in Kabul."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["killed"])) == {"Kabul": "event"}


def test_a_region_of_a_place_and_a_village_list_before_its_kind_word(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "Troops pressed an assault in the Eastern Ghouta region of rural Damascus on Sunday."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["assault"])) == {
        "Eastern Ghouta": "event",
        "Damascus": "mentioned",
    }
    text = "At dawn militiamen stormed Sibaya and Chiri villages in Sinjar."
    doc = _coded(nlp, recognizer, no_fallback, text, ["stormed"], target="Sibaya and Chiri villages")
    assert _roles(doc) == {"Sibaya": "event", "Chiri": "event", "Sinjar": "mentioned"}


def test_the_dateline_is_no_event_place_of_the_sentence_that_names_its_own(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "FALLUJAH, Iraq - Two men were killed when a mortar struck a market in the city of Fallujah."
    doc = _coded(nlp, recognizer, no_fallback, text, ["killed"])
    assert [p.start for p in doc._.event_mentions[0].places if p.role == "event"] == [text.rindex("Fallujah")]


def test_a_district_of_a_city_resolved_abroad_is_put_in_the_city(nlp: Language, recognizer: PlaceRecognizer) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    for text, district in [
        (
            "A shopkeeper was killed by gunmen in the Zafaraniyah district of Baghdad on Friday.",
            "Zafaraniyah",
        ),
        ("A teacher was killed outside a school in Baghdad's Dora district.", "Dora"),
    ]:
        places = _coded(nlp, recognizer, no_fallback, text, ["killed"])._.event_mentions[0].places
        assert {p.text: (p.role, p.country) for p in places} == {
            district: ("event", "IRQ"),
            "Baghdad": ("mentioned", "IRQ"),
        }


def test_a_city_owning_a_district_across_side_words_and_long_modifiers(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "A car bomb detonated on Friday near a US patrol in Baghdad's western district of Kadhimiyah."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["detonated"])) == {
        "US": "mentioned",
        "Baghdad": "mentioned",
        "Kadhimiyah": "event",
    }
    text = "A sniper shot him in the old front-line Sarajevo suburb of Dobrinja."
    roles = _roles(_coded(nlp, recognizer, no_fallback, text, ["shot"]))
    assert roles == {"Sarajevo": "mentioned", "Dobrinja": "event"}


def test_a_landform_named_after_a_place_and_its_flank_stand_for_the_place(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "The army launched an offensive in the countryside of Aleppo, targeting the Al-Bab Plateau's southern flank."
    doc = _coded(nlp, recognizer, no_fallback, text, ["targeting"], target="the Al-Bab Plateau's southern flank")
    assert _roles(doc)["Al-Bab"] == "event"


def test_a_goal_of_another_verb_and_the_sides_of_a_border_are_not_the_event_place(
    nlp: Language, recognizer: PlaceRecognizer
) -> None:
    no_fallback = PlaceRoles(nlp, "r", fallback_to_previous=False)
    text = "She was detained in Quito and flown to the United States."
    doc = _coded(nlp, recognizer, no_fallback, text, ["detained"], plover="COERCE")
    assert _roles(doc) == {"Quito": "event", "United States": "mentioned"}
    text = "Troops marched to Kiev."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["marched"], plover="MOBILIZE")) == {"Kiev": "event"}
    text = "Gunmen attacked a post in Rafah near the border between Gaza and Egypt."
    assert _roles(_coded(nlp, recognizer, no_fallback, text, ["attacked"])) == {
        "Rafah": "event",
        "Gaza": "mentioned",
        "Egypt": "mentioned",
    }
