"""Stage 4: resolve event source/target spans and sentence speakers into :class:`~whimbrel.model.Actor` records.

A span is read as a set of dictionary cues (see :mod:`whimbrel.actors.lexicon`), longest phrase
first, then combined:

* a named person (an office-holder) gives the country and, if in office on the article's date,
  the sector of the office (defence ministers MIL, everyone else GOV); out of office: ELI;
* otherwise the leftmost named entity decides: a named group or IGO/NGO, or a state named by its
  name, demonym or seat of government ("Moscow", "the Pentagon");
* the sector is that of the span's head word ("Nusra Front *militants*" -> INS), else the
  rightmost sector word, else the seat's or the organisation's own;
* a state plus a title ("Russia's defense minister", "the US president") is looked up among the
  office-holders on the date, filling ``name``;
* with no named entity in the span, an apposition to its head is read the same way
  ("Ali Shamkhani, *the secretary of Iran's Supreme National Security Council*").

Nothing is invented: an unresolvable span still yields an Actor with its text and offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from whimbrel.actors.dictionary import ROLE_AGENT, ActorDictionary, OfficeTerm, OrgEntry, load_dictionaries
from whimbrel.actors.lexicon import Cue, CueMatch, Lexicon
from whimbrel.actors.non_actors import names_no_actor
from whimbrel.events.reverse import reversed_mentions
from whimbrel.events.roles import actor_span
from whimbrel.model import Actor
from whimbrel.nlp.extensions import EventMention, article_of, event_mentions_of, register_extensions

#: Sector of someone named who holds no listed office on the date (a former or future holder).
OUT_OF_OFFICE_AGENT = "ELI"

#: Sector of a people named by a plural demonym ("Nigerians", "ethnic Albanians"), as in CAMEO.
PEOPLE_AGENT = "CVL"

#: Head words that say someone holds a post without saying which sector it is in.
GENERIC_HEADS = frozenset({"leader", "leaders", "official", "officials", "spokesman", "spokeswoman", "spokesperson"})
#: Generic heads that, alone, name no sector at all: "officers" may be army, police, customs or
#: prison officers. Still actor words, they take the sector of the word before ("army officers").
SECTORLESS_HEADS = frozenset({"officer", "officers"})

#: "anti-Houthi forces" fight the Houthis: a name right after one of these and a hyphen is an opponent.
OPPONENT_PREFIXES = frozenset({"anti", "counter"})

#: "Iranian-backed militias" are not Iranian: a state named right before one of these words is a sponsor.
SPONSOR_WORDS = frozenset({"backed", "allied", "aligned", "supported", "sponsored", "funded", "armed", "trained"})


def actor_code(country: str | None, agent: str | None, org: OrgEntry | None = None) -> str | None:
    """CAMEO-style code: an organisation's own code/id; a state's ISO3 + sector; None without either."""
    if org is not None:
        return org.code or org.id
    if country is None:
        return None
    return country + (agent or "")


@dataclass(slots=True)
class _Reading:
    """The cues found in a span, sorted into what each can contribute."""

    entities: list[Cue]
    demonyms: list[CueMatch]  # kept apart too, even "ethnic" ones, for telling a people from a state
    persons: list[Cue]
    sectors: list[CueMatch]
    titles: list[Cue]


class ActorLookup:
    """The dictionaries plus their phrase matchers: resolves spans to Actors for one vocab."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab) -> None:
        self.dictionary = dictionary
        self.lexicon = Lexicon(dictionary, vocab)

    def resolve(self, span: Span | None, on_date: date | None) -> Actor | None:
        if span is None:
            return None
        actor = Actor(text=span.text, start=span.start_char, end=span.end_char)
        reading = self._read(span, on_date)
        if not (reading.entities or reading.persons):
            apposition = self._apposition(span)
            if apposition is not None:
                extra = self._read(apposition, on_date)
                reading = _Reading(
                    extra.entities,
                    reading.demonyms,
                    extra.persons,
                    reading.sectors or extra.sectors,
                    reading.titles or extra.titles,
                )
        self._fill(actor, reading, span, on_date)
        return actor

    def _read(self, span: Span, on_date: date | None = None) -> _Reading:
        entities, demonyms, persons, sectors, titles = [], [], [], [], []
        for found in self.lexicon.find(span):
            match = _on_date(found, on_date)
            if not match.cues:
                continue
            if match.first("demonym") is not None:
                demonyms.append(match)
            entity = match.first("org", "country", "demonym", "seat")
            if entity is not None and not _names_another_state(span.doc, match, entity):
                entities.append(entity)
            person = match.first("person")
            if person is not None:
                persons.append(person)
            if match.first("sector") is not None:
                sectors.append(match)
            title = match.first("title")
            if title is not None:
                titles.append(title)
        return _Reading(entities, demonyms, persons, sectors, titles)

    @staticmethod
    def _apposition(span: Span) -> Span | None:
        """The apposition attached to the span's head, outside the span ("X, the secretary of ...")."""
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and not (span.start <= child.i < span.end):
                subtree = list(child.subtree)
                return span.doc[subtree[0].i : subtree[-1].i + 1]
        if root.dep_ == "appos" and not (span.start <= root.head.i < span.end):
            return span.doc[root.head.i : root.head.i + 1]
        return None

    def _fill(self, actor: Actor, reading: _Reading, span: Span, on_date: date | None) -> None:
        sectors = _named_sectors(reading.sectors, span)
        head_sector = _head_sector(sectors, span)
        org = None
        if reading.persons:
            self._fill_person(actor, reading.persons[0], on_date)
        elif reading.entities:
            org = self._fill_entity(actor, reading.entities[0], reading, on_date)
        if head_sector is None and _is_people_named_by_demonym(reading, span):
            head_sector = PEOPLE_AGENT
        if head_sector is not None:
            actor.agent = head_sector
        elif sectors and (actor.agent is None or reading.persons):
            # A person's title in the text ("Prime Minister Ehud Barak") says which office the
            # text means, better than the dictionary's list of the offices that person held.
            actor.agent = _sector_of(sectors[-1])
        actor.code = actor_code(actor.country, actor.agent, org)

    def _fill_person(self, actor: Actor, cue: Cue, on_date: date | None) -> None:
        term, in_office = _term_on(self.lexicon.person_terms[cue.ref], on_date)
        actor.name = term.name
        actor.country = term.country
        actor.agent = ROLE_AGENT[term.role] if in_office else OUT_OF_OFFICE_AGENT

    def _fill_entity(self, actor: Actor, cue: Cue, reading: _Reading, on_date: date | None) -> OrgEntry | None:
        """Fill from a named organisation or state; returns the organisation, if that is what it was."""
        if cue.kind == "org":
            org = self.dictionary.orgs[cue.ref]
            actor.name = org.name
            actor.agent = org.agent
            if org.kind == "igo":
                actor.country = org.id
            else:
                actor.group = org.id
                actor.country = org.country
            return org
        country = self.dictionary.countries[cue.ref]
        actor.country = country.id
        actor.name = country.name
        actor.agent = cue.agent  # a seat's sector; None for a bare name or demonym
        holder = self._office_holder(country.id, reading.titles, on_date)
        if holder is not None:
            actor.name = holder.name
            actor.agent = ROLE_AGENT[holder.role]
        return None

    def prep_states(self, span: Span, on_date: date | None) -> list[Actor]:
        """States named through of/in/from after a span's head ("lawmakers in Fornost and Gondor")."""
        states: list[Actor] = []
        for prep in span.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in STATE_PREPS:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for token in [obj, *obj.conjuncts]:
                    actor = self.resolve(actor_span(token), on_date)
                    if actor is not None and _is_coded(actor) and actor.group is None:
                        states.append(actor)
        return states

    def phrase_actors(
        self, trigger: Token, source: Span | None, on_date: date | None, venue: bool = False
    ) -> list[Actor]:
        """The first dictionary state, group or seat named in the trigger's phrase (not in its source),
        with the actors coordinated with it; at a ``venue``, not a state named as the site."""
        tokens = _phrase_tokens(trigger)
        if not tokens:
            return []
        doc = trigger.doc
        inside = {t.i for t in tokens}
        phrase = doc[tokens[0].i : tokens[-1].i + 1]
        for match in self.lexicon.find(phrase):
            if match.start not in inside or (source is not None and source.start <= match.start < source.end):
                continue
            if _on_date(match, on_date).first("org", "country", "demonym", "seat") is None:
                continue
            head = _noun_head(doc[match.end - 1])
            if venue and _is_site(head) and _on_date(match, on_date).first("org") is None:
                continue
            # a name holding "of" ("Prince of Dol Amroth") is wider than its head's phrase
            actor = self.resolve(actor_span(head), on_date)
            if not _is_coded(actor):
                actor = self.resolve(doc[match.start : match.end], on_date)
            if actor is None or not _is_coded(actor):
                continue
            found = [actor]
            for conjunct in head.conjuncts:
                other = self.resolve(actor_span(conjunct), on_date)
                if other is not None and _is_coded(other) and conjunct.i > head.i:
                    found.append(other)
            return found
        return []

    def _office_holder(self, country: str, titles: Sequence[Cue], on_date: date | None) -> OfficeTerm | None:
        for title in titles:
            terms = self.dictionary.terms_of(country, title.ref)
            if terms:
                term, in_office = _term_on(terms, on_date)
                if in_office:
                    return term
        return None


def _on_date(match: CueMatch, on_date: date | None) -> CueMatch:
    """The match with only the cues that hold on the date; a dated name valid then beats the undated
    ones, and the narrowest dated span of validity wins ("[ORCHOB 20100109-20100112]" inside a longer one)."""
    if not any(c.dated for c in match.cues):
        return match
    valid = [c for c in match.cues if c.holds_on(on_date)]
    dated = [c for c in valid if c.dated]
    if on_date is not None and dated:
        narrowest = min(dated, key=lambda c: ((c.end or date.max) - (c.start or date.min)).days)
        valid = [narrowest, *(c for c in valid if not c.dated and c.kind not in _ENTITY_KINDS)]
    return CueMatch(match.start, match.end, tuple(valid))


_ENTITY_KINDS = frozenset({"org", "country", "demonym", "seat"})


def _term_on(terms: Sequence[OfficeTerm], on_date: date | None) -> tuple[OfficeTerm, bool]:
    """The term held on the date (True), else the nearest one in time (False); undated: the latest."""
    if on_date is None:
        return max(terms, key=lambda t: t.start), True
    held = [t for t in terms if t.holds_on(on_date)]
    if held:
        return max(held, key=lambda t: t.start), True
    return min(terms, key=lambda t: _days_from(t, on_date)), False


def _days_from(term: OfficeTerm, day: date) -> int:
    if day < term.start:
        return (term.start - day).days
    return (day - (term.end or day)).days


def _sector_of(match: CueMatch) -> str | None:
    cue = match.first("sector")
    return cue.agent if cue else None


def heads_a_sectorless_post(span: Span | None) -> bool:
    """Whether the span is about holders of a post of no known sector ("several officers"):
    people, not things, even with no sector."""
    return span is not None and span.root.lower_ in SECTORLESS_HEADS


def _named_sectors(sectors: Sequence[CueMatch], span: Span) -> list[CueMatch]:
    """The span's sector words but a sectorless head standing alone ("officers", not "police
    officers"): it carries no sector of its own, neither as the head nor as the last word left."""
    root = span.root
    return [m for m in sectors if not (m.start == root.i == m.end - 1 and heads_a_sectorless_post(span))]


def _head_sector(sectors: Sequence[CueMatch], span: Span) -> str | None:
    """The sector of the word the span is about (its syntactic head), if that word is a sector word.

    A generic head ("leaders", "officials") takes the sector of the word before it: "rebel
    leaders" are REB, "military officials" MIL; with none, it says nothing ("Pentagon officials"
    keep the Pentagon's MIL).
    """
    root = span.root
    for i, match in enumerate(sectors):
        if match.start <= root.i < match.end:
            if root.lower_ in GENERIC_HEADS:
                return _sector_of(sectors[i - 1]) if i > 0 else None
            return _sector_of(match)
    return None


def _is_people_named_by_demonym(reading: _Reading, span: Span) -> bool:
    root = span.root
    return root.tag_ in ("NNS", "NNPS") and any(
        m.start <= root.i < m.end and m.first("demonym") is not None for m in reading.demonyms
    )


def _names_another_state(doc: Doc, match: CueMatch, cue: Cue) -> bool:
    """A state named as a sponsor ("Iranian-backed"), an opponent ("anti-Houthi forces") or an
    ethnicity ("ethnic Albanians") is not the actor's."""
    after = doc[match.end : match.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in SPONSOR_WORDS:
        return True
    before = doc[max(match.start - 2, 0) : match.start]
    if len(before) == 2 and before[0].lower_ in OPPONENT_PREFIXES and before[1].text == "-":
        return True
    return cue.kind == "demonym" and match.start > 0 and doc[match.start - 1].lower_ == "ethnic"


@lru_cache(maxsize=8)
def _lookup(vocab: Vocab, extra_files: tuple[str, ...] = (), include_builtin: bool = True) -> ActorLookup:
    return ActorLookup(load_dictionaries(extra_files, include_builtin=include_builtin), vocab)


def resolve_span(span: Span | None, on_date: date | None) -> Actor | None:
    """Resolve one span with the built-in dictionaries (dated by ``on_date``; None: latest facts)."""
    if span is None:
        return None
    return _lookup(span.vocab).resolve(span, on_date)


#: CAMEO codes of meeting (04x, and 036 the promise to meet) and signing (057) besides joint action:
#: their "in X" is where the parties met. An agreement's "in X" is mostly where the agreed act is to
#: be ("agreed to open a centre in Tokyo"), which CAMEO codes as the agreement's target.
MEETING_CODES = ("04", "036", "057", "06")


def held_at_a_site(mention: EventMention) -> bool:
    """Whether a state named as the event's site is only where it was held (see :func:`_is_site`)."""
    return mention.cameo.startswith(MEETING_CODES) and mention.plover_mode != "visit"


#: Prepositions that say where an act took place: a state named after one is the act's site.
SITE_PREPS = frozenset({"in", "inside", "within"})


def _is_site(head: Token) -> bool:
    """ "talks in the Belarusian capital", "a joint centre in Baghdad": a state named as where it happened."""
    return head.dep_ == "pobj" and head.head.lower_ in SITE_PREPS


#: Prepositions through which a sector names its state: "lawmakers in X", "the government of X".
STATE_PREPS = frozenset({"of", "in", "from"})

#: Dependents of a verb that open a clause of their own: its actors are not the verb's target.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "csubj", "parataxis", "acl", "mark"})


class ActorResolver:
    """spaCy component ``whimbrel_actors``: fills EventMention.source_actor/target_actor and speakers.

    A target that names no dictionary actor (or none was found) gives way to the first dictionary
    actor in the trigger's own phrase ("restore ties *with Gondor*", "fired shells *at Seoul*",
    "threatened further action *against Russia*", "lifted the curfew *in Montenegro*"), and the
    actors coordinated with it each give an event of their own. With ``dictionary_roles`` (coding
    with a user's dictionary, PETRARCH-style), a sector is also given the states named after it.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        extra_dictionary_files: Sequence[str] = (),
        dictionary_roles: bool = False,
        use_bundled_dictionaries: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        files = tuple(str(p) for p in extra_dictionary_files)
        self.lookup = _lookup(nlp.vocab, files, use_bundled_dictionaries)
        self.dictionary_roles = dictionary_roles

    def _lend_states(self, mention: EventMention, on_date: date | None) -> list[EventMention]:
        """A sector without a state takes the states named after it ("the ambassadors of Arnor and
        Gondor" -> ARNGOV, GONGOV): the first fills the actor, each other one adds a mention."""
        extra: list[EventMention] = []
        for role in ("source", "target"):
            actor: Actor | None = getattr(mention, f"{role}_actor")
            span: Span | None = getattr(mention, f"{role}_span")
            if actor is None or span is None or actor.country is not None or actor.agent is None:
                continue
            states = self.lookup.prep_states(span, on_date)
            if not states:
                continue
            setattr(mention, f"{role}_actor", _with_state(actor, states[0]))
            extra += [replace(mention, **{f"{role}_actor": _with_state(actor, s)}) for s in states[1:]]  # type: ignore[arg-type]
        return extra

    def _resolve_role(self, mention: EventMention, role: str, on_date: date | None) -> bool:
        """The role's actor; a role filled only by a noun that names no actor ("the agreement",
        "the situation") is emptied, so that no later stage lends it a country. Returns whether it was."""
        span: Span | None = getattr(mention, f"{role}_span")
        actor = self.lookup.resolve(span, on_date)
        emptied = span is not None and actor is not None and names_no_actor(span, actor)
        if emptied:
            setattr(mention, f"{role}_span", None)
            actor = None
        setattr(mention, f"{role}_actor", actor)
        return emptied

    def __call__(self, doc: Doc) -> Doc:
        on_date = article_of(doc).published
        added: list[EventMention] = []
        emptied: list[EventMention] = []
        for mention in event_mentions_of(doc):
            for role in ("source", "target"):
                if self._resolve_role(mention, role, on_date) and role == "target":
                    emptied.append(mention)
            if self.dictionary_roles:
                added.extend(self._lend_states(mention, on_date))
            if not _is_coded(mention.target_actor):
                venue = held_at_a_site(mention)
                found = self.lookup.phrase_actors(mention.trigger, mention.source_span, on_date, venue)
                if found:
                    mention.target_actor = found[0]
                    # coordinated actors ("with Mordor, Rohan and Bree") are each a target
                    added.extend(replace(mention, target_actor=actor) for actor in found[1:])
        mentions = event_mentions_of(doc)
        mentions.extend(added)
        _drop_emptied_duplicates(mentions, emptied)
        # with both actors known, a pattern's reverse code gives the event read from the target's side
        mentions.extend(reversed_mentions(mentions))
        for info in (doc._.sentence_info or {}).values():
            if info.speaker_span is not None:
                speaker = self.lookup.resolve(info.speaker_span, on_date)
                info.attribution.speaker_actor = speaker.code if speaker else None
        return doc


def _drop_emptied_duplicates(mentions: list[EventMention], emptied: list[EventMention]) -> None:
    """A mention whose target was no actor is dropped where the same trigger and source have a real
    target ("Homes and the market were set on fire": "fire" is no third thing burnt)."""
    kept = {(m.trigger.i, m.source_span) for m in mentions if m.target_actor is not None}
    dropped = [e for e in emptied if e.target_actor is None and (e.trigger.i, e.source_span) in kept]
    mentions[:] = [m for m in mentions if not any(m is d for d in dropped)]


def _with_state(actor: Actor, state: Actor) -> Actor:
    return replace(actor, country=state.country, code=actor_code(state.country, actor.agent))


def _is_coded(actor: Actor | None) -> bool:
    return actor is not None and actor.country is not None


def _phrase_tokens(trigger: Token) -> list[Token]:
    """The tokens after the trigger in its own phrase, stopping at clauses that hang from it, except
    the infinitive it governs ("threatened *to cut off electricity to X*")."""
    out: list[Token] = []

    def walk(token: Token) -> None:
        for child in token.children:
            if token is trigger and child.dep_ == "ccomp":
                # "X believes Y can cope": what a verb of saying or thinking is about is its clause's subject
                subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > trigger.i]
                for subject in subjects:
                    out.extend(subject.subtree)
                continue
            aim = token is trigger and child.dep_ == "xcomp" and _is_infinitive(child)
            if child.i <= trigger.i or (token is trigger and child.dep_ in CLAUSE_DEPS and not aim):
                continue
            # a participle describing a noun of the phrase is part of it: "the roads leading into X"
            if child.pos_ in ("VERB", "AUX") and child.dep_ in CLAUSE_DEPS and child.dep_ != "acl" and not aim:
                continue
            out.append(child)
            walk(child)

    walk(trigger)
    return sorted(out, key=lambda t: t.i)


def _is_infinitive(verb: Token) -> bool:
    """ "to cut off", "to break off": what a verb of threatening, refusing or offering is about, whose
    object the verb itself aims at ("threatened to cut off electricity *to Nakhichevan*")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _noun_head(token: Token) -> Token:
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i > token.i:
        token = token.head
    return token
