"""Turn the words of one date expression into a date range, anchored on the publication date.

Relative expressions ("on Tuesday", "last week", "overnight", "in March", "since March") are
resolved by the rules below, because dateparser answers them in ways that do not fit news: it
keeps the anchor's clock time, turns "last week" into a single day, and reads "Tuesday" in a
report published on a Tuesday as the week before. Explicit calendar dates ("Feb. 24",
"24 February 2022", "24/02/2022") go to dateparser, with the preferred direction chosen by the
event's tense. Anything else (durations such as "three days", ages, "recently") resolves to
None: a date is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

from whimbrel.time.ranges import (
    DateRange,
    month_of,
    shift_months,
    week_of,
    weekday_after,
    weekday_before,
    weekday_on_or_after,
    weekday_on_or_before,
    year_of,
)

Tense = Literal["past", "present", "future"]

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs")]
        + [("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}
MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun")]
        + [("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct")]
        + [("november", "nov"), ("december", "dec")]
    )
    for name in names
}
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
} | {"a": 1, "an": 1}

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_COUNT = r"\d{1,2}|" + "|".join(NUMBER_WORDS)
_UNIT = r"(day|week|month|year)s?"

Rule = Callable[[re.Match[str], date | None, Tense], DateRange | None]


def resolve_date_text(text: str, published: date | None, tense: Tense) -> DateRange | None:
    """The dates ``text`` stands for, reading it from ``published`` in the given tense; None if unclear.

    Without a publication date only expressions that carry their own year resolve.
    """
    phrase = _normalise(text)
    resolved = _resolve_phrase(phrase, published, tense)
    if resolved is None or published is None or tense == "future" or resolved.start <= published:
        return resolved
    if resolved.precision == "day" and _YEAR.search(phrase):
        # A full date with its own year is the text's word against the publication date's.
        return resolved
    # Otherwise a past or present event dated after its own report is a misreading (a target
    # year, a deadline): take the past reading of the words, or nothing.
    past = _resolve_phrase(phrase, published, "past") if tense != "past" else None
    return past if past is not None and past.start <= published else None


_ANAPHORIC = re.compile(
    rf"(?:on )?(?:(?P<same>that|the same) day|the (?P<next>next|following) day|the (?P<prev>previous|preceding) day"
    rf"|the day before|(?P<count>{_COUNT}) days? (?P<dir>later|earlier))"
)


def days_from_previous(text: str) -> int | None:
    """Days from the previously reported date for "the next day", "two days later", "that day"; else None."""
    match = _ANAPHORIC.fullmatch(_normalise(text))
    if match is None:
        return None
    if match["same"]:
        return 0
    if match["next"]:
        return 1
    if match["count"]:
        return _count(match["count"]) * (1 if match["dir"] == "later" else -1)
    return -1


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2013", "-").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,;:()\"'")


def _resolve_phrase(phrase: str, published: date | None, tense: Tense) -> DateRange | None:
    for pattern, rule in _RULES:
        match = pattern.fullmatch(phrase)
        if match:
            return rule(match, published, tense)
    stripped = _QUALIFIER.sub("", phrase, count=1).strip()
    if stripped and stripped != phrase:
        return _resolve_phrase(stripped, published, tense)
    return None


# One qualifier that does not move the date: a preposition or hedge in front ("on", "on or
# about", "as reported on"), a part of the day ("late on", "Monday night", "the early hours of").
_QUALIFIER = re.compile(
    r"^(?:on or (?:about|around)|as reported on|reported on|it was reported on|as of|on|in|at|during|around|about"
    r"|circa|throughout|over|overnight|the|early|late|mid-|mid)\b\s*"
    r"|^(?:the )?(?:early )?(?:hours|morning|afternoon|evening|night) of\s+"
    r"|\s+(?:morning|afternoon|evening|night|night-time|nighttime)$"
)


def _published_day(offset: int) -> Rule:
    def rule(_m: re.Match[str], published: date | None, _tense: Tense) -> DateRange | None:
        return DateRange.day(published + timedelta(days=offset)) if published else None

    return rule


def _weekday(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    if published is None:
        return None
    qualifier, weekday = m.group(1), WEEKDAYS[m.group(2)]
    if qualifier == "last":
        return DateRange.day(weekday_before(published, weekday))
    if qualifier in ("next", "coming"):
        return DateRange.day(weekday_after(published, weekday))
    if tense == "future":
        # "will meet on Friday": the next one; "this Friday" may still be today.
        pick = weekday_on_or_after if qualifier == "this" else weekday_after
        return DateRange.day(pick(published, weekday))
    # A report says "on Tuesday" of its own publication day too.
    return DateRange.day(weekday_on_or_before(published, weekday))


def _period(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    if published is None:
        return None
    part, which, unit = m.group(1), m.group(2), m.group(3)
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "weekend":
        return _weekend(published, step, tense)
    whole = _period_around(published, unit, step)
    if part == "earlier":
        return DateRange(whole.start, published if published > whole.start else None, whole.precision)
    if part == "later":
        return DateRange(published, whole.end, whole.precision)
    return whole if tense == "future" else whole.capped_at(published)


def _period_around(anchor: date, unit: str, step: int) -> DateRange:
    """The calendar week, month or year ``step`` periods away from the one holding ``anchor``."""
    if unit == "week":
        return week_of(anchor + timedelta(weeks=step))
    if unit == "month":
        return month_of(*shift_months(anchor.year, anchor.month, step))
    return year_of(anchor.year + step)


def _weekend(published: date, step: int, tense: Tense) -> DateRange:
    saturday = weekday_on_or_before(published, 5)
    if step > 0 or (step == 0 and tense == "future"):
        saturday = weekday_after(published, 5) if step > 0 else weekday_on_or_after(published, 5)
    elif step < 0 and published.weekday() >= 5:
        # "last weekend" said during a weekend is the one before it.
        saturday -= timedelta(weeks=1)
    return DateRange(saturday, saturday + timedelta(days=1), "week")


def _the_weekend(_m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    return _weekend(published, 0, tense) if published else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _ago(m: re.Match[str], published: date | None, _tense: Tense) -> DateRange | None:
    if published is None:
        return None
    count, unit = _count(m.group(1)), m.group(2)
    if unit == "day":
        return DateRange.day(published - timedelta(days=count))
    if unit == "week":
        return week_of(published - timedelta(weeks=count))
    if unit == "month":
        return month_of(*shift_months(published.year, published.month, -count))
    return year_of(published.year - count)


def _offset_from(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    """ "a day after <date>": only when the anchor is itself a resolvable date."""
    anchor = _resolve_phrase(m.group(4), published, tense)
    if anchor is None:
        return None
    count = 1 if m.group(1) is None else _count(m.group(1))
    days = count * (7 if m.group(2) == "week" else 1)
    shift = timedelta(days=days if m.group(3) in ("after", "later than") else -days)
    end = anchor.end + shift if anchor.end else None
    return DateRange(anchor.start + shift, end, anchor.precision)


def _since(m: re.Match[str], published: date | None, _tense: Tense) -> DateRange | None:
    start = _resolve_phrase(m.group(1), published, "past")
    if start is None or published is None or start.start > published:
        return None
    return DateRange(start.start, published if published > start.start else None, start.precision)


def _month(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    month, year_text = MONTHS[m.group(1)], m.group(2)
    if year_text:
        return month_of(int(year_text), month)
    if published is None:
        return None
    year = published.year
    if tense == "future" and month < published.month:
        year += 1
    elif tense != "future" and month > published.month:
        year -= 1
    whole = month_of(year, month)
    return whole if tense == "future" else whole.capped_at(published)


def _day_span(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    """ "1-3 May", "between 1 and 3 May 2020": both ends read as dates of the one month they share."""
    first = _resolve_phrase(f"{m['first']} {m['month']}", published, tense)
    last = _resolve_phrase(f"{m['last']} {m['month']}", published, tense)
    if first is None or last is None or last.start < first.start:
        return None
    return DateRange(first.start, last.start if last.start > first.start else None, "day")


def _year(m: re.Match[str], _published: date | None, _tense: Tense) -> DateRange | None:
    year = int(m.group(1))
    return year_of(year) if 1800 <= year <= 2100 else None


_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")
_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_CALENDAR_PRECISION = {"day": DateRange.day, "time": DateRange.day}


def _explicit(m: re.Match[str], published: date | None, tense: Tense) -> DateRange | None:
    """A calendar date with a day number: dateparser reads it; the tense picks the missing year."""
    phrase = m.group(0)
    if published is None and not _YEAR.search(phrase):
        return None
    data = _parser(published, "future" if tense == "future" else "past").get_date_data(phrase)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "month":
        return month_of(day.year, day.month)
    if data.period == "year":
        return year_of(day.year)
    return DateRange.day(day)


@lru_cache(maxsize=256)
def _parser(published: date | None, prefer: str) -> DateDataParser:
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


_RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(r"(?:earlier |later )?today|this (?:morning|afternoon|evening)|tonight|now"), _published_day(0)),
    (
        re.compile(r"yesterday(?: (?:morning|afternoon|evening|night))?|(?:late |early )?overnight|last night"),
        _published_day(-1),
    ),
    (re.compile(r"(?:the )?day before yesterday"), _published_day(-2)),
    (re.compile(r"tomorrow(?: (?:morning|afternoon|evening|night))?"), _published_day(1)),
    (re.compile(rf"(?:(last|this|next|coming) )?({_WEEKDAY})\.?"), _weekday),
    (re.compile(r"(?:(earlier|later) )?(last|previous|this|next|coming|current) (week|weekend|month|year)"), _period),
    (re.compile(r"(?:the |this )?weekend"), _the_weekend),
    (re.compile(rf"({_COUNT}) {_UNIT} ago"), _ago),
    (re.compile(rf"(?:the |({_COUNT}) )?{_UNIT} (after|before|later than|earlier than) (.+)"), _offset_from),
    (re.compile(r"(?:ever )?since (.+)"), _since),
    (re.compile(rf"({_MONTH})\.?,? ?(\d{{4}})?"), _month),
    (re.compile(r"(\d{4})"), _year),
    (
        re.compile(
            r"(?:from |between )?(?P<first>\d{1,2})(?:st|nd|rd|th)? ?(?:-|to|and|until) ?(?P<last>\d{1,2})(?:st|nd|rd|th)?"
            rf" (?P<month>(?:{_MONTH})\.?,?(?: \d{{4}})?)"
        ),
        _day_span,
    ),
    (
        re.compile(rf"(?:(?:{_WEEKDAY}),? )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_MONTH})\.?,?(?: \d{{4}})?"),
        _explicit,
    ),
    (re.compile(rf"(?:(?:{_WEEKDAY}),? )?(?:{_MONTH})\.? \d{{1,2}}(?:st|nd|rd|th)?,?(?: \d{{4}})?"), _explicit),
    (_NUMERIC_DATE, _explicit),
]
