"""EventDater on real parses: which date each event gets, and where it came from."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.model import Article
from whimbrel.nlp.extensions import EventMention, event_mentions_of, sentence_info
from whimbrel.time.dates import EventDater

TUE = date(2016, 8, 16)  # a Tuesday


@pytest.fixture(scope="module")
def dater(nlp: Language) -> EventDater:
    return EventDater(nlp, "whimbrel_dates")


def dated(nlp: Language, dater: EventDater, text: str, published: date | None, triggers: list[str]) -> Doc:
    """Parse ``text``, add one event per trigger word (first occurrence after the previous one), date them."""
    doc = nlp(text)
    doc._.article = Article(id="t", text=text, published=published)
    mentions, after = [], -1
    for word in triggers:
        token = next(t for t in doc if t.text == word and t.i > after)
        after = token.i
        mentions.append(EventMention(trigger=token, sent=token.sent, pattern_id="t", cameo="190", plover="ASSAULT"))
    doc._.event_mentions = mentions
    return dater(doc)


def fields(mention: EventMention) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    return mention.date, mention.date_end, mention.date_precision, mention.date_text, mention.extra["date_source"]


# (text, published, trigger, expected (date, date_end, precision, date_text, date_source))
SENTENCES = [
    ("Rebels attacked the town on Tuesday.", TUE, "attacked", ("2016-08-16", None, "day", "Tuesday", "sentence")),
    ("The ministers will meet on Friday.", TUE, "meet", ("2016-08-19", None, "day", "Friday", "sentence")),
    ("Gunmen attacked a convoy late on Monday.", TUE, "attacked", ("2016-08-15", None, "day", "late on Monday", "sentence")),
    ("Militants shelled the city overnight.", TUE, "shelled", ("2016-08-15", None, "day", "overnight", "sentence")),
    ("Putin met Rouhani last week.", TUE, "met", ("2016-08-08", "2016-08-14", "week", "last week", "sentence")),
    ("Troops shelled the village earlier this month.", TUE, "shelled",
     ("2016-08-01", "2016-08-16", "month", "earlier this month", "sentence")),
    ("On 9 May 2020, troops attacked the town.", None, "attacked", ("2020-05-09", None, "day", "9 May 2020", "sentence")),
    ("Troops attacked the town on Monday.", None, "attacked", (None, None, None, None, None)),
    ("Troops arrested ten men.", TUE, "arrested", ("2016-08-16", None, "day", None, "published")),
    ("Fighting lasted for three days.", TUE, "Fighting", ("2016-08-16", None, "day", None, "published")),
    # "12 Aug" and "2016" can come out of spaCy as two dates: the abbreviated month is read whole
    ("On 12 Aug 2016, army units shelled rebel positions near Homs.", TUE, "shelled",
     ("2016-08-12", None, "day", "12 Aug 2016", "sentence")),
    # a bracketed date after another restates it
    ("Around 9 August 2016 (from 9 - 12 August), farmers blocked roads in Kano.", TUE, "blocked",
     ("2016-08-09", None, "day", "Around 9 August 2016", "sentence")),
    ("Between 9 and 11 August, farmers blocked roads in Kano.", TUE, "blocked",
     ("2016-08-09", "2016-08-11", "day", "Between 9 and 11 August", "sentence")),
    # a date that names a place is no date: "the 7 July neighbourhood"
    ("On 12 August 2016, gunmen fired rockets at the 7 July neighbourhood of the city.", TUE, "fired",
     ("2016-08-12", None, "day", "12 August 2016", "sentence")),
    ("On 12 August 2016, police fired shots at 14 July and University areas of the capital.", TUE, "fired",
     ("2016-08-12", None, "day", "12 August 2016", "sentence")),
    # the end of a period ("a ban until 20 August") does not date the event
    ("The governor banned all rallies for another week, until 20 August.", TUE, "banned",
     ("2016-08-16", None, "day", None, "published")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "trigger", "expected"), SENTENCES)
def test_sentence_dates(
    nlp: Language, dater: EventDater, text: str, published: date | None, trigger: str, expected: tuple
) -> None:
    doc = dated(nlp, dater, text, published, [trigger])
    assert fields(event_mentions_of(doc)[0]) == expected


def test_the_date_attached_to_the_trigger_wins(nlp: Language, dater: EventDater) -> None:
    doc = dated(
        nlp, dater, "Police said on Monday that troops had shelled the village on Sunday.", TUE, ["said", "shelled"]
    )
    said, shelled = event_mentions_of(doc)
    assert (said.date, said.date_text) == ("2016-08-15", "Monday")
    assert (shelled.date, shelled.date_text) == ("2016-08-14", "Sunday")


def test_a_day_after_dates_the_clause_from_the_main_clause(nlp: Language, dater: EventDater) -> None:
    doc = dated(nlp, dater, "Tuesday's announcement came a day after the army shelled the town.", TUE, ["shelled"])
    assert event_mentions_of(doc)[0].date == "2016-08-15"


def test_event_without_date_inherits_from_the_previous_event(nlp: Language, dater: EventDater) -> None:
    doc = dated(
        nlp, dater, "Troops shelled the town on Sunday. They also arrested ten men.", TUE, ["shelled", "arrested"]
    )
    arrested = event_mentions_of(doc)[1]
    assert fields(arrested) == ("2016-08-14", None, "day", None, "context")


def test_background_sentence_without_date_gets_none(nlp: Language, dater: EventDater) -> None:
    text = "Troops shelled the town on Sunday. Russia supports the regime with airstrikes."
    doc = nlp(text)
    doc._.article = Article(id="t", text=text, published=TUE)
    background = list(doc.sents)[1]
    sentence_info(doc, background).kind = "background"
    shelled = next(t for t in doc if t.text == "shelled")
    supports = next(t for t in doc if t.text == "supports")
    doc._.event_mentions = [
        EventMention(trigger=t, sent=t.sent, pattern_id="t", cameo="190", plover="ASSAULT") for t in (shelled, supports)
    ]
    dater(doc)
    assert fields(event_mentions_of(doc)[1]) == (None, None, None, None, None)


def test_plain_doc_without_article_dates_nothing_relative(nlp: Language, dater: EventDater) -> None:
    doc = nlp("Rebels attacked the town on Tuesday.")
    doc._.event_mentions = [
        EventMention(trigger=doc[1], sent=doc[1].sent, pattern_id="t", cameo="190", plover="ASSAULT")
    ]
    dater(doc)
    assert event_mentions_of(doc)[0].date is None


def test_doc_without_events_is_left_alone(nlp: Language, dater: EventDater) -> None:
    doc = dater(nlp("Nothing happened."))
    assert event_mentions_of(doc) == []


def test_the_next_day_counts_from_the_previous_date(nlp: Language, dater: EventDater) -> None:
    text = "Troops shelled the town on Sunday. The next day, they arrested ten men."
    doc = dated(nlp, dater, text, TUE, ["shelled", "arrested"])
    assert fields(event_mentions_of(doc)[1]) == ("2016-08-15", None, "day", "The next day", "sentence")


def test_a_future_date_is_not_inherited(nlp: Language, dater: EventDater) -> None:
    text = "The ministers will meet next week. Troops arrested ten men."
    doc = dated(nlp, dater, text, TUE, ["meet", "arrested"])
    meet, arrested = event_mentions_of(doc)
    assert (meet.date, meet.date_precision) == ("2016-08-22", "week")
    assert fields(arrested) == ("2016-08-16", None, "day", None, "published")


def test_a_date_given_by_a_sentence_without_an_event_dates_the_events_after_it() -> None:
    import whimbrel

    text = "Update from Kaduna state on 3 May 2020. Gunmen killed two villagers near the market."
    (kill,) = [e for e in whimbrel.extract(text, published="2020-05-10") if e.trigger.text == "killed"]
    assert (kill.date, kill.date_precision, kill.date_text) == ("2020-05-03", "day", None)


def test_a_date_in_a_clause_inside_the_event_does_not_date_it(nlp: Language, dater: EventDater) -> None:
    text = "On 12 August 2016, crowds marched in Lagos. They protested against the plan to hold elections in March."
    doc = dated(nlp, dater, text, TUE, ["marched", "protested"])
    protested = event_mentions_of(doc)[1]
    assert fields(protested) == ("2016-08-12", None, "day", None, "context")


def test_the_nearest_governing_clause_dates_a_participle(nlp: Language, dater: EventDater) -> None:
    text = "On 8 August 2016, a body was found near the river, killed by gunmen, the body was found on 15 August."
    doc = dated(nlp, dater, text, TUE, ["killed"])
    assert event_mentions_of(doc)[0].date == "2016-08-08"


def test_a_pluperfect_flashback_does_not_date_what_follows(nlp: Language, dater: EventDater) -> None:
    text = "On 12 August 2016, police seized drugs in Lagos. On 10 August 2016, more drugs had been found. Two men were arrested."
    doc = dated(nlp, dater, text, TUE, ["seized", "found", "arrested"])
    seized, found, arrested = event_mentions_of(doc)
    assert found.date == "2016-08-10"
    assert fields(arrested) == ("2016-08-12", None, "day", None, "context")
    # the same when the flashback sentence holds no event of its own
    doc = dated(nlp, dater, text, TUE, ["seized", "arrested"])
    assert fields(event_mentions_of(doc)[1]) == ("2016-08-12", None, "day", None, "context")


def test_the_main_clause_date_dates_what_follows(nlp: Language, dater: EventDater) -> None:
    text = (
        "On 12 August 2016, a crowd gathered in Minsk. A reporter was also arrested on the same day, accused of covering "
        "a protest in March 2015. Ten people were detained."
    )
    doc = dated(nlp, dater, text, TUE, ["gathered", "arrested", "protest", "detained"])
    arrested, protest, detained = event_mentions_of(doc)[1:]
    assert (arrested.date, protest.date) == ("2016-08-12", "2015-03-01")
    assert fields(detained) == ("2016-08-12", None, "day", None, "context")


def test_a_pluperfect_aside_keeps_the_main_date_for_what_follows(nlp: Language, dater: EventDater) -> None:
    text = "On 12 August 2016, farmers confronted police after they had seized a mill. Police fired shots."
    doc = dated(nlp, dater, text, TUE, ["seized", "fired"])
    assert fields(event_mentions_of(doc)[1]) == ("2016-08-12", None, "day", None, "context")


def test_a_clause_saying_when_an_event_noun_took_place_dates_it(nlp: Language, dater: EventDater) -> None:
    text = "On 12 August 2016, crowds rallied against the attack on police that took place on 9 August."
    doc = dated(nlp, dater, text, TUE, ["rallied", "attack"])
    rallied, attack = event_mentions_of(doc)
    assert (rallied.date, attack.date) == ("2016-08-12", "2016-08-09")
