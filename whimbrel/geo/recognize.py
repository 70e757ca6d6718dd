"""Finding toponyms in a Doc and resolving them: the ``whimbrel_places`` stage.

Three sources, merged without overlaps (earlier wins):

1. spaCy's GPE/LOC/FAC entities -- the NER is right about *that* a span is a place far more often
   than the gazetteer is; such spans may resolve to small places;
2. gazetteer names over capitalised token runs -- the small model often labels well-known places
   as NORP/PERSON/ORG ("Aleppo"); a gazetteer-only hit must be a proper noun, not part of a longer
   person or organisation name ("George Washington", "Washington Post"), and big enough
   (countries, divisions, or towns of :data:`GAZETTEER_ONLY_MIN_POPULATION`) -- this keeps out
   common words that are also village names ("Of", "Police");
3. place names that open an organisation's or facility's name ("the Texas Department of Health",
   "Dublin City Council"), source ``embedded``: the name still says where the body is. Such a name
   must not be a word the text also uses in lower case ("University", "Central"), and a town must
   be big (:data:`MISLABELLED_MIN_POPULATION`) or lie in a division or country the article names
   elsewhere; the roles stage never makes it an event place;
4. demonyms ("Syrian", "Iranians") -> their country, flagged ``is_demonym``.

A gazetteer-only town lying abroad from every place the NER or a division name puts the article
in is a common word of the story ("the Civil Police" of a Brazilian report is no Polish town),
unless a cue says it is a place (:func:`_stray_towns`). A small town needs no size when the text
places it: after "near", before a kind word ("Opytne village") or before a division holding a
town of that name ("Padre Marcos, Piaui"); a village the gazetteer knows only outside its stated
division is put in that division.

A place name before a noun that makes the two the name of a thing lying nowhere ("the US dollar",
``data/named_things.yaml``) is kept as an ``embedded`` place, resolved on its own: it must not lend
the article its country.

A name the words around it say is a place is one, known to the gazetteer or not, whatever the
NER calls it: before a site noun ("the Qasr Nabil area"), after "near" or "the outskirts of",
before an appositive naming a settlement ("X, a farming community in Y"), or after "in" right
before a place already found ("in Datta Khel, North Waziristan"); not a group's name of the actor
dictionaries ("the Hezbollah area"), a people's name or a person's. An unknown one is placed by
its parent in the roles stage.

Names listed before a plural kind word ("Logan, Union and Marion counties", "Idlib and Hama
provinces") are divisions whatever the NER calls them ("Jackson" a person): each is looked up with
the kind word it shares ("Jackson County") and carries the division cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from whimbrel.actors.non_actors import NounClass
from whimbrel.data_files import load_models
from whimbrel.geo.gazetteer import GazEntry, Gazetteer, get_gazetteer
from whimbrel.geo.normalize import name_key, without_leading_article
from whimbrel.geo.resolve import (
    ADMIN_CUES,
    OWN_NAME_SIMILARITY,
    ArticleGeography,
    ToponymQuery,
    article_geography,
    best_entry,
    called_so,
    parent_entries,
    resolve_queries,
)
from whimbrel.model import Place
from whimbrel.nlp.extensions import PlaceMention, register_extensions

NAMED_THINGS = Path(__file__).parent / "data" / "named_things.yaml"
NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities whose words are a name of something else: a place name inside one is no place.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
# Names that often open with the place they belong to ("Texas Southern University").
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "EVENT"})
# NER labels under which the small model files named sites (a hospital is an ORG, a power plant
# a WORK_OF_ART)
FACILITY_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART"})
# Capitalised kind words that close the name of a site lying in one spot; not of bodies that act
# as such ("University", "Council")
FACILITY_NOUNS = frozenset(
    {"Airport", "Airbase", "Airfield", "Prison", "Jail", "Plant", "Factory", "Refinery", "Checkpoint"}
    | {"Fields", "Dam", "Bridge", "Stadium", "Square", "Street", "Road", "Avenue", "Mosque", "Church"}
    | {"Cathedral", "Market", "Camp", "Barracks", "Forest", "Forests"}
)
NON_NAME_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
GAZETTEER_ONLY_MIN_POPULATION = 15_000
# An alternate name this many words long is no accident of spelling ("Heroica Puebla de Zaragoza").
OFFICIAL_NAME_MIN_WORDS = 3
# A whole NAME_LABELS entity that is only a place name is taken as the place when the place is this big.
MISLABELLED_MIN_POPULATION = 100_000
MAX_NAME_TOKENS = 5
# Prepositions after which a name stands for a place (fewer than the roles stage's locative ones:
# "at", "to" and "with" also take organisations: "signed with Glastonbury").
LOCATIVE_WORDS = frozenset({"in", "near", "outside", "around", "throughout"})
# ... and "at", after which a town's name is where something is rather than a body ("died at
# Lashkar Gah"), when the gazetteer knows a town of some size so called
AT_PLACE_WORDS = LOCATIVE_WORDS | {"at"}
# Words said only of places: what follows is one, however small.
PROXIMITY_WORDS = frozenset({"near"})
# Abbreviations of places, dotted or with an ampersand: "U.S.", "U.K.", "W.Va.", "J&K" (the
# gazetteer decides which are).
_DOTTED_ABBREVIATION = re.compile(r"^(?:(?:[A-Z][a-z]{0,2}\.){2,}|[A-Z]&[A-Z])$")
# A transliterated name with an apostrophe for a glottal stop or ayin ("Dar'a", "Ma'arib") is one word.
_APOSTROPHE_WORD = re.compile(r"[A-Z][a-z]+['\u2019\u02bf][a-z]+")
# Words that name a part of a place ("Northeast Georgia", "Southern California").
COMPASS_WORDS = frozenset(
    {
        f"{side}{suffix}"
        for side in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
        for suffix in ("", "ern")
    }
    | {"central", "upper", "lower", "greater", "downtown", "midtown"}
)
# Words closing a place name that say what kind of place it is ("Jerome Township").
PLACE_KIND_WORDS = frozenset({"township", "twp", "borough", "village"})
# Words a writer adds after a town's name, in lower case ("Tartous city", "Radhan town"); in capitals
# they are a part of the name ("Gotham City", "Huntsville City Schools").
SETTLEMENT_WORDS = frozenset({"town", "city", "municipality", "upazila", "tehsil"})
# Settlement nouns written right before a town's name ("the capital city Lashkar Gah").
SETTLEMENT_NOUNS_BEFORE = frozenset({"city", "town", "village", "capital"})
# ... which some writers capitalise ("Zahle City"), when the gazetteer does not know the whole name.
CAPITALISED_SETTLEMENT_WORDS = frozenset({"City", "Town"})
# Words that, after a name, say it is a place, and of what kind ("Radhan town", "Marjayoun District").
KIND_WORDS_AFTER = PLACE_KIND_WORDS | SETTLEMENT_WORDS | ADMIN_CUES | {"subdivision"}
# Words opening the name of a neighbourhood ("Colonia San Francisco", "Barrio Obrero"): the name is
# a part of the town named beside it, however much of it is also a town's name elsewhere.
NEIGHBOURHOOD_WORDS = frozenset({"colonia", "barrio", "fraccionamiento"})
# Words that are also the whole name of a division somewhere (Cameroon's "West", Burkina Faso's
# "Centre", Papua New Guinea's "Gulf") but, standing alone in English, name a direction or a kind
# of place, not that division.
GENERIC_PLACE_WORDS = COMPASS_WORDS | frozenset(
    {
        "centre",
        "center",
        "gulf",
        "bay",
        "delta",
        "rivers",
        "river",
        "lakes",
        "lake",
        "coast",
        "west coast",
        "east coast",
        "islands",
        "island",
        "capital",
        "plateau",
        "mountain",
        "mountains",
        "valley",
        "littoral",
        "north east",
        "north west",
        "south east",
        "south west",
        "far north",
        "nord",
        "sud",
        "est",
        "ouest",
    }
)
# Plural kind words that close a list of divisions, with the word each listed name takes to be found
# whole in the gazetteer ("" when the division is known by the bare name: "Idlib and Hama provinces").
LISTED_DIVISION_WORDS = {
    "counties": "County",
    "parishes": "Parish",
    "provinces": "",
    "governorates": "",
    "districts": "",
    "states": "",
    "regions": "",
    "oblasts": "",
}
LIST_JOINERS = frozenset({",", "and", "&", "or"})
#: lower-case settlement and division nouns that say the name after their "of" is a place ("the town
#: of X", "the villages of X and Y")
NAMING_NOUNS = frozenset(
    {"town", "towns", "village", "villages", "city", "cities", "district", "districts", "neighbourhood"}
    | {"neighbourhoods", "neighborhood", "neighborhoods", "suburb", "suburbs", "hamlet", "township", "governorate"}
    | {"province", "municipality", "sub-district", "subdistrict", "area", "region", "settlement", "settlements"}
    | {"localities", "hamlets", "lga"}
)
#: those of them that also name the place written just before them ("in Magam town", "Hama province");
#: not "area" or "region", which follow the names of groups too ("the Taliban area")
NAMED_BEFORE = frozenset({"town", "village", "city", "district", "neighbourhood", "neighborhood", "suburb"}) | {
    "township",
    "governorate",
    "province",
    "subdistrict",
    "sub-district",
    "lga",
}
#: lower-case nouns that, right after a name, make it the name of a place or a site however small
#: and whatever the NER calls it ("the Qasr Nabil area", "the Tell Abyad airbase", "Kalma
#: airstrip", "the Beit Lid junction"); a group's name before them ("the Taliban area") is no place
SITE_NOUNS_AFTER = frozenset(
    {"area", "areas", "airbase", "airstrip", "airfield", "junction", "crossing", "checkpoint", "countryside"}
    | {"neighbourhood", "neighborhood", "village", "villages", "district", "districts", "camp", "hilltop"}
    | {"suburb", "suburbs", "quarter", "locality", "lga", "valley", "mountains", "towns", "town", "region"}
)
#: words before a name that say it is where something is, whatever it is called: "near X", "on
#: the outskirts of X" (only places have outskirts)
PLACE_CUE_WORDS = frozenset({"near", "outside"})
PLACE_CUE_NOUNS = frozenset({"outskirts", "vicinity", "environs", "countryside", "suburbs", "entrance"})
#: the head noun of an appositive that says the name before it is a settlement ("X, a farming
#: community in Y", "X, a hill village 20 km from the border")
APPOSITIVE_SETTLEMENTS = frozenset(
    {"village", "town", "city", "community", "hamlet", "settlement", "suburb", "neighbourhood", "neighborhood"}
    | {"district", "locality", "camp", "enclave", "stronghold", "outpost", "port", "oasis"}
)
#: verbs done to places, not people: the name right after one is where it was done ("troops
#: entered Qasr Nabil", "shelled Tell Hamra")
TERRITORY_VERBS = frozenset(
    {"enter", "storm", "shell", "besiege", "bombard", "overrun", "liberate", "recapture", "retake", "infiltrate"}
)
#: prepositions after which a name set beside an already found place is a place in it ("in X, Y",
#: "at X in Y")
LOCATED_BY_PARENT_WORDS = frozenset({"in", "at", "near", "outside", "inside"})
#: words before a list of names that make each name of it a place ("at A, B and C", "near A and B");
#: not "in", which also opens lists of bodies and people ("in Hamas and Fatah")
CUED_LIST_WORDS = frozenset({"at", "near", "outside"})
DATELINE_MARKS = frozenset({"-", "--", "—", "–", ":", ",", "("})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Lowercase words allowed inside a name: Arabic articles, "de", "upon", and joining punctuation.
#: the Arabic article as news writes it in lower case before a hyphen ("al-Hazm", "as-Sweida")
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "as", "ash", "az", "ez", "an", "at"})
SPACED_ARABIC_ARTICLES = frozenset({"al", "el"})
NAME_CONNECTORS = frozenset(
    {
        "-",
        "'",
        "al",
        "el",
        "ad",
        "ed",
        "ar",
        "as",
        "ash",
        "az",
        "ez",
        "at",
        "an",
        "de",
        "del",
        "da",
        "do",
        "du",
        "la",
        "las",
        "le",
        "los",
        "upon",
        "of",
    }
)


@dataclass(slots=True)
class _Found:
    span: Span
    source: str  # "ner" | "gazetteer" | "embedded" | "demonym"
    candidates: list[GazEntry]
    fixed: GazEntry | None = None
    repeated: bool = False  # the name of a place found elsewhere in the article
    names_a_thing: bool = False  # opens the name of a thing that lies nowhere ("the US dollar")
    cued: bool = False  # a place by the words around it, whether or not the gazetteer knows it


def to_place(span: Span, entry: GazEntry | None) -> Place:
    """The model's Place for a span and its chosen entry (unresolved: text and offsets only)."""
    place = Place(text=span.text, start=span.start_char, end=span.end_char)
    if entry is not None:
        place.name = entry.name
        place.country = entry.country or None  # regions and seas belong to no country
        place.admin1 = entry.admin1_name or entry.admin1
        place.lat, place.lon = entry.lat, entry.lon
        place.geonameid = entry.geonameid
        place.feature_code = entry.feature_code
        place.precision = entry.precision
    return place


class PlaceRecognizer:
    """spaCy component: sets ``doc._.places`` (see module doc)."""

    def __init__(self, nlp: Language, name: str, min_population: int = 0) -> None:
        register_extensions()
        self.name = name
        self.min_population = min_population
        self.gazetteer: Gazetteer = get_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        found = self._ner_places(doc)
        taken = {i for f in found for i in range(f.span.start, f.span.end)}
        listed = self._listed_divisions(doc, taken)
        taken.update(i for f in listed for i in range(f.span.start, f.span.end))
        found.extend(listed)
        for source in (
            lambda: self._gazetteer_places(doc, taken),
            lambda: self._named_by_place_nouns(doc, taken),
            lambda: self._placed_by_context(doc, found, taken),
            lambda: self._conjoined_places(doc, found, taken),
            lambda: _repeated_names(doc, found, taken),
            lambda: self._embedded_places(doc),
            lambda: self._named_facilities(doc),
            lambda: self._demonyms(doc, taken),
        ):
            for extra in source():
                if not any(i in taken for i in range(extra.span.start, extra.span.end)):
                    found.append(extra)
                    taken.update(range(extra.span.start, extra.span.end))
        found.sort(key=lambda f: f.span.start)
        _keep_cued_at_home(found)
        for f in found:
            if _names_a_thing(f):
                f.source, f.names_a_thing = "embedded", True
        queries = [self._query(doc, f) for f in found]
        # The article's geography is read from the names of places; a thing's name is resolved on its own.
        located = [q for f, q in zip(found, queries, strict=True) if not f.names_a_thing]
        geo = article_geography(located)
        chosen = iter(resolve_queries(located))
        entries = [
            best_entry(q, ArticleGeography()) if f.names_a_thing else _inside_named_parent(f, q, next(chosen), geo)
            for f, q in zip(found, queries, strict=True)
        ]
        surnames = _person_name_words(doc)
        strays = _stray_towns(found, queries, entries)
        doc._.places = [
            PlaceMention(span=f.span, place=to_place(f.span, e), is_demonym=f.source == "demonym", source=f.source)
            for f, e in zip(found, entries, strict=True)
            if (f.source != "embedded" or f.repeated or _embedded_place_holds(e, geo))
            and not _is_person_name(f, e, surnames)
            and not (f.source == "gazetteer" and name_key(f.span.text) in strays)
        ]
        return doc

    # ---------------------------------------------------------------- candidates

    def _candidates(self, text: str) -> list[GazEntry]:
        if text.lower() in GENERIC_PLACE_WORDS:
            return []  # "West", "Centre", "Gulf": divisions somewhere, but alone they say no place
        entries = self.gazetteer.lookup(text)
        if self.min_population:
            entries = [e for e in entries if e.precision != "point" or e.population >= self.min_population]
        return entries

    def _ner_places(self, doc: Doc) -> list[_Found]:
        out = []
        article_countries = _LazyCountries(self.gazetteer, doc)
        for ent in doc.ents:
            if ent.label_ not in NER_PLACE_LABELS:
                continue
            span = _strip_determiner(ent)
            if span is None:
                continue
            if _past_neighbourhood(doc, span.start) is not None:
                out.append(_Found(span, "ner", []))  # a neighbourhood: a place, but not the gazetteer's
                continue
            candidates = self._candidates(span.text) or self._candidates_of_part(span)
            if not candidates and (demonym_place := self.gazetteer.demonym_place(span.text)) is not None:
                candidates = [demonym_place]  # "Sri Lankan" tagged as a place: its country
            if not candidates:
                candidates = self._variant_candidates(span, article_countries)
            if not candidates and (ent.label_ == "FAC" or len(span) > 1):
                # "the Hamadan base", "Mississippi State": the whole is unknown, but the place in
                # its name is a place. An unknown name followed by its parent ("Tel Zarouba
                # (Kairouan)") stays whole unless the place inside is big: the parent places it.
                within = self._names_within(span)
                stated_parent = span.end < len(doc) and doc[span.end].text in (",", "(")
                big_inside = any(_size(c) >= MISLABELLED_MIN_POPULATION for f in within for c in f.candidates)
                # a facility's whole name made of names only, where the words around say it is a
                # place ("in Datta Khel, North Waziristan", "the Hay al-Jihad district"), is the
                # place, not a small namesake town of one of its words
                place_starts = {e.start for e in doc.ents if e.label_ in NER_PLACE_LABELS}
                whole_name = (
                    ent.label_ == "FAC"
                    and within
                    and not big_inside
                    and not any(t.is_lower and t.lower_ not in NAME_CONNECTORS for t in span)
                    and _place_cue(doc, span, place_starts) is not None
                )
                if whole_name:
                    out.append(_Found(span, "ner", []))
                    continue
                if ent.label_ == "FAC" or (within and (big_inside or not stated_parent)):
                    out.extend(within)
                    continue
            if ent.label_ == "LOC":
                # LOC names regions, rivers, mountains: never a village that shares the name.
                candidates = [c for c in candidates if _size(c) >= GAZETTEER_ONLY_MIN_POPULATION]
            if candidates or not any(t.like_num or t.is_digit for t in span):
                out.append(_Found(span, "ner", candidates))  # unresolved names stay: recall
        return out

    def _variant_candidates(self, span: Span, article_countries: _LazyCountries) -> list[GazEntry]:
        """Places under another spelling of a name the NER found and no key matches ("Khan
        Sheikhoun" for Khan Shaykhun; see :meth:`Gazetteer.variant_lookup`).

        Not when a stated parent follows ("Tel Zarouba (Kairouan)") or an appositive says what and
        where the place is ("Dobrinja, a district of Sarajevo"): that places it, and a
        near-spelling elsewhere (a Dobrnja village) would only compete with it. Those in the
        countries the article names, if any, else all; resolution then weighs their size and the
        article's other names.
        """
        doc = span.doc
        appositive = span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in ("a", "an")
        if appositive or self._stated_parents(span):
            return []
        entries = [e for e in self.gazetteer.variant_lookup(span.text) if e.feature_code != "RGN"]
        if self.min_population:
            entries = [e for e in entries if e.precision != "point" or e.population >= self.min_population]
        countries = article_countries.get()
        return [e for e in entries if e.country in countries] or entries

    def _named_facilities(self, doc: Doc) -> list[_Found]:
        """Named sites the NER calls an organisation or facility: "the Qorvelan Power Plant", "the
        Wadi Noor Checkpoint" -- a site's own name closed by its capitalised kind word
        (:data:`FACILITY_NOUNS`) says where things happen there. Only when no place inside the
        name was found (that place says where the site is), and unresolved: a site named after a
        place need not lie there ("Washington Avenue")."""
        out = []
        for ent in doc.ents:
            span = _strip_determiner(ent) if ent.label_ in FACILITY_LABELS else None
            if span is None or len(span) < 2 or span[-1].text not in FACILITY_NOUNS:
                continue
            if not any(t.like_num for t in span):  # a street address ("12 Mill Road") is no site
                out.append(_Found(span, "ner", []))
        return out

    def _named_by_place_nouns(self, doc: Doc, taken: set[int]) -> list[_Found]:
        """Names a settlement or division noun says are places, however the NER labels them and
        even when the gazetteer does not know them: "the town of X", "the villages of X, Y and Z",
        "in X district" (see :data:`NAMING_NOUNS`). An unknown one stays unresolved, for recall."""
        out: list[_Found] = []
        for tok in doc:
            if tok.lower_ not in NAMING_NOUNS:
                continue
            # "the villages of X and Y", "raided four villages: X, Y and Z"
            opener = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else None
            before = opener != "of" and not (opener == ":" and tok.text.endswith("s"))
            if tok.text != tok.lower_:
                # a capitalised kind word closes the name it is part of: "Bama Town", "the X Governorate",
                # also before "of" ("Maru LGA of Zamfara State")
                run = _run_ending_at(doc, tok.i) if tok.lower_ in NAMED_BEFORE and opener != ":" else None
                runs = [doc[run.start : tok.i + 1]] if run is not None else []
            elif not before:
                runs = _listed_runs(doc, tok.i + 2, several=tok.text.endswith("s"))
                # "the al-Bayaa district of the capital": the name before it, when one is written there
                if opener == "of" and tok.text in NAMED_BEFORE and (run := _run_ending_at(doc, tok.i)) is not None:
                    runs.append(run)
            else:
                runs = [run] if (run := _run_ending_at(doc, tok.i)) is not None and tok.text in NAMED_BEFORE else []
            for run in runs:
                # "the Shiite al-Bayaa district": a faith qualifies the name (not "Aleppo" the NER calls NORP)
                while (
                    len(run) > 1
                    and run[0].ent_type_ == "NORP"
                    and _starts_name(run[1])
                    and not self._candidates(run[0].text)
                ):
                    run = run[1:]
                labels = {t.ent_type_ for t in run}
                if any(i in taken for i in range(run.start, run.end)) or labels & NON_NAME_LABELS:
                    continue
                candidates = self._candidates(run.text) or self._candidates_of_kind(run)
                # the small model calls some towns a people ("the town of Rastan" as NORP): one the
                # gazetteer knows that is no demonym is the town; an unknown one is a people's name
                # (a name opening with the Arabic article is no people's: "the al-Bayaa district")
                people = not candidates or self.gazetteer.demonym_country(run.text)
                if "NORP" in labels and people and not _opens_with_article(run[0]):
                    continue
                if before and not candidates and labels & NAME_LABELS and run[-1].lower_ not in NAMING_NOUNS:
                    continue  # "the Hezbollah area", "the Hamas city council": a body's, not a place's name
                out.append(_Found(run, "gazetteer", candidates))
        return out

    def _placed_by_context(self, doc: Doc, found: list[_Found], taken: set[int]) -> list[_Found]:
        """Names the words around them say are places, known to the gazetteer or not: before a
        site noun ("the Qasr Nabil area", :data:`SITE_NOUNS_AFTER`), after "near" or "the
        outskirts of", before an appositive naming a settlement ("X, a farming community in Y"),
        or after "in"/"at" and right before a place already found ("in Datta Khel, North
        Waziristan"). The small model tags most such village names as persons or organisations.
        Not a name of the actor dictionaries ("the Hezbollah area"), a people's name, a word the
        text also writes in lower case or a word of a person's full name. An unknown one is
        placed by its parent in the roles stage."""
        found_starts = {f.span.start for f in found if f.source != "demonym"}
        surnames = _person_name_words(doc)
        out: list[_Found] = []
        i = 0
        while i < len(doc):
            run = _name_from(doc, i) if i not in taken else None
            if run is None:
                i += 1
                continue
            i = run.end
            while len(run) > 1 and run[0].is_stop:
                run = run[1:]  # "Much of X", "This X": the opening word is no part of the name
            # a name running on into one already found ("Wadi" found, "Barada area"), or after a
            # possessive ("Joseph's Tomb", "Mogadishu's Hodan"), is a part of that name
            opener = doc[run.start - 1] if run.start else None
            adjoins = run.end in taken or (
                opener is not None
                and ((opener.i in taken and _starts_name(opener)) or opener.lower_ in POSSESSIVE_MARKS)
            )
            cue = None if adjoins or any(t.i in taken for t in run) else _place_cue(doc, run, found_starts)
            if cue is None or run[0].is_stop:
                continue
            labels = {t.ent_type_ for t in run} - {""}
            text = run.text
            # as for any gazetteer-only name: divisions by any of their names, towns by theirs or a
            # close spelling ("Idleb countryside")
            bare = without_leading_article(name_key(text))  # "Ar-Raqqa countryside" is Raqqa's
            candidates = self._candidates(text) or self._candidates(bare)
            # the words around say it is a place, so any of a town's names will do ("Kobane" is
            # one of Ayn al Arab's), though its own name or a close spelling comes first
            named = [
                c for c in candidates if c.precision != "point" or called_so(c, text) or _opens_name(c, text)
            ] or candidates
            # a people's or a faith's name ("the Kurdish town", "a Shia neighbourhood") or an
            # abbreviation ("a POW camp") qualifies the place noun unless the gazetteer knows it
            qualifier = not named and (labels == {"NORP"} or (text.isupper() and len(text) <= 4))
            if (
                qualifier
                or labels & NON_NAME_LABELS
                or text.lower() in GENERIC_PLACE_WORDS
                or text.lower() in _lower_case_words(doc)
                or text.lower() in _actor_names()
                or self.gazetteer.demonym_place(text) is not None
                or (len(run) == 1 and text in surnames)
            ):
                continue
            if cue == "near" and "PERSON" in labels and not named:
                continue  # "stood near John Smith": people are near too
            out.append(_Found(run, "gazetteer", named, cued=True))
        return out

    def _conjoined_places(self, doc: Doc, found: list[_Found], taken: set[int]) -> list[_Found]:
        """Names listed with a place ("in Mbabane and Manzini", "Chibok and Biu areas") that the
        gazetteer knows, by their own name, in a country the listed place may lie in: the small
        model often calls one of a pair of towns a person. Each name found joins the list in turn,
        so "A, B and C" spreads from any one of them.

        A list the words before it call places ("at A, B and C", "shelled A, B and C", "near A and
        B") makes every name in it a place, known to the gazetteer or not: villages listed so are
        mostly missing from it. Such a name is cued (it resolves only near the article's other
        places) and is not a group's name, a people's, a word the text writes in lower case or a
        word of a person's full name."""
        out: list[_Found] = []
        claimed = set(taken)
        queue = [(f, f.cued or _opens_cued_list(doc, f.span)) for f in found if f.source in ("ner", "gazetteer")]
        queue = [(f, cued_list) for f, cued_list in queue if f.candidates or cued_list]
        while queue:
            anchor, cued_list = queue.pop()
            countries = {c.country for c in anchor.candidates if c.country}
            for run in _listed_neighbours(doc, anchor.span):
                labels = {t.ent_type_ for t in run} - {""}
                if any(t.i in claimed for t in run) or labels & (NON_NAME_LABELS | {"NORP"}):
                    continue
                if run.text.lower() in _lower_case_words(doc):
                    continue
                candidates = self._candidates(run.text)
                named = [c for c in candidates if called_so(c, run.text, OWN_NAME_SIMILARITY)]
                # a town of some size also goes by its other names beside a place of its country
                # ("between Homs and Palmyra": Palmyra is Tadmur's)
                kin = [c for c in named if c.country in countries] or [
                    c
                    for c in candidates
                    if c.country in countries
                    and c.precision == "point"
                    and c.population >= GAZETTEER_ONLY_MIN_POPULATION
                ]
                if kin:
                    joined = _Found(run, "gazetteer", kin)
                elif cued_list and not self._names_no_place(run):
                    joined = _Found(run, "gazetteer", self._candidates(run.text), cued=True)
                else:
                    continue
                out.append(joined)
                claimed.update(range(run.start, run.end))
                queue.append((joined, cued_list))
        return out

    def _names_no_place(self, run: Span) -> bool:
        """Whether a capitalised name is surely no place whatever the words around it say: a name of
        the actor dictionaries, a people's name, a generic word or a word of a person's name."""
        text = run.text
        return (
            text.lower() in GENERIC_PLACE_WORDS
            or text.lower() in _actor_names()
            or self.gazetteer.demonym_place(text) is not None
            or any(t.text in _person_words_elsewhere(run) for t in run)
            or (text.isupper() and len(text) <= 4)
        )

    def _candidates_of_kind(self, span: Span) -> list[GazEntry]:
        """The candidates of a name closed by its capitalised kind word, without it ("Dara'a Governorate")."""
        if len(span) < 2 or span[-1].text == span[-1].lower_ or span[-1].lower_ not in NAMED_BEFORE:
            return []
        return self._candidates(span[:-1].text)

    def _candidates_of_part(self, span: Span) -> list[GazEntry]:
        """The candidates of the name past a compass word or before a kind word the gazetteer does
        not know with it: "Northeast Georgia" lies in Georgia, "North Las Vegas" beside Las Vegas,
        "Jerome Township" around Jerome, "Tartous city" is Tartous."""
        if len(span) < 2:
            return []
        if span[0].lower_ in COMPASS_WORDS:
            return self._candidates(span[1:].text)
        if span[-1].lower_ in PLACE_KIND_WORDS or span[-1].text in SETTLEMENT_WORDS:
            return self._candidates(span[:-1].text)
        if span[-1].text in CAPITALISED_SETTLEMENT_WORDS:
            # "Zahle City", "Douala City": a capitalised settlement word the gazetteer does not know
            # with the name is the writer's, and only towns are meant
            return [e for e in self._candidates(span[:-1].text) if e.precision == "point"]
        return []

    def _names_within(self, span: Span) -> list[_Found]:
        return [f for f in self._gazetteer_places(span.doc, set(), span.start, span.end) if f.candidates]

    def _gazetteer_places(self, doc: Doc, taken: set[int], start: int = 0, end: int | None = None) -> list[_Found]:
        """Longest gazetteer names over capitalised runs, skipping tokens already taken."""
        end = len(doc) if end is None else end
        out: list[_Found] = []
        i = start
        while i < end:
            if (past := _past_neighbourhood(doc, i)) is not None:
                i = past
                continue
            match = self._longest_name_at(doc, i, end, taken)
            if match is None:
                i += 1
                continue
            out.append(match)
            i = match.span.end
        return out

    def _longest_name_at(self, doc: Doc, i: int, end: int, taken: set[int]) -> _Found | None:
        if i in taken or not _starts_name(doc[i]):
            return None
        stop = i + 1
        while stop < min(end, i + MAX_NAME_TOKENS) and stop not in taken and _continues_name(doc, stop):
            stop += 1
        for j in range(stop, i, -1):
            span = doc[i:j]
            if not _ends_name(span[-1]):
                continue
            candidates = self._candidates(span.text)
            if candidates and self._accept_gazetteer_only(span, candidates):
                return _Found(span, "gazetteer", candidates)
        return None

    def _accept_gazetteer_only(self, span: Span, candidates: list[GazEntry]) -> bool:
        if _is_dateline(span):
            # "BEIRUT: The body of ...", "MOUNT GILEAD -- Village council ...": the tagger reads
            # capitals poorly, but a dateline names a place however small.
            return span.text.lower() not in _lower_case_words(span.doc)
        # a capitalised word the tagger calls a common noun is a name when the NER says so
        # ("At Vladivostok" tagged NOUN inside a PERSON entity)
        if not _names_its_kind(span) and any(
            (t.pos_ != "PROPN" and not (t.pos_ == "NOUN" and t.ent_type_ in NAME_LABELS)) or t.is_stop
            for t in span
            if t.is_alpha and t.text[0].isupper()
        ):
            return False
        if _bare_short_word(span):
            return False
        # A word the text also writes in lower case is a common word inside a longer name
        # ("North Cooper Street", "City Hall", "Alexandria Police"), unless it names a country.
        if (
            len(span) == 1
            and span.text.lower() in _lower_case_words(span.doc)
            and not any(c.feature_code == "PCLI" for c in candidates)
        ):
            return False
        # Only towns called so count: "Hamas" is one of Hamm's variant spellings, "Way" one of
        # Weifang's, but news means neither; a transliteration ("Idleb") is close to the name.
        # The first words of a longer own name are the name too ("Pachuca" for Pachuca de Soto), and
        # so is an official name of three words or more ("Heroica Puebla de Zaragoza" is Puebla's):
        # no common word is that long.
        official = len(span.text.split()) >= OFFICIAL_NAME_MIN_WORDS
        named = [
            c
            for c in candidates
            if c.precision != "point" or official or called_so(c, span.text) or _opens_name(c, span.text)
        ]
        if not named:
            return False
        prominent = max(_size(c) for c in named)
        labels = {t.ent_type_ for t in span} - {""}
        if labels & NON_NAME_LABELS:
            return False
        # A town the text places needs no size: only places are "near" ("near Opytne") or take a
        # kind word ("Radhan town", "Kolofata subdivision"), and a division named after the name
        # that holds a town so called says it is that town ("in Padre Marcos, Piaui").
        # The name must end with the match: "near Yar Maung Bridge" does not place a town "Yar".
        after = span.doc[span.end] if span.end < len(span.doc) else None
        near = _follows(span, PROXIMITY_WORDS) and (after is None or not _starts_name(after))
        kind_word_after = after is not None and after.lower_ in KIND_WORDS_AFTER
        # "the capital city Lashkar Gah", "the town Kafr Nabl": a settlement noun names what follows it
        before = span.doc[span.start - 1] if span.start else None
        kind_word_before = before is not None and before.is_lower and before.lower_ in SETTLEMENT_NOUNS_BEFORE
        placed = near or kind_word_after or kind_word_before or self._inside_stated_parent(span, named)
        if labels & NAME_LABELS:
            ent = _entity_of(span)
            whole = ent is not None and ent.start == span.start and ent.end == span.end
            # After "in", "near" or "at" a name is where something is ("police in Grovetown"), so a
            # town the NER calls an organisation needs only the size of any gazetteer-only town.
            least = GAZETTEER_ONLY_MIN_POPULATION if _follows(span, AT_PLACE_WORDS) else MISLABELLED_MIN_POPULATION
            # a town the text sets in its stated parent is a place however far the NER span runs
            # ("in Tarso (Itapua), ..." read as one title)
            return (whole and (prominent >= least or placed)) or self._inside_stated_parent(span, named)
        return prominent >= GAZETTEER_ONLY_MIN_POPULATION or placed

    def _inside_stated_parent(self, span: Span, entries: list[GazEntry]) -> bool:
        """Whether a town among ``entries`` lies in the country or division named right after the
        span ("Padre Marcos, Piaui", "Goniri (Gujiba, Borno)")."""
        towns = [e for e in entries if e.precision == "point"]
        return bool(towns) and any(_lies_in(t, self._stated_parents(span)) for t in towns)

    def _stated_parents(self, span: Span) -> list[GazEntry]:
        """The countries and divisions a name's stated parent could be: "X, <parent>" or "X (<parents>)"."""
        doc = span.doc
        if span.end + 1 >= len(doc):
            return []
        if doc[span.end].text == ",":
            run = _name_run(doc, span.end + 1)
            names = [] if run is None else [run]
        elif doc[span.end].text == "(":
            # "Santa Rosa (La Pampa)", "Qaniyah (As Sawdiyah, Al Bayda)": the bracket lists the parents.
            names = _bracketed_names(doc, span.end + 1)
        else:
            return []
        # "Hinche, Centre", "Dowa (Central)": a generic word is a division in too many countries to place anything
        return [
            e
            for n in names
            if n.text.lower() not in GENERIC_PLACE_WORDS
            for e in parent_entries(self.gazetteer, n.text)
        ]

    def _embedded_places(self, doc: Doc) -> list[_Found]:
        """Big place names inside an organisation's or facility's name (see module doc).

        Anywhere in the name, not only at its start: "Air Zimbabwe", "University of Alberta" and
        "HSBC Bank Malta" all say where the body is. A name that covers the whole entity is the
        mislabelled-place case of :meth:`_accept_gazetteer_only` instead.
        """
        common_words = _lower_case_words(doc)
        out = []
        for ent in doc.ents:
            span = _strip_determiner(ent) if ent.label_ in EMBEDDING_LABELS else None
            if span is None or len(span) < 2:
                continue
            i = span.start
            while i < span.end:
                if (past := _past_neighbourhood(doc, i)) is not None:
                    i = past
                    continue
                found = self._embedded_name_at(doc, i, span, common_words)
                i = found.span.end if found is not None else i + 1
                if found is not None:
                    out.append(found)
        return out

    def _embedded_name_at(self, doc: Doc, i: int, span: Span, common_words: set[str]) -> _Found | None:
        """The longest big place name starting at token ``i`` inside the entity ``span``."""
        if not _starts_name(doc[i]):
            return None
        last = span.end - 1 if i == span.start else span.end  # never the whole entity
        for j in range(min(last, i + MAX_NAME_TOKENS), i, -1):
            inner = doc[i:j]
            if not _ends_name(inner[-1]) or _bare_short_word(inner):
                continue
            # A name the text also writes in lower case is a common word ("University", "Central");
            # an acronym is not ("US" beside "us").
            if not inner.text.isupper() and inner.text.lower() in common_words:
                continue
            candidates = self._candidates(inner.text)
            if any(_size(c) >= GAZETTEER_ONLY_MIN_POPULATION for c in candidates):
                # Small namesakes stay candidates: "the Paris Public Library" beside "Illinois" is
                # Paris, Illinois, and :func:`_embedded_place_holds` keeps it for being there.
                return _Found(inner, "embedded", candidates)
        return None

    def _listed_divisions(self, doc: Doc, taken: set[int]) -> list[_Found]:
        """Untaken names in a list closed by a plural kind word ("Logan, Union and Marion counties")."""
        out = []
        for start, end in _listed_names(doc):
            if any(i in taken for i in range(start, end)):
                continue
            run = doc[start:end]
            candidates = self._division_candidates(run)
            if candidates:
                out.append(_Found(run, "gazetteer", candidates))
        return out

    def _division_candidates(self, span: Span) -> list[GazEntry]:
        """The divisions a listed name can be: "Jackson" before "counties" is Jackson County."""
        word = _listed_names(span.doc).get((span.start, span.end))
        if word is None:
            return []
        kind = LISTED_DIVISION_WORDS[word]
        if kind:
            return self._candidates(f"{span.text} {kind}")
        return [c for c in self._candidates(span.text) if c.precision == "admin1"]

    def _demonyms(self, doc: Doc, taken: set[int]) -> list[_Found]:
        """Demonyms, the longest first at each token ("South Korean" before "Korean")."""
        out = []
        i = 0
        initials = self.gazetteer.demonym_initials
        while i < len(doc):
            if doc[i].text[:1] not in initials:  # most words: no demonym can start here
                i += 1
                continue
            for size in range(self.gazetteer.max_demonym_words, 0, -1):
                span = doc[i : i + size]
                if len(span) < size or any(t.i in taken or t.ent_type_ == "PERSON" for t in span):
                    continue
                place = self.gazetteer.demonym_place(span.text)
                if place is not None:
                    out.append(_Found(span, "demonym", [place], fixed=place))
                    i += size - 1
                    break
            i += 1
        return out

    # ---------------------------------------------------------------- cues for resolution

    def _query(self, doc: Doc, found: _Found) -> ToponymQuery:
        span = found.span
        after = doc[span.end : span.end + 4]
        admin_cue = len(after) > 0 and after[0].lower_ in ADMIN_CUES
        candidates = found.candidates
        if found.fixed is None and (listed := self._division_candidates(span)):
            candidates, admin_cue = listed, True
        return ToponymQuery(
            span.text, candidates, admin_cue, self._stated_parents(span), found.fixed, town_cue=_is_dateline(span)
        )


class _LazyCountries:
    """The countries an article names outright, by country name or demonym, read only when a
    spelling variant needs them."""

    def __init__(self, gazetteer: Gazetteer, doc: Doc) -> None:
        self._gazetteer, self._doc = gazetteer, doc
        self._countries: set[str] | None = None

    def get(self) -> set[str]:
        if self._countries is None:
            countries = {
                e.country
                for ent in self._doc.ents
                if ent.label_ in ("GPE", "NORP", "LOC")
                for e in self._gazetteer.lookup(ent.text)
                if e.feature_code == "PCLI"
            }
            countries |= {c for tok in self._doc if (c := self._gazetteer.demonym_country(tok.text)) is not None}
            self._countries = countries
        return self._countries


def _repeated_names(doc: Doc, found: list[_Found], taken: set[int]) -> list[_Found]:
    """Other mentions of names already found as places, wherever the NER put them (one sense per
    document): "Waterbury" found as a town is the town in "Waterbury firefighters" and in "the
    Waterbury Fire Department" too (there an embedded place, as any name inside a name).

    Not a word of a longer person's name ("Jordan" in "Michael Jordan"), nor the end of a longer
    name ("West Waterbury").
    """
    people = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    seeds = {name_key(f.span.text): f for f in found if _spreads(f, people)}
    common_words = _lower_case_words(doc)
    lengths = sorted({len(f.span) for f in seeds.values()}, reverse=True)
    out: list[_Found] = []
    i = 0
    while i < len(doc):
        match = None
        for n in lengths:
            span = doc[i : i + n]
            if len(span) == n and not any(t.i in taken for t in span) and name_key(span.text) in seeds:
                match = span
                break
        if (
            match is None
            or not _starts_name(doc[i])
            or _inside_longer_name(match)
            or match.text.lower() in common_words
        ):
            i += 1
            continue
        ent = _entity_of(match)
        inside = ent is not None and ent.label_ in NAME_LABELS and len(ent) > len(match)
        if ent is not None and ent.label_ == "PERSON" and inside:
            i += 1
            continue
        seed = seeds[name_key(match.text)]
        out.append(_Found(match, "embedded" if inside else "gazetteer", seed.candidates, repeated=True))
        i = match.end
    return out


def _spreads(found: _Found, people: set[str]) -> bool:
    """Whether a found name is surely a place here, so that its other mentions are too: found by
    the NER or the gazetteer, called by its own name (not a variant spelling), and not a word of a
    person's name in this article unless it names a country or division."""
    if found.source not in ("ner", "gazetteer"):
        return False
    text = found.span.text
    if any(c.precision != "point" for c in found.candidates):
        return True
    return text not in people and any(called_so(c, text, OWN_NAME_SIMILARITY) for c in found.candidates)


def _inside_longer_name(span: Span) -> bool:
    """Whether a capitalised word that is no sentence opener or stop word runs on into the span."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.is_alpha and before.text[0].isupper() and not before.is_sent_start and not before.is_stop


def _inside_named_parent(
    found: _Found, query: ToponymQuery, entry: GazEntry | None, geo: ArticleGeography
) -> GazEntry | None:
    """The entry, or where the text says the place lies when the gazetteer does not know it there.

    "Rubaya (Masisi, Nord-Kivu)": the village is not known, but it is inside its stated division,
    so the place gets the division's entry, with the division's (coarser) precision. So too when
    the gazetteer knows only namesakes in another country than the stated parent ("Auno (Konduga,
    Borno)" is no French village): a village's namesake abroad is surely wrong, the parent is
    right. Inside the parent's country the town stays: writers and the parse confuse neighbouring
    divisions more often than the gazetteer lacks a town. A big town outside the "parent" is no
    child of it but the head of a list ("Aleppo, Idlib and Hama"), as is any name whose "parent"
    goes on into a list.
    """
    if not query.parents:
        return entry
    if entry is not None and (
        _size(entry) >= MISLABELLED_MIN_POPULATION
        or entry.country in {p.country for p in query.parents}
        or _parent_is_listed(found.span)
    ):
        return entry
    return best_entry(ToponymQuery(query.text, query.parents), geo)


def _lies_in(entry: GazEntry, parents: list[GazEntry]) -> bool:
    return any(entry.country == p.country and (p.precision == "country" or entry.admin1 == p.admin1) for p in parents)


def _parent_is_listed(span: Span) -> bool:
    """Whether the name after "<span>, " opens a list ("Atareb, Idlib and Aleppo") rather than
    closing a chain of parents ("Yasne, Donetsk, Ukraine")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != ",":
        return False  # a bracketed parent list ("Qaniyah (As Sawdiyah, Al Bayda)") is no list
    parent = _name_run(doc, span.end + 1)
    if parent is None or parent.end >= len(doc):
        return False
    after = doc[parent.end]
    if after.lower_ in ("and", "or", "&"):
        return True
    following = _name_run(doc, parent.end + 1) if after.text == "," else None
    return following is not None and following.end < len(doc) and doc[following.end].lower_ in LIST_JOINERS


def _person_name_words(doc: Doc) -> set[str]:
    """Words of the article's multi-word person names ("Jim Ripley") that it never tags as a place."""
    in_people = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    return in_people - {t.text for ent in doc.ents if ent.label_ in NER_PLACE_LABELS for t in ent}


def _person_words_elsewhere(run: Span) -> set[str]:
    """Words of the article's multi-word person names other than ``run`` itself: a village of a
    list the small model calls a person ("shelled Tell Hamra, Abu Dali and ...") is still a place,
    but not a word of a person named elsewhere ("Jim Ripley ... at Ripley and Dover")."""
    doc = run.doc
    return {
        t.text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and (ent.end <= run.start or ent.start >= run.end)
        for t in ent
    }


def _is_person_name(found: _Found, entry: GazEntry | None, surnames: set[str]) -> bool:
    """A lone word that the article also uses in a person's full name is that person ("coach Ripley"),
    unless it names a country or division (news does not name people "Texas") or opens an
    organisation's name ("the Washington Post" beside "George Washington")."""
    if len(found.span) != 1 or found.source in ("demonym", "embedded") or found.span.text not in surnames:
        return False
    return entry is None or entry.precision == "point"


def _place_cue(doc: Doc, run: Span, found_starts: set[int]) -> str | None:
    """What in the words around a name says it is a place (see ``_placed_by_context``), if anything:
    "site" (a site noun after it), "near" ("near X", "the outskirts of X"), "appositive", "object"
    (right after a verb done to places) or "parent"."""
    after = doc[run.end] if run.end < len(doc) else None
    before = doc[run.start - 1] if run.start > 0 else None
    if after is not None and after.lower_ in SITE_NOUNS_AFTER and after.is_lower:
        return "site"
    if before is not None and (
        before.lower_ in PLACE_CUE_WORDS
        or (before.lower_ == "of" and run.start > 1 and doc[run.start - 2].lower_ in PLACE_CUE_NOUNS)
    ):
        return "near" if after is None or after.lower_ not in POSSESSIVE_MARKS else None  # "near Smith's home"
    if after is not None and after.text == "," and _appositive_settlement(doc, run.end + 1):
        return "appositive"
    if run.root.dep_ == "dobj" and run.root.head.lemma_ in TERRITORY_VERBS and run.root.head.i == run.start - 1:
        return "object"
    parented = after is not None and after.lower_ in (",", "in", "(") and run.end + 1 in found_starts
    return "parent" if parented and before is not None and before.lower_ in LOCATED_BY_PARENT_WORDS else None


def _opens_cued_list(doc: Doc, span: Span) -> bool:
    """Whether the words before a name say it is a place: "at"/"near"/"outside" (see
    :data:`CUED_LIST_WORDS`) or a verb done to places (``TERRITORY_VERBS``) right before it."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    return before.lower_ in CUED_LIST_WORDS or (before.pos_ == "VERB" and before.lemma_ in TERRITORY_VERBS)


def _appositive_settlement(doc: Doc, i: int) -> bool:
    """Whether the words from token ``i`` are "a/an/the [modifiers] <settlement noun>" closed by a
    preposition, number, comma or the sentence's end ("a fishing community in ...", "a hill village
    20 km from ..."), not a longer noun ("a town councillor")."""
    if i >= len(doc) or doc[i].lower_ not in ("a", "an", "the"):
        return False
    for j in range(i + 1, min(len(doc), i + 5)):
        tok = doc[j]
        if tok.lower_ in APPOSITIVE_SETTLEMENTS and tok.is_lower:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            return nxt is None or nxt.pos_ in ("ADP", "PUNCT", "NUM") or nxt.like_num
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "ADV") and tok.tag_ not in ("VBG", "VBN", "HYPH"):
            return False
    return False


@lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """Lower-cased names and aliases of the actor dictionaries' groups and organisations."""
    from whimbrel.actors.dictionary import load_dictionaries  # the actors package imports geo

    orgs = load_dictionaries().orgs.values()
    return frozenset(name.lower() for org in orgs for name in (org.name, *org.aliases))


@lru_cache(maxsize=1)
def _named_thing_nouns() -> frozenset[str]:
    return frozenset(w for c in load_models(NAMED_THINGS, NounClass, id_field="name") for w in c.words)


def _names_a_thing(found: _Found) -> bool:
    """A place name that, with the noun after it, names a thing that lies nowhere ("the US dollar"):
    a place name inside a longer name, and no clue to the article's geography (see
    ``named_things.yaml``)."""
    doc, end = found.span.doc, found.span.end
    if found.source == "demonym":
        return _leads_from_abroad(found.span)
    return end < len(doc) and doc[end].lower_ in _named_thing_nouns()


def _leads_from_abroad(span: Span) -> bool:
    """A demonym before "-led"/"-backed" ("Saudi-led coalition", "US-backed forces") names who
    leads or backs a force, which mostly acts abroad: the demonym tells nothing of where the
    article is (Saudi-led strikes hit Yemen, whose Al Jawf is not Saudi Arabia's)."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    return i < len(doc) and doc[i].lower_ in ("led", "backed") and i > span.end


def _stray_towns(found: list[_Found], queries: list[ToponymQuery], entries: list[GazEntry | None]) -> set[str]:
    """Name keys of towns found by the gazetteer alone, abroad from every place the article
    surely names, with no cue at any of their mentions.

    A capitalised word the NER does not call a place that is also a town's name in another
    country is a common word of the story ("the Civil Police arrested" in a Brazilian report), not
    that town: news that goes abroad names the foreign place so that the NER knows it, puts it
    after "in", in a dateline or before the division it lies in. The article surely names the
    places the NER found and the divisions the gazetteer found (a demonym is no such place:
    "Saudi forces shelled" a Yemeni village). A capital, a division's chief town or a big city
    called by its own name is no common word.
    """
    anchors = {
        e.country
        for f, e in zip(found, entries, strict=True)
        if e is not None and e.country and (f.source == "ner" or f.source == "gazetteer" and e.precision == "admin1")
    }
    stray: set[str] = set()
    cued: set[str] = set()
    for f, q, e in zip(found, queries, entries, strict=True):
        if f.source != "gazetteer" or e is None or e.feature_code != "PPL" or not anchors:
            continue
        key = name_key(f.span.text)
        span = f.span
        if _is_dateline(span) or _follows(span, LOCATIVE_WORDS) or _lies_in(e, q.parents):
            cued.add(key)
        elif e.country not in anchors and not (
            e.population >= MISLABELLED_MIN_POPULATION and called_so(e, span.text, OWN_NAME_SIMILARITY)
        ):
            stray.add(key)
    return stray - cued


def _keep_cued_at_home(found: list[_Found]) -> None:
    """Let a place the words around it name (``_Found.cued``) resolve only inside the countries the
    article's other places may lie in, when it names any: such a name is most often a village the
    gazetteer does not hold, and a namesake abroad ("the Dabaat area" of an Iraqi report is no
    Ethiopian village, "near Roma" of a Syrian one no Rome) would pull the story abroad. Left
    unknown, the roles stage places it by its parent."""
    countries = {c.country for f in found if not f.cued and f.source in ("ner", "gazetteer") for c in f.candidates}
    if countries:
        for f in found:
            if f.cued:
                f.candidates = [c for c in f.candidates if c.country in countries]


def _past_neighbourhood(doc: Doc, i: int) -> int | None:
    """The end of a neighbourhood's name opening at token ``i`` ("Colonia Prados Verdes"), if one does."""
    if doc[i].lower_ not in NEIGHBOURHOOD_WORDS:
        return None
    name = _name_run(doc, i + 1)
    return None if name is None else name.end


def _bare_short_word(span: Span) -> bool:
    """A word of two letters not in capitals: an article or an abbreviation without its dot ("La Palace
    hotel" is not Louisiana, whose "La." the gazetteer keys as "la"); "US" and "UK" are in capitals."""
    return len(span.text) <= 2 and not span.text.isupper()


def _names_its_kind(span: Span) -> bool:
    """Whether a word the NER takes for a name is followed by a place's kind word ("residents of
    Mbarara district"): the tagger may read the name as an adjective, the kind word says it is a
    place's name ("Northern region" is a direction, "the English city" a demonym, not a name)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    named = all(t.ent_type_ for t in span) and span.text.lower() not in GENERIC_PLACE_WORDS
    named = named and get_gazetteer().demonym_place(span.text) is None
    return named and not span[0].is_sent_start and after is not None and after.lower_ in KIND_WORDS_AFTER


def _follows(span: Span, words: frozenset[str]) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in words


def _opens_name(entry: GazEntry, text: str) -> bool:
    """Whether ``text`` is the first words of the place's own longer name ("Acapulco" of Acapulco de Juárez)."""
    return name_key(entry.name).startswith(name_key(text) + " ")


def _embedded_place_holds(entry: GazEntry | None, geo: ArticleGeography) -> bool:
    """An embedded name is kept when it resolves to something big or to a town where the article is."""
    if entry is None:
        return False
    if _size(entry) >= MISLABELLED_MIN_POPULATION:
        return True
    return (entry.country, entry.admin1 or "") in geo.divisions


def _is_dateline(span: Span) -> bool:
    """A name in capitals opening a sentence or line, or right after the date of a byline ("March
    30, 2009 HANOVER --"), and followed by a dash, colon or comma."""
    doc = span.doc
    if not all(t.text.isupper() for t in span if t.is_alpha) or span.end >= len(doc):
        return False
    before = doc[span.start - 1] if span.start else None
    opens = before is None or span[0].is_sent_start or before.is_space or before.like_num
    return opens and doc[span.end].text in DATELINE_MARKS


def _lower_case_words(doc: Doc) -> set[str]:
    """The words the text writes in lower case (computed once per Doc)."""
    words: set[str] | None = doc.user_data.get(_LOWER_CASE_WORDS_KEY)
    if words is None:
        words = doc.user_data[_LOWER_CASE_WORDS_KEY] = {t.text for t in doc if t.is_lower}
    return words


_LOWER_CASE_WORDS_KEY = "whimbrel_places.lower_case_words"


def _size(entry: GazEntry) -> int:
    """Countries and divisions count as big whatever their population field says."""
    return 10**9 if entry.precision != "point" else entry.population


def _strip_determiner(ent: Span) -> Span | None:
    """The entity without a leading "the" and a trailing possessive ("South Korea's" -> "South Korea")."""
    span = ent[1:] if ent[0].lower_ == "the" else ent
    if len(span) > 1 and span[-1].lower_ in POSSESSIVE_MARKS:
        span = span[:-1]
    return span if len(span) else None


def _is_name_word(tok) -> bool:  # type: ignore[no-untyped-def]
    word = tok.is_alpha or _APOSTROPHE_WORD.fullmatch(tok.text) is not None
    return word and tok.text[0].isupper() or _DOTTED_ABBREVIATION.match(tok.text) is not None


def _opens_with_article(tok) -> bool:  # type: ignore[no-untyped-def]
    """An Arabic article written in lower case before a name: hyphenated ("al-Hol", "as-Sweida"),
    or as a word of its own for the two forms that are no English word ("el Hermel", "al Bab")."""
    doc = tok.doc
    if tok.text in SPACED_ARABIC_ARTICLES and tok.whitespace_ and tok.i + 1 < len(doc):
        return _is_name_word(doc[tok.i + 1])
    return (
        tok.text in ARABIC_ARTICLES
        and not tok.whitespace_
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].text == "-"
        and not doc[tok.i + 1].whitespace_
        and _is_name_word(doc[tok.i + 2])
    )


def _starts_name(tok) -> bool:  # type: ignore[no-untyped-def]
    return _is_name_word(tok) or _opens_with_article(tok)


def _continues_name(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return _starts_name(tok) or (tok.lower_ in NAME_CONNECTORS and i + 1 < len(doc) and not tok.is_space)


def _ends_name(tok) -> bool:  # type: ignore[no-untyped-def]
    return _is_name_word(tok)


def _entity_of(span: Span) -> Span | None:
    for ent in span.doc.ents:
        if ent.start <= span.start < ent.end:
            return ent
    return None


def _bracketed_names(doc: Doc, i: int) -> list[Span]:
    """The comma-separated names from token ``i`` up to the closing bracket (a short one only)."""
    names: list[Span] = []
    for j in range(i, min(len(doc), i + 3 * MAX_NAME_TOKENS)):
        if doc[j].text == ")":
            return names
        if (j == i or doc[j - 1].text == ",") and (run := _name_run(doc, j)) is not None:
            names.append(run)
    return []  # no closing bracket near: not a parent list


def _listed_names(doc: Doc) -> dict[tuple[int, int], str]:
    """(start, end) token offsets of each name in a list of two or more closed by a plural kind
    word -> that word. Walks back from the word over names and joiners; a lone name before the
    word is a modifier, not a list ("Ohio counties" are the counties of Indiana)."""
    cached: dict[tuple[int, int], str] | None = doc.user_data.get(_LISTED_NAMES_KEY)
    if cached is not None:
        return cached
    names: dict[tuple[int, int], str] = {}
    for tok in doc:
        if tok.lower_ not in LISTED_DIVISION_WORDS:
            continue
        j = tok.i  # the list ends just before the kind word
        found: list[tuple[int, int]] = []
        while j > 0:
            if doc[j - 1].lower_ in LIST_JOINERS and found:
                j -= 1
                continue
            start = j
            while start > 0 and start > j - MAX_NAME_TOKENS and _starts_name(doc[start - 1]):
                start -= 1
            if start == j:
                break
            found.append((start, j))
            j = start
        if len(found) >= 2:
            names.update(dict.fromkeys(found, tok.lower_))
    doc.user_data[_LISTED_NAMES_KEY] = names
    return names


_LISTED_NAMES_KEY = "whimbrel_places.listed_names"


def _name_from(doc: Doc, i: int) -> Span | None:
    """The name starting at token ``i``, with its joining words ("Tal al-Sultan", "Deir el-Balah")."""
    if i >= len(doc) or not _starts_name(doc[i]):
        return None
    j = i + 1
    while j < len(doc) and j < i + MAX_NAME_TOKENS and _continues_name(doc, j):
        j += 1
    while not _ends_name(doc[j - 1]):
        j -= 1
    return doc[i:j]


def _listed_runs(doc: Doc, i: int, several: bool) -> list[Span]:
    """The name at token ``i`` and, after a plural noun, the names listed with it ("X, Y and Z")."""
    runs: list[Span] = []
    while (run := _name_from(doc, i)) is not None:
        runs.append(run)
        if not several:
            break
        i = _past_aside(doc, run.end)
        while i < len(doc) and doc[i].lower_ in LIST_JOINERS:
            i += 1
    return runs


def _past_aside(doc: Doc, i: int) -> int:
    """The token after a short bracketed aside at ``i`` ("Harasta (twice), Douma"), else ``i``."""
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(len(doc), i + 6)) if doc[j].text == ")"), None)
        if close is not None and not any(_starts_name(doc[j]) for j in range(i + 1, close)):
            return close + 1
    return i


def _listed_neighbours(doc: Doc, span: Span) -> list[Span]:
    """The names a list joiner sets right beside ``span``: "X" of "in Y and X" and of "X, Y"."""
    out: list[Span] = []
    after = _past_aside(doc, span.end)
    if after + 1 < len(doc) and doc[after].lower_ in LIST_JOINERS:
        step = after + 2 if doc[after].text == "," and doc[after + 1].lower_ in ("and", "or") else after + 1
        if (run := _name_from(doc, step)) is not None:
            out.append(run)
    before = span.start - 1
    if before > 0 and doc[before].lower_ in LIST_JOINERS:
        end = before - 1 if doc[before].lower_ in ("and", "or") and doc[before - 1].text == "," else before
        if (run := _run_ending_at(doc, end)) is not None:
            out.append(run)
    return out


def _run_ending_at(doc: Doc, i: int) -> Span | None:
    """The capitalised name just before token ``i`` ("Magam" of "Magam town")."""
    start = i
    while start > 0 and i - start < MAX_NAME_TOKENS and _continues_name(doc, start - 1):
        start -= 1
    while start < i and (not _starts_name(doc[start]) or doc[start].is_stop):
        start += 1  # "The Hama province": the article is no part of the name
    if start == i:
        return None
    return doc[start:i]


def _name_run(doc: Doc, i: int) -> Span | None:
    """The capitalised run starting at token ``i`` ("Texas", "New South Wales")."""
    if i >= len(doc) or not _starts_name(doc[i]):
        return None
    j = i + 1
    while j < len(doc) and j < i + MAX_NAME_TOKENS and _starts_name(doc[j]):
        j += 1
    return doc[i:j]
