"""Every name in the actor dictionaries as spaCy phrase patterns, built once, matched per span.

Names are matched on LOWER, except short all-capital abbreviations ("IS", "US", "WHO", "AA"),
which are matched on ORTH so that the words "is", "us" and "who" never become actors. Proper
names (countries, seats, organisations, people) must also be capitalised somewhere in the text
("turkey" the bird is not Turkey).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from whimbrel.actors.dictionary import ActorDictionary, OfficeTerm

CueKind = Literal["country", "demonym", "seat", "org", "person", "sector", "title"]

#: Cues that name one particular entity and so must be written as proper names.
PROPER_KINDS = frozenset({"country", "demonym", "seat", "org", "person"})

#: Abbreviations this short are matched case-sensitively.
MAX_CASED_ABBREVIATION = 6


@dataclass(frozen=True, slots=True)
class Cue:
    """What one dictionary phrase says: ``ref`` is an ISO3 code, org id, sector code, title or person key."""

    kind: CueKind
    ref: str
    agent: str | None = None
    # a dated name (see Seat): it means this only from ``start`` to ``end``
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A phrase found in a span: token offsets within the Doc and all the cues it carries."""

    start: int
    end: int
    cues: tuple[Cue, ...]

    def first(self, *kinds: CueKind) -> Cue | None:
        return next((c for c in self.cues if c.kind in kinds), None)


def _cue_order(cue: Cue) -> tuple[str, str, str, str]:
    return (cue.kind, cue.ref, str(cue.start or ""), str(cue.end or ""))


def plural(word: str) -> str:
    """Regular English plural of a phrase's last word ("official" -> "officials", "militia" -> "militias")."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def is_cased_abbreviation(phrase: str) -> bool:
    letters = phrase.replace(".", "")
    return phrase.isupper() and len(letters) <= MAX_CASED_ABBREVIATION


class Lexicon:
    """Phrase -> cues for one dictionary, with PhraseMatchers over a given vocab."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab) -> None:
        self.person_terms: dict[str, list[OfficeTerm]] = defaultdict(list)
        self.cues: dict[str, set[Cue]] = defaultdict(set)
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._orth = PhraseMatcher(vocab, attr="ORTH")
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        for phrase, cue in self._phrases(dictionary):
            cased = is_cased_abbreviation(phrase)
            key = phrase if cased else phrase.lower()
            if key not in self.cues:
                (self._orth if cased else self._lower).add(key, [tokenizer(phrase)])
            self.cues[key].add(cue)

    def _phrases(self, dictionary: ActorDictionary) -> Iterable[tuple[str, Cue]]:
        for country in dictionary.countries.values():
            for name in [country.name, *country.aliases]:
                yield name, Cue("country", country.id)
            for demonym in country.demonyms:
                yield demonym, Cue("demonym", country.id)
            for seat in country.seats:
                yield seat.name, Cue("seat", country.id, seat.agent, seat.start, seat.end)
        for org in dictionary.orgs.values():
            for name in [org.name, *org.aliases]:
                yield name, Cue("org", org.id, org.agent)
        for sector in dictionary.sectors.values():
            for word in sector.words:
                yield word, Cue("sector", sector.id, sector.id)
                if not is_cased_abbreviation(word) and not word.endswith("s"):
                    yield plural(word), Cue("sector", sector.id, sector.id)
        for title in dictionary.titles.values():
            for word in title.words:
                yield word, Cue("title", title.id)
        for term in dictionary.offices.values():
            for name in {term.name, *term.aliases}:
                key = name.lower()
                self.person_terms[key].append(term)
                yield name, Cue("person", key)

    def find(self, span: Span) -> list[CueMatch]:
        """The longest non-overlapping dictionary phrases inside ``span``, left to right."""
        cues_at: dict[tuple[int, int], set[Cue]] = defaultdict(set)
        for matcher in (self._orth, self._lower):
            for match_id, start, end in matcher(span):  # PhraseMatcher gives Doc offsets, even for a Span
                hit = span.doc[start:end]
                key = span.vocab.strings[match_id]
                cues_at[(hit.start, hit.end)].update(c for c in self.cues[key] if self._written_as_name(c, hit))
        hits = [span.doc[start:end] for (start, end), cues in cues_at.items() if cues]
        ordered = sorted(filter_spans(hits), key=lambda h: h.start)
        return [CueMatch(h.start, h.end, tuple(sorted(cues_at[(h.start, h.end)], key=_cue_order))) for h in ordered]

    @staticmethod
    def _written_as_name(cue: Cue, hit: Span) -> bool:
        return cue.kind not in PROPER_KINDS or any(t.text[:1].isupper() for t in hit)
