"""Converting PETRARCH/TABARI dictionaries (actors, agents, verbs, discards) into a whimbrel user dictionary.

Written for whimbrel from the published description of the formats (the PETRARCH2 and TABARI
manuals); what whimbrel's model can express is kept, everything else is counted as dropped with
its reason (see :class:`Conversion` and docs/dictionaries.md).

* **actors**: ``NAME [CODE]`` with ``+SYNONYM`` lines and dated codes ``[CODE <YYMMDD]``,
  ``[CODE >YYMMDD]``, ``[CODE YYMMDD-YYMMDD]``. A code of three letters (``ARN``) or three
  plus a three-letter sector (``HOBGOV``) becomes a state-like country entry whose id is the
  first three letters; names with a sector, or with dates, become its (dated) seats, so that
  "Arnor's troops" compose ``ARNMIL`` exactly as PETRARCH does. Other codes (``PSEREBHMS``)
  become groups carrying that code.
* **agents**: ``WORD {PLURALS} [~SEC]`` become sector words; ``!PERSON!``-style substitutions are
  expanded. Codes of more than three letters keep their first three; prefix agents (``NGO~``) are
  dropped.
* **verbs**: synsets ``&NAME`` (also nested) are expanded; each ``--- VERB [CODE] ---`` block gives
  a pattern for its verbs with the block code and one per ``- ... * ... [CODE]`` line, whose words
  before and after ``*`` become the pattern's ``before``/``after`` words (words joined by ``_``
  one adjacent phrase). ``[A:B]`` gives the pattern reverse code B; ``%`` (a compound actor whose
  parts act on each other) a reciprocal pattern coded both ways; ``+`` right after a preposition
  makes that preposition's object the target. The other markers (``$ + ^``) are not expressible
  (whimbrel reads roles from the parse) and are ignored.
  A code that is not a CAMEO code whimbrel knows keeps its own value in ``code`` (events are
  written with it), typed by the nearest known CAMEO code in ``cameo``: its first three digits,
  else the verb block's code, else the type whimbrel's own patterns give the verb; without one,
  the pattern is dropped (whimbrel types every event in CAMEO and PLOVER).
* **discards**: whimbrel has no discard lists; they are counted as dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from whimbrel.actors.dictionary import CountryEntry, OrgEntry, Seat, SectorEntry
from whimbrel.errors import DataFileError, Err
from whimbrel.events.patterns import bundled_patterns
from whimbrel.events.schema import TriggerPattern, cameo_names, cameo_to_plover

#: Relations giving a converted verb's target: PETRARCH takes the target from the verb phrase,
#: its object or the object of one of its prepositions.
PETRARCH_TARGET_ROLES = [
    "dobj",
    "nsubjpass",
    "dative",
    "prep:with",
    "prep:to",
    "prep:against",
    "prep:on",
    "prep:at",
    "prep:for",
    "prep:from",
    "prep:over",
    "prep:into",
]
#: Prepositions that, right before a pattern's target marker ("* WITH +"), name the target's relation.
TARGET_PREPOSITIONS = frozenset(
    {"about", "against", "at", "by", "for", "from", "in", "into", "of", "on", "over", "to", "toward", "upon", "with"}
)
#: At most this many patterns come out of one pattern line through synset expansion.
MAX_SYNSET_EXPANSION = 24
#: The stage settings a converted dictionary carries (``stages:``), to be coded as PETRARCH codes:
#: with its own patterns and actors only, targets read from the verb's phrase, every sentence coded
#: (opinion and analysis are not set aside as in news coding).
PETRARCH_STAGES: dict[str, dict[str, Any]] = {
    "whimbrel_events": {"use_bundled_patterns": False},
    "whimbrel_actors": {"use_bundled_dictionaries": False, "dictionary_roles": True},
    "whimbrel_attribution": {"drop_commentary": False},
}
#: Two-digit years at or above this are 19xx (TABARI's dates are from 1945 on).
CENTURY_PIVOT = 30

_COMMENT_BLOCK = re.compile(r"<!--.*?-->|<!\s*--.*?-->", re.S)
_CODE = re.compile(
    r"\[\s*(?P<code>[^\s\]<>]+)\s*(?:(?P<op>[<>])\s*(?P<day>\d{6,8})|(?P<a>\d{6,8})\s*-\s*(?P<b>\d{6,8}))?\s*\]"
)
_LETTERS = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})?$")
_BLOCK = re.compile(r"^---\s*(?P<verb>.+?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)---")
_PATTERN_CODE = re.compile(r"\[(?P<code>[^\]]*)\]\s*$")


@dataclass(slots=True)
class DatedCode:
    code: str
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Conversion:
    """The converted entries and what could not be expressed, by reason (with counts)."""

    actors: list[CountryEntry | OrgEntry | SectorEntry] = field(default_factory=list)
    patterns: list[TriggerPattern] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    read: Counter[str] = field(default_factory=Counter)

    def as_yaml(self) -> str:
        data = {
            "stages": PETRARCH_STAGES,
            "actors": [_dump(a) for a in self.actors],
            "patterns": [_dump(p) for p in self.patterns],
        }
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=140)

    def summary(self) -> str:
        lines = [f"read: {dict(self.read)}", f"wrote: {len(self.actors)} actor entries, {len(self.patterns)} patterns"]
        lines += [f"dropped {n}: {reason}" for reason, n in self.dropped.most_common()]
        return "\n".join(lines)


def _dump(entry: Any) -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if hasattr(entry, "kind"):
        data = {"kind": entry.kind, **data}
    if isinstance(entry, CountryEntry) and entry.seats:
        # a seat's agent defaults to GOV, so "the state as a whole" (None) must be written out
        data["seats"] = [
            {k: v for k, v in seat.model_dump(mode="json").items() if v is not None or k == "agent"}
            for seat in entry.seats
        ]
    return data


# --- reading -----------------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text without comments) of a dictionary file; blank lines skipped."""
    text = path.read_text(encoding="utf-8", errors="replace")
    # keep line numbers: blank out comment blocks but keep their newlines
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line


def _words(name: str) -> str:
    """A dictionary phrase as text: ``NEW_ZEALAND`` -> "NEW ZEALAND"; a trailing ``_`` (no stemming) goes."""
    return " ".join(w for w in name.replace("_", " ").split() if w)


def _display(phrase: str) -> str:
    """PETRARCH writes names in capitals; whimbrel matches names as written in text, so names are
    title-cased except short abbreviations and dotted ones ("IMF", "U.S.")."""
    if len(phrase.replace(".", "").replace(" ", "")) <= 3:
        return phrase
    return " ".join(w if "." in w else w.capitalize() if w.isalpha() else w.title() for w in phrase.split())


def _day(text: str) -> date:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{19 if year >= CENTURY_PIVOT else 20}{text}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _dated_code(match: re.Match[str]) -> DatedCode:
    code = match.group("code")
    if match.group("op") == "<":
        return DatedCode(code, end=_day(match.group("day")) - timedelta(days=1))
    if match.group("op") == ">":
        return DatedCode(code, start=_day(match.group("day")) + timedelta(days=1))
    if match.group("a"):
        return DatedCode(code, start=_day(match.group("a")), end=_day(match.group("b")))
    return DatedCode(code)


@dataclass(slots=True)
class _Actor:
    names: list[str]
    codes: list[DatedCode]
    line: int


def read_actors(path: Path) -> list[_Actor]:
    """Entries of a PETRARCH actors file: names (with ``+`` synonyms) and their (dated) codes."""
    actors: list[_Actor] = []
    for number, line in _lines(path):
        stripped = line.strip()
        if stripped.startswith("+") and actors:
            actors[-1].names.append(_words(stripped[1:].split("[", 1)[0]))
        elif stripped.startswith("[") and actors:
            try:
                actors[-1].codes += [_dated_code(m) for m in _CODE.finditer(stripped)]
            except ValueError as exc:
                raise DataFileError(Err.E205, path=str(path), line=number, detail=str(exc)) from exc
        elif not line[0].isspace():
            name = _words(stripped.split("[", 1)[0])
            try:
                codes = [_dated_code(m) for m in _CODE.finditer(stripped)]
            except ValueError as exc:
                raise DataFileError(Err.E205, path=str(path), line=number, detail=str(exc)) from exc
            actors.append(_Actor([name], codes, number))
    return actors


def convert_actors(actors: list[_Actor], out: Conversion) -> None:
    """Country entries keyed by the codes' first three letters; seats for sectors and dates; groups otherwise."""
    countries: dict[str, dict[str, Any]] = {}
    groups: list[OrgEntry] = []

    def country(cid: str) -> dict[str, Any]:
        return countries.setdefault(cid, {"id": cid, "names": [], "seats": []})

    for actor in actors:
        out.read["actors"] += 1
        names = [_display(n) for n in actor.names if n]
        # "THE_HERMIT_KINGDOM": the article is not part of the name whimbrel reads off the parse
        names += [n[4:] for n in names if n.lower().startswith("the ") and len(n) > 5]
        if not actor.codes:
            out.dropped["actor without a code"] += 1
            continue
        for dated in actor.codes:
            code = dated.code
            if not _LETTERS.match(code):
                if re.fullmatch(r"[A-Z]{4,}", code):
                    groups.append(_group(names, code, len(groups)))
                else:
                    out.dropped[f"actor code not expressible ({code})"] += 1
                continue
            cid, sector = code[:3], code[3:] or None
            if sector is None and dated.start is None and dated.end is None:
                country(cid)["names"] += names
            else:
                out.read["dated or sector codes"] += 1
                for name in names:
                    country(cid)["seats"].append(Seat(name=name, agent=sector, start=dated.start, end=dated.end))
    for cid, parts in countries.items():
        names = list(dict.fromkeys(parts["names"]))
        out.actors.append(
            CountryEntry(id=cid, name=names[0] if names else cid, aliases=names[1:], seats=parts["seats"])
        )
    out.actors.extend(groups)


def _group(names: list[str], code: str, index: int) -> OrgEntry:
    ident = re.sub(r"[^A-Z0-9]+", "_", names[0].upper()).strip("_") or f"PETRARCH_{index}"
    agent = code[3:6] if len(code) >= 6 else "UAF"
    return OrgEntry(kind="group", id=ident, name=names[0], aliases=names[1:], country=code[:3], agent=agent, code=code)


_SUBSTITUTION = re.compile(r"^(?P<key>![A-Z]+!)\s*=\s*(?P<values>.+)$")
_AGENT = re.compile(r"^(?P<name>[^{\[]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[\s*(?P<code>[^\]]+?)\s*\]")


def convert_agents(path: Path, out: Conversion) -> None:
    """Agent words grouped by sector code into sector entries."""
    substitutions: dict[str, list[str]] = {}
    words: dict[str, list[str]] = defaultdict(list)
    for _, line in _lines(path):
        sub = _SUBSTITUTION.match(line.strip())
        if sub:
            substitutions[sub.group("key")] = [v.strip() for v in sub.group("values").split(",") if v.strip()]
            continue
        match = _AGENT.match(line.strip())
        if match is None:
            continue
        out.read["agents"] += 1
        code = match.group("code").replace(" ", "")
        if not code.startswith("~"):
            out.dropped["prefix agent (code before the actor, e.g. NGO~)"] += 1
            continue
        sector = code[1:4]
        if not re.fullmatch(r"[A-Z]{3}", sector):
            out.dropped[f"agent code not expressible ({code})"] += 1
            continue
        if len(code) > 4:
            out.dropped["agent code longer than one sector (kept its first three letters)"] += 1
        forms = [match.group("name")] + [p for p in (match.group("plurals") or "").split() if p]
        for form in forms:
            words[sector] += [_words(w).lower() for w in _expand_substitutions(form, substitutions)]
    for sector, found in words.items():
        unique = list(dict.fromkeys(w for w in found if w))
        out.actors.append(SectorEntry(id=sector, name=sector.lower(), words=unique))


def _expand_substitutions(form: str, substitutions: dict[str, list[str]]) -> list[str]:
    for key, values in substitutions.items():
        if key in form:
            return [form.replace(key, v) for v in values]
    return [form]


# --- verbs -------------------------------------------------------------------------------------


def _read_synsets(lines: list[tuple[int, str]]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for _, line in lines:
        stripped = line.strip()
        if stripped.startswith("&"):
            current = stripped.split()[0].rstrip("_")
            synsets[current] = []
        elif stripped.startswith("+") and current is not None:
            synsets[current].append(stripped[1:].strip())
        else:
            current = None
    resolved: dict[str, list[str]] = {}

    def expand(name: str, depth: int = 0) -> list[str]:
        if name in resolved:
            return resolved[name]
        out: list[str] = []
        for member in synsets.get(name, []):
            if member.startswith("&") and depth < 4:
                out += expand(member.rstrip("_"), depth + 1)
            else:
                out.append(member)
        resolved[name] = out
        return out

    for name in synsets:
        expand(name)
    return resolved


@dataclass(frozen=True, slots=True)
class _Code:
    event: str
    reverse: str | None = None  # the event read from the target's side: ``[032:033]``


def _one_code(raw: str) -> str | None:
    code = raw.rstrip("?").strip()
    return code if re.fullmatch(r"\d{2,4}[A-Za-z]?", code) else None


def _event_code(raw: str) -> _Code | None:
    """``013:012`` -> 013 with reverse 012; ``025?`` -> 025; ``---`` and junk -> None."""
    event, _, reverse = raw.strip().partition(":")
    code = _one_code(event)
    return _Code(code, _one_code(reverse) if reverse else None) if code else None


def _cameo_for(code: str) -> str | None:
    """The CAMEO code whimbrel can type the event with: the code itself, or its first three digits."""
    known = cameo_to_plover()
    for cand in (code, code[:3]):
        if cand in known and cand in cameo_names():
            return cand
    return None


@lru_cache(maxsize=1)
def _bundled_verb_types() -> dict[str, str]:
    """Verb lemma -> the CAMEO code whimbrel's own patterns give it, those without context words first."""
    types: dict[str, str] = {}
    verb_patterns = [p for p in bundled_patterns() if "VERB" in p.pos]
    for pattern in sorted(verb_patterns, key=lambda p: (bool(p.requires or p.before or p.after), p.id)):
        for lemma in pattern.lemmas:
            types.setdefault(lemma, pattern.cameo)
    return types


@dataclass(slots=True)
class _Block:
    verbs: list[tuple[str, _Code | None]]  # (verb phrase, its own code if any)
    code: _Code | None
    lines: list[tuple[int, str]]


def _read_blocks(lines: list[tuple[int, str]]) -> list[_Block]:
    blocks: list[_Block] = []
    in_synset = False  # the "+" lines after "&NAME" are its members, not verbs of the block before
    for number, line in lines:
        stripped = line.strip()
        head = _BLOCK.match(stripped)
        if head:
            in_synset = False
            codes = re.findall(r"\[([^\]]*)\]", head.group("codes"))
            blocks.append(_Block([], _event_code(codes[0]) if codes else None, []))
            continue
        if stripped.startswith("&"):
            in_synset = True
            continue
        in_synset = in_synset and stripped.startswith("+")
        if not blocks or in_synset:
            continue
        elif stripped.startswith("-"):
            blocks[-1].lines.append((number, stripped[1:].strip()))
        elif not line[0].isspace() or stripped.startswith("+"):
            verb = re.sub(r"\{[^}]*\}", "", stripped).strip()
            own = re.search(r"\[([^\]]*)\]", verb)
            verb_text = verb.split("[", 1)[0].strip()
            blocks[-1].verbs.append((verb_text, _event_code(own.group(1)) if own else None))
    return blocks


def convert_verbs(path: Path, out: Conversion, lemmatize: Callable[[str], str]) -> None:
    lines = list(_lines(path))
    synsets = _read_synsets(lines)
    seen: set[str] = set()
    for block in _read_blocks(lines):
        cues: list[str] = []
        for verb, own_code in block.verbs:
            out.read["verbs"] += 1
            if "&" in verb:
                out.dropped["verb phrase holding a synset"] += 1
                continue
            words = _words(verb.lstrip("+")).lower().split()
            # in a compound verb "+" marks the verb word ("WIRE_+TAP"); else the first word is the verb
            head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
            words = [w.lstrip("+") for w in words]
            cue = " ".join(lemmatize(w) if i == head else w for i, w in enumerate(words))
            cues.append(cue)
            code = own_code or block.code
            if code is not None:
                _add(out, seen, _Pattern(cue, code, [], [], "verb", block.code))
            elif own_code is None and block.code is None:
                out.dropped["verb without a code of its own (coded only through its patterns)"] += 1
        if not cues:
            continue
        for _number, text in block.lines:
            out.read["verb patterns"] += 1
            found = _PATTERN_CODE.search(text)
            code = _event_code(found.group("code")) if found else None
            if code is None:
                out.dropped["pattern with a null or unreadable code ([---])"] += 1
                continue
            body = text[: found.start()] if found else text
            variants = _synset_variants(body, synsets)
            if variants is None:
                out.dropped["pattern whose synset expansion is too large or unknown"] += 1
                continue
            for tokens in variants:
                if "*" not in tokens:
                    out.dropped["pattern without a verb position (*)"] += 1
                    break
                star = tokens.index("*")
                before = [w for w in tokens[:star] if w not in MARKERS]
                after = [w for w in tokens[star + 1 :] if w not in MARKERS]
                # "%" marks a compound actor whose parts act on each other: "X and Y held talks" is
                # X->Y and Y->X, with the pattern's code both ways unless it gives a reverse one
                compound = "%" in tokens
                if compound:
                    code = _Code(code.event, code.reverse or code.event)
                subject = compound and tokens.index("%") < star
                target_prep = _target_preposition(tokens, star)
                for cue in cues:
                    pattern = _Pattern(cue, code, before, after, "pattern", block.code, compound, subject, target_prep)
                    _add(out, seen, pattern)


def _target_preposition(tokens: list[str], star: int) -> str | None:
    """The preposition right before the pattern's target marker: "* EID AT ^ WITH +" -> with.
    In "* IFTAR IN ^ +" the object of "in" is skipped ("^"): the target is another phrase."""
    if "+" not in tokens[star + 1 :]:
        return None
    marker = tokens.index("+", star + 1)
    word = tokens[marker - 1]
    return word if marker - 1 > star and word in TARGET_PREPOSITIONS else None


#: The verb's position and PETRARCH's actor markers in a pattern line.
MARKERS = frozenset("*$+%^")


def _part_forms(part: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """What one word of a pattern can be: itself, or each member of its synset (None: unknown synset)."""
    if not part.startswith("&"):
        return [part.lower()]
    members = synsets.get(part.rstrip("_"))
    return [_words(m).lower() for m in members] if members else None


def _group_slots(group: str, synsets: dict[str, list[str]]) -> list[list[list[str]]] | None:
    """The slots of one space-separated group of a pattern line. Words joined by ``_`` must be
    adjacent in the text, so they form one phrase ("NEW_&TIES_RELATIONS" -> "new trade relations");
    markers stand alone. A group holding the verb ("WOULD_*_TALKS") keeps its words apart: whimbrel
    pins words before or after the trigger, not next to it."""
    parts = [p for p in group.split("_") if p]
    holds_verb = "*" in parts
    slots: list[list[list[str]]] = []
    run: list[list[str]] = []

    def close_run() -> None:
        if run:
            slots.append([[" ".join(words)] for words in itertools.product(*run)])
            run.clear()

    for part in parts:
        if part in MARKERS:
            close_run()
            slots.append([[part]])
            continue
        forms = _part_forms(part, synsets)
        if forms is None:
            return None
        run.append(forms)
        if holds_verb:
            close_run()
    close_run()
    return slots


def _synset_variants(body: str, synsets: dict[str, list[str]]) -> list[list[str]] | None:
    """The pattern's items (markers, words and phrases), one list per combination of its synsets' members."""
    slots: list[list[list[str]]] = []
    for group in body.split():
        group_slots = _group_slots(group, synsets)
        if group_slots is None:
            return None
        slots += group_slots
    combos = list(itertools.islice(itertools.product(*slots), MAX_SYNSET_EXPANSION + 1))
    if len(combos) > MAX_SYNSET_EXPANSION:
        return None
    return [[w for part in combo for w in part] for combo in combos]


def _target_roles(found: _Pattern) -> list[str]:
    if found.compound_subject:
        return []  # the compound's parts are each other's targets
    if found.target_prep:
        return [f"prep:{found.target_prep}"]
    return PETRARCH_TARGET_ROLES


@dataclass(slots=True)
class _Pattern:
    """One pattern to write: a verb's cue, its code and the words around it."""

    cue: str
    code: _Code
    before: list[str]
    after: list[str]
    what: str  # "verb" or "pattern", for the counts of what was dropped
    verb_code: _Code | None = None
    compound: bool = False
    # a compound subject: its parts are the only actors, the object is a word of the pattern
    compound_subject: bool = False
    # the target is this preposition's object, and only it
    target_prep: str | None = None


def _add(out: Conversion, seen: set[str], found: _Pattern) -> None:
    code, verb_code = found.code.event, found.verb_code.event if found.verb_code else None
    # a private code keeps its value in ``code``; ``cameo`` (which gives the PLOVER type) falls back
    # to the verb block's CAMEO code, else to the type whimbrel's own patterns give the verb
    cameo = _cameo_for(code) or (_cameo_for(verb_code) if verb_code else None) or _bundled_verb_types().get(found.cue)
    if cameo is None:
        out.dropped[f"{found.what} whose code has no CAMEO/PLOVER equivalent in whimbrel ({code})"] += 1
        return
    reverse = found.code.reverse
    if reverse is not None and reverse != code and reverse not in cameo_to_plover():
        out.dropped[f"reverse code with no CAMEO/PLOVER equivalent in whimbrel ({reverse})"] += 1
        reverse = None
    key = f"{found.cue}|{code}|{reverse}|{found.compound}|{found.compound_subject}|{found.target_prep}"
    key += f"|{found.before}|{found.after}"
    if key in seen:
        return
    seen.add(key)
    ident = "petrarch." + re.sub(r"[^a-z0-9]+", "_", found.cue) + f".{len(out.patterns) + 1}"
    out.patterns.append(
        TriggerPattern(
            id=ident,
            lemmas=[found.cue],
            pos=["VERB"],
            before=found.before,
            after=found.after,
            cameo=cameo,
            plover=cameo_to_plover()[cameo].plover,
            roles={  # type: ignore[arg-type]
                "target": _target_roles(found),
                "reciprocal": found.compound,
            },
            code=code if code != cameo else None,
            reverse=reverse,
        )
    )


# --- the whole folder --------------------------------------------------------------------------


def spacy_lemmatizer() -> Callable[[str], str]:
    """Verb lemmas from the spaCy model's lemmatizer (PETRARCH lists inflected forms: SAID, MET)."""
    import spacy
    from spacy.tokens import Doc

    from whimbrel.config import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    lemmatizer = nlp.get_pipe("lemmatizer")

    def lemma(word: str) -> str:
        doc = Doc(nlp.vocab, words=[word], pos=["VERB"], tags=["VBD"])
        return str(lemmatizer(doc)[0].lemma_).lower() or word

    return lemma


def find_files(folder: Path) -> dict[str, Path]:
    """The actors/agents/verbs/discards files of a PETRARCH dictionary folder, by kind."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.txt")):
        for kind in ("actors", "agents", "verbs", "discards"):
            if f".{kind}." in path.name.lower() or path.name.lower().endswith(f"{kind}.txt"):
                found.setdefault(kind, path)
    return found


def convert_folder(folder: Path, lemmatize: Callable[[str], str] | None = None) -> Conversion:
    """Convert every dictionary file found in ``folder``; raises E203 when there is none."""
    files = find_files(folder)
    if not files:
        raise DataFileError(Err.E203, path=str(folder))
    out = Conversion()
    if "actors" in files:
        convert_actors(read_actors(files["actors"]), out)
    if "agents" in files:
        convert_agents(files["agents"], out)
    if "verbs" in files:
        convert_verbs(files["verbs"], out, lemmatize or spacy_lemmatizer())
    if "discards" in files:
        count = sum(1 for _ in _lines(files["discards"]))
        out.read["discards"] += count
        out.dropped["discard phrases (whimbrel has no discard lists)"] += count
    return out


def write_conversion(folder: Path, output: Path) -> Conversion:
    conversion = convert_folder(folder)
    output.write_text(conversion.as_yaml(), encoding="utf-8")
    return conversion
