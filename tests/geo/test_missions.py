"""International missions named in a report say which country it is set in."""

from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.geo.missions import mission_mentions
from whimbrel.geo.recognize import PlaceRecognizer
from whimbrel.geo.roles import PlaceRoles
from whimbrel.nlp.extensions import EventMention


def _coded(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles, text: str, word: str) -> Doc:
    """Parse, find places, add one asserted ASSAULT event on ``word``, run roles."""
    doc = recognizer(nlp(text))
    tok = next(t for t in doc if t.text == word)
    doc._.event_mentions = [EventMention(trigger=tok, sent=tok.sent, pattern_id="test", cameo="190", plover="ASSAULT")]
    return roles(doc)


def _countries(doc: Doc) -> list[str | None]:
    return [p.country for p in doc._.event_mentions[0].places if p.role == "event"]


def test_mission_names_are_whole_words_and_longest_first() -> None:
    assert mission_mentions("The OSCE SMM saw it; UNIFIL patrolled.") == [(4, 12, "UKR"), (21, 27, "LBN")]
    assert mission_mentions("the smm and UNIFILX are no missions") == []


def test_a_mission_places_a_report_that_names_no_known_place(
    nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles
) -> None:
    doc = _coded(nlp, recognizer, roles, "The OSCE SMM recorded 12 explosions near Zvorkivka.", "explosions")
    assert _countries(doc) == ["UKR"]
    assert doc._.event_mentions[0].extra.get("place_from_mission")


def test_missions_of_two_countries_place_nothing(nlp: Language, recognizer: PlaceRecognizer, roles: PlaceRoles) -> None:
    doc = _coded(nlp, recognizer, roles, "UNIFIL and MINUSMA officers recorded explosions.", "explosions")
    assert _countries(doc) == []
