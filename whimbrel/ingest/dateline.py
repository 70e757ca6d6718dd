"""Datelines at the start of a wire story: "BEIRUT, Aug 16 (Reuters) -", "WASHINGTON (AP) —"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}"
# A dateline place is written in capitals ("BEIRUT", "NEW YORK", "GAZA CITY, Gaza Strip").
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
_DATELINE = re.compile(
    rf"""^\s*
    (?:(?P<place>{_PLACE})\s*,?\s*)?
    (?:(?P<date>{_DATE})\s*)?
    (?:\((?P<outlet>[A-Za-z][\w .&'-]{{0,40}})\)\s*)?
    (?:[-–—:]+|\s-\s)\s*""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    outlet: str | None
    date_text: str | None
    date: date | None
    end: int  # offset just past the dateline in the text it was found in

    def as_metadata(self) -> dict[str, str | None]:
        return {"place": self.place, "outlet": self.outlet, "date_text": self.date_text}


def _parse_date(text: str) -> date | None:
    """A dateline date with its year; a date without one cannot be placed in time."""
    parsed = dateparser.parse(
        text, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, if any. Needs at least a date or a wire outlet."""
    m = _DATELINE.match(paragraph)
    if m is None or not (m.group("date") or m.group("outlet")):
        return None
    date_text = m.group("date")
    return Dateline(
        place=m.group("place"),
        outlet=m.group("outlet").strip() if m.group("outlet") else None,
        date_text=date_text,
        date=_parse_date(date_text) if date_text else None,
        end=m.end(),
    )
