"""Choosing one gazetteer entry per toponym, using what the whole article says.

Each candidate gets a score from:

* its size: log10 of population (a city of 2 million beats a village of 2,000 by 3 points);
* its name: a place whose own name is the one written gets a lift over places that only list it
  among their variant spellings;
* its kind: a country name means the country; capitals and chief towns get a small lift; a
  first-level division only wins over a same-named town when the text calls it one
  ("Idlib province") -- news says "Aleppo" for the city far more often than for the governorate;
* the article's geography: countries named or implied by demonyms ("Syrian") and divisions named
  ("Texas") lift candidates inside them (a country only those of the other names: a name's own
  first sense does not lift itself); a division whose country's other divisions are named
  wins over a same-named country ("Georgia" beside "Florida" and "Alabama");
* regions, seas and continents have no population: they get a fixed lift instead;
* an explicit parent right after the name ("Paris, Texas", "Aleppo, Syria") lifts candidates in
  that parent strongly;
* the other names of the article: each other name spreads one vote evenly over the divisions
  (and countries) its candidates lie in, so a name found in one state only gives that state a
  whole vote and "Springfield" gives each state a sliver; a candidate gains with the votes its
  division and country get ("Walker County" and "Huntsville" in one story meet in Texas); when
  the other names lie mostly in one country, its candidates gain much more (a local story's
  "Lebanon" is the local town), and a division that a name found only inside it points to wins
  over a same-named country ("Georgia" beside "Barrow County");
* a country's own word for its local divisions inside a name ("Barangay Tagapo", "Rafi LGA";
  ``data/country_cue_words.yaml``) says the article is about that country, as strongly as other
  names lying mostly there: "Santa Rosa" beside "Barangay Tagapo" is the Philippine one;
* one sense per document: every mention of the same name gets the same entry, chosen with the
  cues of all of them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from pydantic import BaseModel
from rapidfuzz import fuzz

from whimbrel.data_files import load_models
from whimbrel.geo.gazetteer import DATA_DIR, GazEntry, Gazetteer
from whimbrel.geo.normalize import name_key, without_leading_article

# Words that, right after a name, say it is a division and not the town.
ADMIN_CUES = frozenset(
    {
        "province",
        "governorate",
        "state",
        "region",
        "county",
        "district",
        "oblast",
        "prefecture",
        "department",
        "provinces",
        "governorates",
    }
)
COUNTRY_BONUS = 4.0
CAPITAL_BONUS = 1.5
CHIEF_TOWN_BONUS = 1.0
DIVISION_WITHOUT_CUE = -3.0
DIVISION_WITH_CUE = 4.0
IN_ARTICLE_COUNTRY = 2.5
IN_ARTICLE_DIVISION = 3.0
EXPLICIT_PARENT = 6.0
# A region's name ("Middle East", "Pacific") stands for the region far more often than for a town
# that shares it: as strong as a country name on top of the size of a mid-sized town.
REGION_SCORE = 8.0
# A place called by its own name (or a spelling close to it) beats one that merely lists the
# name among its variants ("Cancun" is Cancún, not Changchun, one of whose romanisations it is;
# "Odessa" is still Odesa).
OWN_NAME_BONUS = 1.0
# How alike (rapidfuzz ratio of the name keys) a name must be to a place's own name to be called
# so: "Idleb" and "Idlib" (80), "Odessa" and "Odesa" (91) are one name, "Hamas" and "Hamm" (67) not.
VARIANT_SIMILARITY = 75.0
# The stricter likeness for OWN_NAME_BONUS: "Cancun" is as close to "Changchun" (80) as "Idleb"
# to "Idlib", but only a spelling this close ("Odessa", "Odesa": 91) is the place's own name.
OWN_NAME_SIMILARITY = 85.0
# When the article's other names lie mostly in one country (at least DOMINANT_MIN_VOTES of their
# votes, and DOMINANT_SHARE of them), a candidate in that country gains DOMINANT_COUNTRY: a local
# story's "Lebanon", "Athens" or "Paris" is the local town, whatever the size of the famous one.
DOMINANT_COUNTRY = 5.0
DOMINANT_MIN_VOTES = 2.0
DOMINANT_SHARE = 0.75
# Per vote of the article's other names for a candidate's division / country, up to VOTE_CAP votes.
DIVISION_VOTE = 1.0
COUNTRY_VOTE = 0.5
VOTE_CAP = 2.0
# Spatial coherence: a town or county gains COHERENCE_BONUS for each other name of the article that
# could be a town or county within NEAR_KM of it, up to COHERENCE_CAP names. Local news names
# neighbours: "Paris" beside "Henry County" and "Puryear" is the Tennessee Paris, since only there
# do all three lie together, whatever the size of the famous namesakes.
NEAR_KM = 60.0
COHERENCE_BONUS = 3.0
COHERENCE_CAP = 3.0
# How fast a nearby candidate's support fades with how far its score falls below its name's best.
AFFORDABILITY_SCALE = 1.0
# Only points take part (countries and divisions are matched by containment instead), and only
# the candidates called by the name written (a variant spelling's town would make noise).
POINT_FEATURES = frozenset({"PPL", "PPLA", "PPLC", "ADM2"})
EARTH_RADIUS_KM = 6371.0
COUNTRY_CUE_WORDS = DATA_DIR / "country_cue_words.yaml"


class CountryCueWord(BaseModel):
    word: str  # lower case, as a word of a name key
    country: str  # ISO 3166-1 alpha-3


@lru_cache(maxsize=1)
def country_cue_words() -> dict[str, str]:
    """Word of a name key -> the one country that calls its divisions so (see module doc)."""
    return {c.word: c.country for c in load_models(COUNTRY_CUE_WORDS, CountryCueWord, id_field="word")}


def cue_countries(texts: list[str]) -> set[str]:
    """The countries whose own division words appear in the names written."""
    cues = country_cue_words()
    return {cues[w] for text in texts for w in name_key(text).split() if w in cues}


@dataclass(slots=True)
class ToponymQuery:
    """One toponym to resolve, with the local cues found beside it."""

    text: str
    candidates: list[GazEntry]
    admin_cue: bool = False  # followed by "province", "governorate", ...
    parents: list[GazEntry] = field(default_factory=list)  # "X, <parent>": the parent's entries
    fixed: GazEntry | None = None  # already known (a demonym's country)
    town_cue: bool = False  # the text says it is a town: a dateline ("NEW YORK (AP) --")


Division = tuple[str, str]  # (ISO3, GeoNames admin1 code)


@dataclass(slots=True)
class NameVotes:
    """How one name's vote spreads over divisions and countries (shares sum to 1 each)."""

    divisions: dict[Division, float] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class ArticleGeography:
    """Countries and divisions the article names: (ISO3) and (ISO3, admin1 code), and the names' votes."""

    countries: set[str] = field(default_factory=set)
    divisions: set[Division] = field(default_factory=set)
    votes: dict[str, NameVotes] = field(default_factory=dict)  # name key -> its vote
    division_votes: dict[Division, float] = field(default_factory=dict)  # summed over names
    country_votes: dict[str, float] = field(default_factory=dict)
    neighbours: dict[tuple[str, int], float] = field(default_factory=dict)  # (name key, row) -> other names near it
    country_names: dict[str, set[str]] = field(default_factory=dict)  # country -> keys of the names naming it
    cue_countries: set[str] = field(default_factory=set)  # named by a division word ("Barangay X")

    def names_country(self, country: str, key: str) -> bool:
        """Whether a name other than ``key`` names (or is a division of) the country."""
        return bool(self.country_names.get(country, set()) - {key})

    def votes_for(self, entry: GazEntry, key: str) -> tuple[float, float]:
        """Votes of the *other* names for the entry's division and country."""
        own = self.votes.get(key, NameVotes())
        division = (entry.country, entry.admin1 or "")
        d = self.division_votes.get(division, 0.0) - own.divisions.get(division, 0.0) if entry.admin1 else 0.0
        c = self.country_votes.get(entry.country, 0.0) - own.countries.get(entry.country, 0.0)
        return d, c

    def is_dominant_country(self, country: str, key: str) -> bool:
        """Whether the *other* names lie mostly in ``country`` (see :data:`DOMINANT_SHARE`)."""
        if not country:
            return False
        own = self.votes.get(key, NameVotes())
        votes = self.country_votes.get(country, 0.0) - own.countries.get(country, 0.0)
        total = sum(self.country_votes.values()) - sum(own.countries.values())
        return votes >= DOMINANT_MIN_VOTES and votes >= DOMINANT_SHARE * total


def name_votes(query: ToponymQuery) -> NameVotes:
    """The even spread of one name's vote over the divisions and countries of its candidates."""
    entries = [query.fixed] if query.fixed is not None else query.candidates
    divisions = {(e.country, e.admin1 or "") for e in entries if e.country and e.admin1}
    countries = {e.country for e in entries if e.country}
    return NameVotes(
        {d: 1 / len(divisions) for d in divisions},
        {c: 1 / len(countries) for c in countries},
    )


def _kind_score(entry: GazEntry, admin_cue: bool, chief_towns: set[tuple[str, str | None]]) -> float:
    if entry.feature_code == "PCLI":
        return COUNTRY_BONUS
    if entry.feature_code == "ADM1":
        if admin_cue:
            return DIVISION_WITH_CUE
        # Only the division's own chief town shares its bare name in news usage ("Aleppo"), and so
        # does the country's capital ("Washington" is the capital, not the state; "Buenos Aires").
        named_after_town = (entry.country, entry.admin1) in chief_towns or (entry.country, None) in chief_towns
        return DIVISION_WITHOUT_CUE if named_after_town else 0.0
    if entry.feature_code == "ADM2" and admin_cue:
        return DIVISION_WITH_CUE  # "Milano province", "Soum province": the province, not the town
    if entry.feature_code == "PPLC":
        return CAPITAL_BONUS
    if entry.feature_code == "PPLA":
        return CHIEF_TOWN_BONUS
    if entry.feature_code == "RGN":
        return REGION_SCORE
    return 0.0


def _context_score(entry: GazEntry, geo: ArticleGeography, parents: list[GazEntry], key: str) -> float:
    score = 0.0
    if entry.feature_code != "RGN":
        division_votes, country_votes = geo.votes_for(entry, key)
        score += DIVISION_VOTE * min(division_votes, VOTE_CAP) + COUNTRY_VOTE * min(country_votes, VOTE_CAP)
        if geo.is_dominant_country(entry.country, key) or entry.country in geo.cue_countries:
            score += DOMINANT_COUNTRY
        if entry.feature_code == "ADM1" and division_votes >= 1.0:
            score += IN_ARTICLE_DIVISION  # a place found only inside it is named: "Barrow County", "Georgia"
    score += COHERENCE_BONUS * min(geo.neighbours.get((key, entry.row), 0.0), COHERENCE_CAP)
    if entry.feature_code != "PCLI" and geo.names_country(entry.country, key):
        # a name's own first sense lends it no support: "Valdivia (Los Rios)" is Chile's Los Rios,
        # though Ecuador's alone is the larger
        score += IN_ARTICLE_COUNTRY
    if entry.feature_code not in ("PCLI", "ADM1") and entry.admin1 and (entry.country, entry.admin1) in geo.divisions:
        score += IN_ARTICLE_DIVISION
    if entry.feature_code == "ADM1" and any(c == entry.country and a != entry.admin1 for c, a in geo.divisions):
        score += IN_ARTICLE_DIVISION  # its sibling divisions are named: the article is about that country
    for parent in parents:
        inside = entry.country == parent.country and (parent.feature_code == "PCLI" or entry.admin1 == parent.admin1)
        if inside and entry.row != parent.row:
            score += EXPLICIT_PARENT
            break
    return score


def called_so(entry: GazEntry, text: str, similarity: float = VARIANT_SIMILARITY) -> bool:
    """Whether ``text`` is the place's own name or a spelling at least ``similarity`` alike.

    A town's name may also be written without its opening Arabic article ("Hilla" is Al Hillah);
    a country or division keeps its whole name ("Salvador" is no El Salvador)."""
    own, said = name_key(entry.name), name_key(text)
    names = {own, without_leading_article(own)} if entry.precision == "point" else {own}
    return any(fuzz.ratio(name, said) >= similarity for name in names)


def prior_score(entry: GazEntry, query: ToponymQuery, chief_towns: set[tuple[str, str | None]]) -> float:
    """What the name and the place say on their own: size, kind and whether it is the place's own name."""
    size = math.log10(entry.population + 1)
    kind = _kind_score(entry, query.admin_cue, chief_towns)
    own_name = OWN_NAME_BONUS if called_so(entry, query.text, OWN_NAME_SIMILARITY) else 0.0
    return size + kind + own_name


def score_candidate(
    entry: GazEntry, query: ToponymQuery, geo: ArticleGeography, chief_towns: set[tuple[str, str | None]]
) -> float:
    return prior_score(entry, query, chief_towns) + _context_score(entry, geo, query.parents, name_key(query.text))


def _chief_towns(query: ToponymQuery) -> set[tuple[str, str | None]]:
    """(country, admin1) of the query's same-named chief towns, and (country, None) for a same-named capital."""
    chief_towns = {(c.country, c.admin1) for c in query.candidates if c.feature_code in ("PPLA", "PPLC")}
    return chief_towns | {(c.country, None) for c in query.candidates if c.feature_code == "PPLC"}


def best_entry(query: ToponymQuery, geo: ArticleGeography) -> GazEntry | None:
    if query.fixed is not None:
        return query.fixed
    if not query.candidates:
        return None
    chief_towns = _chief_towns(query)
    candidates = query.candidates
    if query.town_cue:
        # A dateline names the town the story was filed from, never its state or country.
        candidates = [c for c in candidates if c.precision == "point" and called_so(c, query.text)] or candidates
    return max(candidates, key=lambda c: (score_candidate(c, query, geo, chief_towns), -c.row))


def article_geography(queries: list[ToponymQuery]) -> ArticleGeography:
    """What the article names without doubt: countries (and demonyms) and division names with a cue or no town sense."""
    geo = ArticleGeography()
    for q in queries:
        key = name_key(q.text)
        if key in geo.votes:
            continue
        geo.votes[key] = votes = name_votes(q)
        for division, share in votes.divisions.items():
            geo.division_votes[division] = geo.division_votes.get(division, 0.0) + share
        for country, share in votes.countries.items():
            geo.country_votes[country] = geo.country_votes.get(country, 0.0) + share
    geo.neighbours = near_other_names(queries)
    geo.cue_countries = cue_countries([q.text for q in queries])
    for q in queries:
        first = best_entry(q, ArticleGeography())
        if first is None:
            continue
        if first.feature_code == "PCLI" or (first.feature_code == "ADM1" and first.admin1):
            geo.countries.add(first.country)
            geo.country_names.setdefault(first.country, set()).add(name_key(q.text))
        if first.feature_code == "ADM1" and first.admin1:
            geo.divisions.add((first.country, first.admin1))
    return geo


def near_other_names(queries: list[ToponymQuery]) -> dict[tuple[str, int], float]:
    """For each name's town or county candidates, how many other names could be a place near it.

    Each other name counts by how affordable its nearby candidate is: 1 when that candidate is
    the name's most likely sense on its own, less the further its own score falls below the
    best one's (a hamlet called "Houston" near a hamlet called "Boston" is no support for that
    Boston: either name would have to give up a far likelier sense).
    """
    rows: list[int] = []
    names: list[int] = []
    points: list[tuple[float, float]] = []
    affordable: list[float] = []
    receives: list[bool] = []
    keys: list[str] = []
    for q in queries:
        key = name_key(q.text)
        if q.fixed is not None or key in keys:
            continue
        keys.append(key)
        towns = [c for c in q.candidates if c.feature_code in POINT_FEATURES and called_so(c, q.text)]
        if not towns:
            continue
        chief_towns = _chief_towns(q)
        best = max(prior_score(c, q, chief_towns) for c in q.candidates)
        for c in towns:
            rows.append(c.row)
            names.append(len(keys) - 1)
            points.append((c.lat, c.lon))
            affordable.append(math.exp((prior_score(c, q, chief_towns) - best) / AFFORDABILITY_SCALE))
            receives.append(_receives_support(c, q.text))

    if len(set(names)) < 2:
        return {}
    lat, lon = np.radians(np.array(points)).T
    name_of = np.array(names)
    row_of = np.array(rows)
    weight = np.array(affordable)
    support = np.zeros(len(rows))
    for name in set(names):  # one name's candidates at a time: memory stays rows x one name's candidates
        mine = name_of == name
        # the same place under two names ("Mount Gilead", once called "Youngstown") is no neighbour
        near = (_distances_km(lat, lon, lat[mine], lon[mine]) <= NEAR_KM) & (row_of[:, None] != row_of[mine][None, :])
        best_of_name = (near * weight[mine][None, :]).max(axis=1)
        best_of_name[mine] = 0.0  # its own name does not count
        support += best_of_name
    return {
        (keys[n], row): float(v) for n, row, v, r in zip(names, rows, support, receives, strict=True) if v > 0 and r
    }


def _receives_support(entry: GazEntry, text: str) -> bool:
    """Whether neighbours may lift this candidate: a town called by the very name written, or the
    division's own chief town ("New York City" for "New York"). A longer name that merely
    contains it ("Maryland City" for "Maryland") lends support but wins none."""
    return entry.feature_code in ("PPLA", "PPLC") or called_so(entry, text, OWN_NAME_SIMILARITY)


def _distances_km(lat: np.ndarray, lon: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine, radians in) between every point of the first set and the second."""
    a = (
        np.sin((lat[:, None] - lat2[None, :]) / 2) ** 2
        + np.cos(lat)[:, None] * np.cos(lat2)[None, :] * np.sin((lon[:, None] - lon2[None, :]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _merge_same_name(queries: list[ToponymQuery]) -> dict[str, ToponymQuery]:
    """One query per name key, carrying the cues of every mention (one sense per document).

    A mention with a division cue keeps its own sense and is left out: its candidates may be the
    division's alone ("Kharkiv" in "the Kharkiv and Sumy regions", "Jackson" before "counties"),
    while the name's other mentions are still the town.
    """
    merged: dict[str, ToponymQuery] = {}
    for q in queries:
        if q.admin_cue:
            continue
        key = name_key(q.text)
        have = merged.get(key)
        if have is None:
            merged[key] = ToponymQuery(q.text, list(q.candidates), False, list(q.parents), q.fixed, q.town_cue)
        elif q.fixed is None and have.fixed is None:
            have.town_cue = have.town_cue or q.town_cue
            have.parents.extend(q.parents)
    return merged


def resolve_queries(queries: list[ToponymQuery]) -> list[GazEntry | None]:
    """The entry chosen for each query (None for a name with no candidate)."""
    geo = article_geography(queries)
    merged = _merge_same_name(queries)
    chosen: dict[str, GazEntry | None] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        by_key[name_key(q.text)].append(i)
    out: list[GazEntry | None] = [None] * len(queries)
    for key, idxs in by_key.items():
        # A mention with its own cue ("Idlib province") keeps it; the rest share the merged sense.
        for i in idxs:
            q = queries[i]
            if q.fixed is not None or q.admin_cue:
                out[i] = best_entry(q, geo)
                continue
            if key not in chosen:
                shared = merged[key]
                chosen[key] = best_entry(
                    ToponymQuery(shared.text, shared.candidates, False, shared.parents, town_cue=shared.town_cue), geo
                )
            out[i] = chosen[key]
    return out


def parent_entries(gazetteer: Gazetteer, text: str) -> list[GazEntry]:
    """The countries and divisions a following "X, <text>" could mean; second-level divisions too,
    which event reports name a village by ("Bambofa (Dori, Seno)", "Barangay X, Santa Rosa, Laguna")."""
    return [e for e in gazetteer.lookup(text) if e.feature_code in ("PCLI", "ADM1", "ADM2")]
