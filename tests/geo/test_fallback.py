"""Article-level fallback of the place roles stage: an event whose sentence names no place of its own."""

from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.geo.gazetteer import lookup
from whimbrel.geo.recognize import PlaceRecognizer, to_place
from whimbrel.geo.roles import PlaceRoles, dateline_place
from whimbrel.model import Actor
from whimbrel.nlp.extensions import EventMention, PlaceMention


def _coded(
    nlp: Language,
    recognizer: PlaceRecognizer,
    roles: PlaceRoles,
    text: str,
    triggers: dict[str, str],
    modalities: dict[str, str] | None = None,
) -> Doc:
    """Parse, find places, add one event per trigger word with its PLOVER type (and modality, or
    "announced" for a promise recoded from the act), run roles."""
    doc = recognizer(nlp(text))
    mentions = []
    for word, plover in triggers.items():
        tok = next(t for t in doc if t.text == word)
        modality = (modalities or {}).get(word, "asserted")
        mention = EventMention(trigger=tok, sent=tok.sent, pattern_id="test", cameo="190", plover=plover)
        mention.modality = "asserted" if modality == "announced" else modality  # type: ignore[assignment]
        mention.extra["announced_act"] = modality == "announced"
        mentions.append(mention)
    doc._.event_mentions = mentions
    return roles(doc)


def _borrowed(doc: Doc, i: int) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.country, p.precision, p.text) for p in doc._.event_mentions[i].places if p.role == "event"]


def test_an_earlier_event_of_another_type_lends_its_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Troops clashed with rebels in Kandahar on Monday. Pakistan's envoy in Geneva condemned the violence. "
        "Police later arrested two men.",
        {"clashed": "ASSAULT", "arrested": "COERCE"},
    )
    arrest = doc._.event_mentions[1]
    assert _borrowed(doc, 1) == [("AFG", "admin1", "Kandahar")]
    assert arrest.extra["place_fallback"] is True
    assert arrest.extra["place_from_earlier_event"] is True


def test_the_most_named_country_is_the_last_resort(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Gunmen killed two traders. Officials from Kenya, Uganda and Kenya condemned the attack.",
        {"killed": "ASSAULT"},
    )
    assert _borrowed(doc, 0) == [("KEN", "country", "Kenya")]
    assert doc._.event_mentions[0].extra["place_from_article_country"] is True
    # a lone sentence naming several countries tells no story's country
    alone = _coded(
        nlp,
        recognizer,
        roles,
        "Officials from Kenya, Uganda and Kenya said gunmen killed two traders.",
        {"killed": "ASSAULT"},
    )
    assert _borrowed(alone, 0) == []


def test_a_demonym_gives_the_country_only_when_no_place_is_named(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    alone = _coded(
        nlp, recognizer, roles, "Police detained 20 people. Turkish officials confirmed it.", {"detained": "COERCE"}
    )
    assert _borrowed(alone, 0) == [("TUR", "country", "Turkish")]
    # a named place outweighs the demonym of the attackers
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Gunmen killed two traders. Turkish drones were seen over Kenya, and Kenya said so.",
        {"killed": "ASSAULT"},
    )
    assert {country for country, _, _ in _borrowed(doc, 0)} == {"KEN"}


def test_a_tie_between_countries_names_none(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Officials from Kenya and Uganda said gunmen killed two traders.",
        {"killed": "ASSAULT"},
    )
    assert _borrowed(doc, 0) == []
    assert "place_fallback" not in doc._.event_mentions[0].extra


def test_the_place_a_story_opens_in_is_lent_to_a_later_sentence(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "On 3 May, in Kandahar, police searched several houses. Pakistan's envoy in Geneva condemned the "
        "violence. A man was arrested.",
        {"arrested": "COERCE"},
    )
    assert _borrowed(doc, 0) == [("AFG", "admin1", "Kandahar")]
    assert doc._.event_mentions[0].extra["place_from_lead"] is True


def test_a_meeting_does_not_take_the_place_of_an_earlier_clash(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Troops clashed with rebels in Kandahar on Monday. Pakistan's envoy in Geneva condemned the violence. "
        "The two presidents met last week.",
        {"clashed": "ASSAULT", "met": "CONSULT"},
    )
    meeting = doc._.event_mentions[1]
    # (the story's opening place may still stand in, flagged place_from_lead)
    assert not meeting.extra.get("place_from_earlier_event")


def _with_doer(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles, text: str, doer: Actor) -> EventMention:
    """One assault on the text's "shelled", done by the given (already resolved) doer."""
    doc = recognizer(nlp(text))
    tok = next(t for t in doc if t.text == "shelled")
    mention = EventMention(trigger=tok, sent=tok.sent, pattern_id="test", cameo="190", plover="ASSAULT")
    mention.source_span, mention.source_actor = doc[tok.i - 2 : tok.i], doer
    doc._.event_mentions = [mention]
    roles(doc)
    return mention


def test_a_report_naming_no_place_is_set_in_its_doer_s_country(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    rebels = Actor(text="Tuareg rebels", start=0, end=0, country="MLI", group="MNLA", agent="REB")
    mention = _with_doer(nlp, recognizer, roles, "Tuareg rebels shelled the old barracks overnight.", rebels)
    assert [(p.country, p.precision, p.text) for p in mention.places if p.role == "event"] == [
        ("MLI", "country", "Tuareg rebels")
    ]
    assert mention.extra["place_from_actor"] is True
    # a state's army fights abroad as often as at home
    army = Actor(text="Kenyan troops", start=0, end=0, country="KEN", agent="MIL")
    assert _with_doer(nlp, recognizer, roles, "The army troops shelled the old barracks overnight.", army).places == []


def test_a_sentence_place_lends_itself_to_an_event_it_does_not_locate(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "Two gunmen were arrested after the bombing of a Kabul hotel.", {"arrested": "COERCE"}
    )
    assert [p[2] for p in _borrowed(doc, 0)] == ["Kabul"]


def test_a_place_saying_whose_a_participant_is_lends_no_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(
        nlp, recognizer, roles, "The Kenya authorities arrested two journalists on Friday.", {"arrested": "COERCE"}
    )
    assert _borrowed(doc, 0) == []


TWO_CLASHES = (
    "Pakistan's envoy condemned the violence on Tuesday. Troops clashed with rebels in Kandahar on Monday. "
    "The governor said the soldiers {} the rebels."
)


def test_an_act_only_intended_or_supposed_takes_no_other_event_s_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    for verb, modality in (("would fight", "intended"), ("could fight", "hypothetical"), ("will fight", "announced")):
        triggers = {"clashed": "ASSAULT", "fight": "ASSAULT"}
        doc = _coded(nlp, recognizer, roles, TWO_CLASHES.format(verb), triggers, {"fight": modality})
        later = doc._.event_mentions[1]
        assert not later.extra.get("place_from_earlier_event"), verb
        assert ("AFG", "admin1", "Kandahar") not in _borrowed(doc, 1), verb


def test_an_act_reported_as_done_still_takes_the_earlier_event_s_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, TWO_CLASHES.format("fought"), {"clashed": "ASSAULT", "fought": "ASSAULT"})
    assert _borrowed(doc, 1) == [("AFG", "admin1", "Kandahar")]
    assert doc._.event_mentions[1].extra["place_from_earlier_event"] is True


def test_a_place_an_event_is_about_or_done_by_lends_no_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # what the blockade is against says nothing of where it was: the earlier march's city does
    text = "Traders marched in Sfax on Friday. On Saturday they blocked a highway, protesting against a trade deal with China."
    doc = _coded(nlp, recognizer, roles, text, {"marched": "PROTEST", "blocked": "PROTEST"})
    assert [p[2] for p in _borrowed(doc, 1)] == ["Sfax"]
    assert doc._.event_mentions[1].extra["place_from_earlier_event"] is True
    # a doer named by a common noun the gazetteer knows as a town is no place of the event; a
    # state named as the doer stands for its authorities, who act at home
    assert _arrest_places(nlp, recognizer, roles, "The Police", town_read="Police") == ["Kandahar"]
    assert _arrest_places(nlp, recognizer, roles, "Pakistan") == ["Pakistan"]


def _arrest_places(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles, doer: str, town_read: str | None = None
) -> list[str | None]:
    """The event places of an arrest by ``doer`` told after a clash in Kandahar; ``town_read``: a
    word of the doer that recognition (wrongly) resolved as the town of that name."""
    doc = recognizer(nlp(f"Troops clashed with rebels in Kandahar on Monday. {doer} later arrested two men."))
    if town_read is not None:
        word = next(t for t in doc if t.text == town_read)
        town = next(e for e in lookup(town_read) if e.precision == "point")
        doc._.places.append(PlaceMention(doc[word.i : word.i + 1], to_place(doc[word.i : word.i + 1], town)))
    clash, arrest = (next(t for t in doc if t.text == word) for word in ("clashed", "arrested"))
    mentions = [
        EventMention(trigger=tok, sent=tok.sent, pattern_id="test", cameo="190", plover=plover)
        for tok, plover in ((clash, "ASSAULT"), (arrest, "COERCE"))
    ]
    mentions[1].source_span = doc[arrest.sent.start : arrest.i - 1]
    doc._.event_mentions = mentions
    roles(doc)
    return [p[2] for p in _borrowed(doc, 1)]


def test_a_story_naming_a_place_only_as_what_it_is_about_lends_no_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    text = "Drivers blocked three highways on Monday in protest against a gas deal with Qatar."
    assert _borrowed(_coded(nlp, recognizer, roles, text, {"blocked": "PROTEST"}), 0) == []


def test_a_town_and_the_seat_its_division_is_named_after_are_one_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # "Puebla" after a town is the state, read as its seat 60 km away: the town lends its place
    text = "Traders from Tecamachalco, Puebla, said police had beaten two men."
    assert _borrowed(_coded(nlp, recognizer, roles, text, {"beaten": "ASSAULT"}), 0) == [
        ("MEX", "admin1", "Tecamachalco")
    ]


def test_a_demonym_alone_does_not_keep_a_report_from_its_doer_s_country(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # "French" says whose the advisers are, not where the convoy was: the report still names no place
    rebels = Actor(text="Tuareg rebels", start=0, end=0, country="MLI", group="MNLA", agent="REB")
    text = "Tuareg rebels shelled a convoy of French advisers overnight."
    mention = _with_doer(nlp, recognizer, roles, text, rebels)
    assert [(p.country, p.precision) for p in mention.places if p.role == "event"] == [("MLI", "country")]
    assert mention.extra["place_from_actor"] is True


def test_only_a_place_set_off_as_a_dateline_is_one(nlp: Language, recognizer: PlaceRecognizer) -> None:
    def dateline(text: str) -> str | None:
        place = dateline_place(recognizer(nlp(text)))
        return None if place is None else place.text

    assert dateline("BAGHDAD, Iraq - Gunmen killed two policemen on Sunday.") == "BAGHDAD"
    assert dateline("KABUL (Reuters) - Gunmen killed two policemen on Sunday.") == "KABUL"
    # a headline's capitalised name or a slug joined by a hyphen says nothing of where it was filed
    assert dateline("U.S. troops patrolled the streets on Sunday.") is None
    assert dateline("IRAQ-BLAST Gunmen killed two policemen on Sunday.") is None


def test_a_place_set_apart_from_the_event_does_not_lend_itself(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    # the doer's home, a time and another clause's participant say nothing of where the act was done
    for text, trigger in (
        ("Refugees from southern Sudan demonstrated on Monday. Envoys in Lima and Tokyo condemned it.", "demonstrated"),
        ("Rebels ambushed a convoy after the fall of Kabul. Envoys in Lima and Tokyo condemned it.", "ambushed"),
        ("A missile was detonated, raising fears of a race with Pakistan. Envoys in Lima and Tokyo met.", "detonated"),
    ):
        doc = _coded(nlp, recognizer, roles, text, {trigger: "ASSAULT"})
        assert _borrowed(doc, 0) == [], text
    # what was acted on still lends its place
    doc = _coded(
        nlp,
        recognizer,
        roles,
        "Rebels ambushed a convoy of Kabul traders. Envoys in Lima and Tokyo condemned it.",
        {"ambushed": "ASSAULT"},
    )
    assert [country for country, _, _ in _borrowed(doc, 0)] == ["AFG"]
