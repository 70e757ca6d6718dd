"""International missions that work in one country (``data/country_missions.yaml``).

A monitoring or peacekeeping mission's report ("the OSCE SMM observed 12 explosions near X")
often names only villages the gazetteer lacks; the mission still says which country it is in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from whimbrel.data_files import load_models

COUNTRY_MISSIONS = Path(__file__).parent / "data" / "country_missions.yaml"


class CountryMission(BaseModel):
    name: str
    country: str = Field(pattern=r"^[A-Z]{3}$")  # ISO 3166-1 alpha-3
    names: list[str] = []


@lru_cache(maxsize=1)
def _mission_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One whole-word, case-sensitive pattern over every mission name, and name -> country."""
    country_of = {
        name: mission.country
        for mission in load_models(COUNTRY_MISSIONS, CountryMission, id_field="name")
        for name in (mission.name, *mission.names)
    }
    # longest first: "OSCE SMM" before "SMM"
    names = sorted(country_of, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)"), country_of


def mission_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of every mission name in ``text``, in order."""
    pattern, country_of = _mission_pattern()
    return [(m.start(), m.end(), country_of[m.group()]) for m in pattern.finditer(text)]
