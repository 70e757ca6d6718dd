"""resolve_date_text: the words of one date expression -> a date range, without spaCy."""

from __future__ import annotations

from datetime import date

import pytest

from whimbrel.time.resolve import Tense, days_from_previous, resolve_date_text

TUE = date(2016, 8, 16)  # a Tuesday
SUN_NEW_YEAR = date(2016, 1, 3)  # a Sunday, three days into the year
MAR_2022 = date(2022, 3, 1)

# (words, published, tense, expected start, expected end, precision); start None = unresolved
CASES: list[tuple[str, date | None, Tense, str | None, str | None, str | None]] = [
    # explicit dates, with and without a year
    ("Feb. 24", MAR_2022, "past", "2022-02-24", None, "day"),
    ("24 February", MAR_2022, "past", "2022-02-24", None, "day"),
    ("the 24th of February", MAR_2022, "past", "2022-02-24", None, "day"),
    ("24/02/2022", MAR_2022, "past", "2022-02-24", None, "day"),
    ("February 24, 2022", MAR_2022, "past", "2022-02-24", None, "day"),
    ("Thursday, 24 February", MAR_2022, "past", "2022-02-24", None, "day"),
    ("March 2014", TUE, "past", "2014-03-01", "2014-03-31", "month"),
    ("2015", TUE, "past", "2015-01-01", "2015-12-31", "year"),
    # across the year boundary: the year that puts the date on the right side of publication
    ("on Dec. 30", SUN_NEW_YEAR, "past", "2015-12-30", None, "day"),
    ("Dec. 30", SUN_NEW_YEAR, "future", "2016-12-30", None, "day"),
    ("Jan. 5", SUN_NEW_YEAR, "future", "2016-01-05", None, "day"),
    ("Jan. 5", SUN_NEW_YEAR, "past", "2015-01-05", None, "day"),
    # abbreviated months without a full stop
    ("12 Aug 2016", TUE, "past", "2016-08-12", None, "day"),
    ("Aug 12", TUE, "past", "2016-08-12", None, "day"),
    # a span of days in one month, with or without "from"/"between"; nights across two days
    ("9-11 August", TUE, "past", "2016-08-09", "2016-08-11", "day"),
    ("from 9 to 11 August 2016", TUE, "past", "2016-08-09", "2016-08-11", "day"),
    ("between 9 and 11 Aug", TUE, "past", "2016-08-09", "2016-08-11", "day"),
    ("overnight 14-15 August", TUE, "past", "2016-08-14", "2016-08-15", "day"),
    ("the night of 14-15 August", TUE, "past", "2016-08-14", "2016-08-15", "day"),
    ("11-9 August", TUE, "past", None, None, None),
    # hedges in front of a date do not move it
    ("as of 12 August", TUE, "past", "2016-08-12", None, "day"),
    ("on or around 12 August", TUE, "past", "2016-08-12", None, "day"),
    # weekdays
    ("Tuesday", TUE, "past", "2016-08-16", None, "day"),
    ("on Monday", TUE, "past", "2016-08-15", None, "day"),
    ("Friday", TUE, "past", "2016-08-12", None, "day"),
    ("Friday", TUE, "future", "2016-08-19", None, "day"),
    ("Tuesday", TUE, "future", "2016-08-23", None, "day"),
    ("Monday", TUE, "present", "2016-08-15", None, "day"),
    ("last Tuesday", TUE, "past", "2016-08-09", None, "day"),
    ("next Monday", TUE, "future", "2016-08-22", None, "day"),
    ("Monday night", TUE, "past", "2016-08-15", None, "day"),
    ("late on Sunday", TUE, "past", "2016-08-14", None, "day"),
    ("the early hours of Sunday", TUE, "past", "2016-08-14", None, "day"),
    ("Tuesday's", TUE, "past", "2016-08-16", None, "day"),
    # days relative to publication
    ("yesterday", TUE, "past", "2016-08-15", None, "day"),
    ("overnight", TUE, "past", "2016-08-15", None, "day"),
    ("last night", TUE, "past", "2016-08-15", None, "day"),
    ("today", TUE, "past", "2016-08-16", None, "day"),
    ("this morning", TUE, "past", "2016-08-16", None, "day"),
    ("tomorrow", TUE, "future", "2016-08-17", None, "day"),
    ("two days ago", TUE, "past", "2016-08-14", None, "day"),
    ("a day after Monday", TUE, "past", "2016-08-16", None, "day"),
    # weeks, months, years
    ("last week", TUE, "past", "2016-08-08", "2016-08-14", "week"),
    ("last week", SUN_NEW_YEAR, "past", "2015-12-21", "2015-12-27", "week"),
    ("this week", TUE, "past", "2016-08-15", "2016-08-16", "week"),
    ("next week", TUE, "future", "2016-08-22", "2016-08-28", "week"),
    ("the weekend", TUE, "past", "2016-08-13", "2016-08-14", "week"),
    ("last month", TUE, "past", "2016-07-01", "2016-07-31", "month"),
    ("last month", SUN_NEW_YEAR, "past", "2015-12-01", "2015-12-31", "month"),
    ("earlier this month", TUE, "past", "2016-08-01", "2016-08-16", "month"),
    ("last year", TUE, "past", "2015-01-01", "2015-12-31", "year"),
    ("in March", TUE, "past", "2016-03-01", "2016-03-31", "month"),
    ("early March", TUE, "past", "2016-03-01", "2016-03-31", "month"),
    ("in October", TUE, "past", "2015-10-01", "2015-10-31", "month"),
    ("in October", TUE, "future", "2016-10-01", "2016-10-31", "month"),
    ("since March", TUE, "past", "2016-03-01", "2016-08-16", "month"),
    ("since Monday", TUE, "past", "2016-08-15", "2016-08-16", "day"),
    # not dates, or not resolvable: nothing is invented
    ("for three days", TUE, "past", None, None, None),
    ("three days", TUE, "past", None, None, None),
    ("56-year-old", TUE, "past", None, None, None),
    ("recently", TUE, "past", None, None, None),
    ("the 1990s", TUE, "past", None, None, None),
    ("2020", TUE, "past", None, None, None),  # a past event cannot fall after its report
    # no publication date: only dates that carry their own year
    ("9 May 2020", None, "past", "2020-05-09", None, "day"),
    ("May 9, 2020", None, "past", "2020-05-09", None, "day"),
    ("2022-02-24", None, "past", "2022-02-24", None, "day"),
    ("Feb. 24", None, "past", None, None, None),
    ("Tuesday", None, "past", None, None, None),
    ("last week", None, "past", None, None, None),
    ("yesterday", None, "past", None, None, None),
]


@pytest.mark.parametrize(("words", "published", "tense", "start", "end", "precision"), CASES)
def test_resolve_date_text(
    words: str, published: date | None, tense: Tense, start: str | None, end: str | None, precision: str | None
) -> None:
    resolved = resolve_date_text(words, published, tense)
    got = (
        (resolved.start.isoformat(), resolved.end.isoformat() if resolved.end else None, resolved.precision)
        if resolved
        else (None, None, None)
    )
    assert got == (start, end, precision)


def test_full_date_after_publication_is_kept_for_a_past_event() -> None:
    # the text's own year outranks a publication date that may be wrong
    resolved = resolve_date_text("9 May 2020", TUE, "past")
    assert resolved is not None and resolved.start == date(2020, 5, 9)


@pytest.mark.parametrize(
    ("words", "days"),
    [("the next day", 1), ("The following day", 1), ("that day", 0), ("two days later", 2), ("the day before", -1)]
    + [("the next week", None), ("three days", None)],
)
def test_days_from_previous(words: str, days: int | None) -> None:
    assert days_from_previous(words) == days
