"""Stage 5b: lend a country to actors whose words name none, from the context a reader would use.

"Police arrested 12 protesters in Lahore" names no country, yet every reader (and every ACLED
coder: "Police Forces of Pakistan", "Protesters (Pakistan)") knows whose police and whose
protesters these are. Two sources, in order of trust:

* **the speaker**: in a claim by a state's institution, that state's unnamed forces are its own
  ("Russia's defence ministry said Tu-22M3 bombers struck ..." -> the bombers are Russian). Only
  state sectors (military, police, government, intelligence) are lent this way;
* **the event's place**: a domestic actor (any sector except international ones, or a plural of
  people no sector names: "members", "dozens", "taxi drivers") acting at places mostly in one country
  belongs to that country ("regime forces shelled Nayrab in Idlib" -> SYR);
* **the article's places**: when none of the event's own places resolves to a country (a village
  the gazetteer lacks), the country most of the article's resolved places lie in.

A target is lent a country even when it names only things or unknown people ("lifted the curfew
in X": X's curfew), and an event with no target at all is given the state it happens in as its
target (``target_from_place``), and one with no source an unnamed actor of that state as its
source (``source_from_place``), as CAMEO and ACLED coders do. The target is implied only from a
place the event's own sentence names, and not where the place is a venue ("met in Geneva").
Nothing is lent to a named group or
organisation, to an actor that already has a country, or when the event's own places are split
evenly between countries. Each lent country is flagged on the event
(``source_country_from_speaker``, ``target_country_from_place``, ...) so a user can tell a country
read from the text from one inferred.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span

from whimbrel.actors.owners import attack_owners
from whimbrel.actors.resolver import actor_code, heads_a_sectorless_post, held_at_a_site
from whimbrel.events.modality import is_unrealised
from whimbrel.model import Actor
from whimbrel.nlp.extensions import EventMention, event_mentions_of, register_extensions

#: Sectors a state speaker's unnamed forces are read as its own.
STATE_AGENTS = frozenset({"MIL", "COP", "GOV", "SPY"})

#: Singular nouns that name several people: "a group protested", "the mob attacked".
COLLECTIVE_NOUNS = frozenset({"group", "crowd", "mob", "gang", "band", "dozens", "hundreds", "thousands"})

#: PLOVER modes of actions only a state's police take: "12 were arrested", "the crowd was dispersed".
POLICE_POWERS = frozenset({"arrest", "crowd-control"})

#: PLOVER types whose unnamed doer a conflict coder still codes, by the country it acts in
#: ("Unidentified Armed Group (X)", "Protesters (X)"); a meeting or a promise with no one named
#: has no doer to guess.
DOER_IMPLIED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})

#: PLOVER types whose place is a venue, not a party: "met in Geneva", "set up a joint centre in
#: Baghdad", "signed a deal in Minsk" say where the parties were, not that the host state took part.
VENUE_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _at_a_venue(mention: EventMention) -> bool:
    """Whether the event's place is only where it was held, so that the state it lies in is not
    implied as its target (``target_from_place``). A visit is aimed at its host ("arrived in Amman"
    is a visit to Jordan, CAMEO 042)."""
    return mention.plover in VENUE_TYPES and mention.plover_mode != "visit"


#: Sectors that are not bound to the country where they act (peacekeepers, aid groups, former leaders).
UNBOUND_AGENTS = frozenset({"IGO", "NGO", "ELI"})


def _speaker_country(doc: Doc, mention: EventMention) -> str | None:
    """ISO3 of the sentence's speaker when it is a state actor ("RUSMIL" -> "RUS")."""
    info = (doc._.sentence_info or {}).get(mention.sent.start)
    code = info.attribution.speaker_actor if info is not None else None
    if not code or len(code) < 3 or not code[:3].isalpha() or not code[:3].isupper():
        return None
    return code[:3] if len(code) == 3 or code[3:] in STATE_AGENTS else None


def _place_country(mention: EventMention) -> str | None:
    """The country most of the event's own places lie in (None when there is none, or a tie)."""
    return _majority(p.country for p in mention.places if p.role == "event")


def _article_country(doc: Doc) -> str | None:
    """The country most of the article's resolved places lie in: the event's places may all be
    villages the gazetteer does not know while the report names their province or country."""
    return _majority(m.place.country for m in doc._.places or [])


def _majority(countries: Iterable[str | None]) -> str | None:
    ranked = Counter(c for c in countries if c).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _is_people(span: Span | None) -> bool:
    """A plural or collective noun phrase with no sector word: "members", "dozens", "taxi drivers"."""
    if span is None:
        return False
    root = span.root
    return root.pos_ == "NOUN" and (root.tag_ == "NNS" or root.lower_ in COLLECTIVE_NOUNS)


def _lendable(actor: Actor, span: Span | None, which: str) -> bool:
    """Sector actors and plurals of people as sources; any target (see :func:`_place_target`)."""
    if actor.country or actor.code or actor.group or actor.agent in UNBOUND_AGENTS:
        return False
    return which == "target" or actor.agent is not None or _is_people(span)


def _place_actor(mention: EventMention, which: str) -> Actor | None:
    """The state an event happens in, as an actor: the country of most of its places, named by the
    first of the event's places in that country.

    What is done to no one named is done in, and to, a country: "lifted the curfew in X", "troops
    arrived in X", "a bombing in X" are coded as acts on X (the CAMEO coders' convention), and a
    target that names things or unknown people ("the curfew", "a missionary") is that country's too.
    What is done by no one named ("a man was shot dead in X", "a missionary was arrested in X") is
    done by an unnamed actor of that country (ACLED's "Unidentified Armed Group (X)"); arrests and
    crowd control named without their agent are that state's police powers.
    """
    country = _place_country(mention)
    place = next((p for p in mention.places if p.role == "event" and p.country == country), None)
    if country is None or place is None:
        return None
    # the words are the place's (the evidence); the name says the actor itself was not named
    state = _state_name(country)
    actor = Actor(text=place.text, start=place.start, end=place.end, name=state, country=country, code=country)
    if which == "source":
        actor.name = f"unnamed actor ({state})"
        if mention.plover_mode in POLICE_POWERS:
            actor.agent = "COP"
            actor.code = actor_code(country, actor.agent)
            actor.name = f"police ({state})"
    return actor


def _place_from_story(mention: EventMention) -> bool:
    """Whether the event's place was borrowed from another event of the story: its doer is then
    most likely that event's ("it also hit militants"), not someone unnamed of that state."""
    return bool(mention.extra.get("place_from_earlier_event") or mention.extra.get("place_from_later_event"))


#: Where a borrowed place may come from outside the event's sentence (see ``geo.roles``): another
#: event, the opening sentence, the dateline, the article's most-named country.
ELSEWHERE_PLACE_KINDS = ("earlier_event", "later_event", "lead", "dateline", "article_country")


def _place_from_elsewhere(mention: EventMention) -> bool:
    """Whether the event's place was borrowed from outside its sentence: that says where the story
    is, not whom this act was aimed at ("the airstrikes" of a background sentence are not aimed at
    the city an earlier sentence named)."""
    return any(mention.extra.get(f"place_from_{kind}") for kind in ELSEWHERE_PLACE_KINDS)


def _named_state_itself(mention: EventMention, implied: Actor) -> bool:
    """Whether the event's source is the very state an implied target would be: a state named by
    its name ("Kenya", "the US"), with no sector, done to itself says nothing."""
    source, span = mention.source_actor, mention.source_span
    if source is None or span is None or span.root.pos_ != "PROPN":
        return False
    return source.agent is None and source.group is None and source.code == source.country == implied.country


def _place_from_other_sentences(mention: EventMention) -> bool:
    """Whether the event's place was borrowed from anywhere but its own sentence (another event, the
    article's one place, its opening, its dateline, its most-named country)."""
    return bool(mention.extra.get("place_fallback")) and not mention.extra.get("place_from_sentence")


def _state_name(iso3: str) -> str:
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return iso3
    return str(getattr(record, "common_name", None) or record.name)


class ActorContext:
    """spaCy component ``whimbrel_actor_context``: runs after the event places are known."""

    def __init__(self, nlp: Language, name: str, from_speaker: bool = True, from_place: bool = True) -> None:
        register_extensions()
        self.name = name
        self.from_speaker = from_speaker
        self.from_place = from_place

    def __call__(self, doc: Doc) -> Doc:
        mentions = event_mentions_of(doc)
        owned: list[EventMention] = []
        for mention in list(mentions):
            for which in ("source", "target"):
                actor: Actor | None = getattr(mention, f"{which}_actor")
                if actor is None or not _lendable(actor, getattr(mention, f"{which}_span"), which):
                    continue
                if which == "target" and actor.agent is None:
                    owned += self._give_owner(doc, mention, actor, mentions)
                else:
                    self._lend(doc, mention, which, actor)
            if self.from_place:
                self._imply_from_place(mention)
        mentions.extend(owned)
        return doc

    def _give_owner(
        self, doc: Doc, mention: EventMention, thing: Actor, mentions: list[EventMention]
    ) -> list[EventMention]:
        """A destroyed thing gives way to its attack's named targets (one mention per owner, the
        others returned); else it takes the place's country (see :mod:`whimbrel.actors.owners`)."""
        owners = attack_owners(mention, mentions)
        if not owners:
            self._lend(doc, mention, "target", thing)
            return []
        mention.target_actor = replace(owners[0])
        mention.extra["target_owner_from_attack"] = True
        return [replace(mention, target_actor=replace(o), extra=dict(mention.extra)) for o in owners[1:]]

    @staticmethod
    def _imply_from_place(mention: EventMention) -> None:
        """Fill a missing source, else a missing target, with the state the event happens in.

        Only from the event's own place, and never both: an event done by a state to itself says
        nothing. A source is implied only for the types whose unnamed doer conflict coders code
        (:data:`DOER_IMPLIED_TYPES`), and not from another event's place, nor for an act not done
        (intended, supposed, promised) from a place its sentence does not give; a target only from a place
        its own sentence names (:func:`_place_from_elsewhere`), and never for the types whose place
        is a venue (:func:`_at_a_venue`)."""
        for which in ("source", "target"):
            if getattr(mention, f"{which}_actor") is not None:
                continue
            if which == "source" and (
                mention.plover not in DOER_IMPLIED_TYPES
                or _place_from_story(mention)
                or (is_unrealised(mention) and _place_from_other_sentences(mention))
            ):
                continue
            if which == "target" and (_at_a_venue(mention) or _place_from_elsewhere(mention)):
                continue
            implied = _place_actor(mention, which)
            if implied is not None and which == "target" and _named_state_itself(mention, implied):
                return  # "Kenya vowed to do more" is not aimed at Kenya
            if implied is not None:
                setattr(mention, f"{which}_actor", implied)
                mention.extra[f"{which}_from_place"] = True
                return

    def _lend(self, doc: Doc, mention: EventMention, which: str, actor: Actor) -> None:
        speaker = _speaker_country(doc, mention) if self.from_speaker and actor.agent in STATE_AGENTS else None
        if speaker is not None:
            country, origin = speaker, "speaker"
        else:
            # things ("facilities", "depots") belong to the place only where the event itself is;
            # officers of no named sector are people all the same
            span = getattr(mention, f"{which}_span")
            things = which == "target" and actor.agent is None and not heads_a_sectorless_post(span)
            if things and mention.extra.get("place_fallback"):
                return
            # "foreign ministers met in Vienna" are not Austria's: a meeting's place says where, not whose
            by_place = self.from_place and not held_at_a_site(mention)
            place = _place_country(mention) if by_place else None
            article = _article_country(doc) if by_place and place is None and not things else None
            if place is not None:
                country, origin = place, "place"
            elif article is not None:
                country, origin = article, "article"
            else:
                return
        actor.country = country
        actor.code = actor_code(country, actor.agent)
        mention.extra[f"{which}_country_from_{origin}"] = True
