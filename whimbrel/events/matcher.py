"""The ``whimbrel_events`` stage: trigger words -> coded :class:`EventMention` records on the Doc.

One spaCy ``Matcher`` holds every cue of every pattern (LEMMA, plus POS for one-word cues); each
matched token is a candidate trigger. Per trigger the most specific pattern whose context words
fit the sentence wins. Roles come from :mod:`whimbrel.events.roles`, modality from
:mod:`whimbrel.events.modality`, counts from :mod:`whimbrel.events.quantities`.

Confidence is a sum of simple features, clipped to [0.05, 0.95]: 0.35 to start; +0.2 for a
verb trigger (nouns are more often mentions of other reports); +0.1 for a specific pattern (a
multiword cue or required context words); +0.2 when a source is found (+0.1 only, if it came from
a pronoun); +0.1 when a target is found; -0.1 when the only target is a place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from whimbrel.data_files import load_models
from whimbrel.events.acled import acled_type_of
from whimbrel.events.intent import announced_code, refused_code
from whimbrel.events.modality import is_attempt, is_refused, modality_of
from whimbrel.events.obligation import ObligationDemand, obligation_demand
from whimbrel.events.patterns import bundled_patterns, load_patterns
from whimbrel.events.purpose import governing_act
from whimbrel.events.quantities import counts_near, is_counting_word
from whimbrel.events.reverse import reverse_fields
from whimbrel.events.roles import (
    RoleResult,
    actor_span,
    find_roles,
    is_actor_like,
    is_passive,
    light_verb_of,
    occurrence_verb_of,
    outcome_verb_of,
    reason_of,
    verb_source_heads,
)
from whimbrel.events.schema import DATA_DIR, TriggerPattern, cameo_to_plover
from whimbrel.nlp.extensions import EventMention, event_mentions_of, register_extensions

#: Prepositions whose object is the cause of a verb ("were killed in an earthquake").
CAUSE_PREPS = frozenset({"in", "by", "from", "after", "during", "amid"})
#: At most this many source x target combinations are coded for one trigger.
MAX_PAIRS = 8


@dataclass(slots=True)
class Candidate:
    trigger: Token
    pattern: TriggerPattern
    cue_length: int


def cue_lemma_variants(cue: str, tokenizer: Any) -> list[list[str]]:
    """The lemma sequences a cue can appear as: as written, capitalised (sentence start, headline
    case) and in capitals. The part of speech is checked afterwards, per pattern."""
    words = [t.text for t in tokenizer(cue)]
    variants = [words, [words[0].title(), *words[1:]], [w.title() for w in words], [w.upper() for w in words]]
    unique: list[list[str]] = []
    for v in variants:
        if v not in unique:
            unique.append(v)
    return unique


def build_matcher(vocab: Vocab, patterns: Iterable[TriggerPattern], tokenizer: Any) -> PhraseMatcher:
    """A PhraseMatcher on lemmas: one hash look-up per token, however many patterns there are
    (a token Matcher with a LEMMA IN list per cue tested every token against every cue)."""
    matcher = PhraseMatcher(vocab, attr="LEMMA")
    for pattern in patterns:
        docs = [
            Doc(vocab, words=lemmas, lemmas=lemmas)
            for cue in pattern.lemmas
            for lemmas in cue_lemma_variants(cue, tokenizer)
        ]
        matcher.add(pattern.id, docs)
    return matcher


def regular_forms(word: str) -> set[str]:
    """The regular inflections of a verb or noun: rape -> rapes, raped, raping; cordon -> cordoned."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word + "s", word + "es", stem + "ed", stem + "ing"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "ban" -> "banned", "banning"
    return forms


def build_form_matcher(vocab: Vocab, patterns: Iterable[TriggerPattern], tokenizer: Any) -> PhraseMatcher:
    """A PhraseMatcher on the words as written, for the cues' regular inflections.

    The small model's lemmatizer gets some inflections wrong ("raped" -> "rap", "cordoned" ->
    "cordone"), so a cue is also matched by the forms it regularly takes. Its first word is
    inflected: "cordon off" -> "cordoned off"."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for pattern in patterns:
        docs = []
        for cue in pattern.lemmas:
            first, *rest = [t.text.lower() for t in tokenizer(cue)]
            docs += [tokenizer(" ".join([form, *rest])) for form in sorted(regular_forms(first))]
        matcher.add(pattern.id, docs)
    return matcher


def sentence_lemmas(sent: Span) -> str:
    """The sentence as space-separated lowercase lemmas, padded, for phrase look-ups."""
    return " " + " ".join(t.lemma_.lower() for t in sent) + " "


def context_fits(pattern: TriggerPattern, lemmas: str) -> bool:
    if pattern.requires and not any(f" {w} " in lemmas for w in pattern.requires):
        return False
    return not any(f" {w} " in lemmas for w in pattern.excludes)


#: dependents that open a clause of their own: what they say is no argument of the trigger
CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "xcomp", "conj", "parataxis", "acl", "cc", "punct", "mark"})


def trigger_arguments(trigger: Token) -> list[Token]:
    """The trigger's head and its own dependents, a preposition's object taken for the preposition."""
    near = [trigger.head] if trigger.head is not trigger else []
    for child in trigger.children:
        if child.dep_ in CLAUSE_DEPS:
            continue
        near.append(child)
        if child.dep_ in ("prep", "agent"):
            near.extend(c for c in child.children if c.dep_ == "pobj")
    return near


def excluded_near(pattern: TriggerPattern, trigger: Token) -> bool:
    if not pattern.excludes_near:
        return False
    return any(t.lemma_.lower() in pattern.excludes_near for t in trigger_arguments(trigger))


def _phrase_at(tokens: Sequence[Token], at: int, words: Sequence[str]) -> bool:
    if at + len(words) > len(tokens):
        return False
    return all(w in (t.lemma_.lower(), t.lower_) for w, t in zip(words, tokens[at : at + len(words)], strict=False))


def _in_order(tokens: Sequence[Token], phrases: Sequence[str]) -> bool:
    """Every phrase occurs in ``tokens``, each after the previous one ends."""
    cursor = 0
    for phrase in phrases:
        words = phrase.split()
        found = next((i for i in range(cursor, len(tokens)) if _phrase_at(tokens, i, words)), None)
        if found is None:
            return False
        cursor = found + len(words)
    return True


def around_fits(pattern: TriggerPattern, span: Span) -> bool:
    """The pattern's ``before`` words precede the trigger and its ``after`` words follow it, in its sentence."""
    if not (pattern.before or pattern.after):
        return True
    sent = span.root.sent
    doc = span.doc
    before = [doc[i] for i in range(sent.start, span.start)]
    after = [doc[i] for i in range(span.end, sent.end)]
    return _in_order(before, pattern.before) and _in_order(after, pattern.after)


#: children only a clause's verb has: "bombed" of "the aircraft bombed installations" hung as amod
VERB_ONLY_CHILDREN = frozenset({"nsubj", "nsubjpass", "auxpass", "aux", "dobj", "agent"})


def misparsed_verb(trigger: Token) -> bool:
    """A finite or progressive verb the small parser hung as a modifier of its own object.

    "Troops are patrolling markets" and "forces on Friday captured Shali" come out with the verb
    as amod of the noun after it. It is a verb when the parser gave it a verb's own children, or
    when an auxiliary or a noun outside its phrase comes right before it: "the wounded soldiers",
    "15 captured Britons" and "toured captured bases" stay modifiers.
    """
    if trigger.pos_ != "VERB" or trigger.tag_ not in ("VBG", "VBD", "VBN"):
        return False
    if any(c.dep_ in VERB_ONLY_CHILDREN for c in trigger.children):
        return True
    if trigger.i == 0:
        return False
    before = trigger.doc[trigger.i - 1]
    if before.pos_ == "AUX":
        return True  # "are patrolling", "had targeted"
    # a noun right before that is not the phrase's own ("commerce raiding plans", "Britain's")
    return (
        before.pos_ in ("NOUN", "PROPN", "PRON")
        and before.head not in (trigger, trigger.head)
        and before.dep_ not in ("compound", "poss", "nmod", "npadvmod", "amod")
    )


#: past forms of verbs the small model tags as nouns heading their clause ("a settler shot and
#: killed 29", "police in Mostar shot at a car"), with the verb's lemma
NOUN_TAGGED_PAST_FORMS = {"shot": "shoot"}
#: what only a clause's verb has below it, besides a verb coordinated with it
CLAUSE_VERB_CHILDREN = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "agent"})


def retag_clause_heads_read_as_nouns(doc: Doc) -> None:
    """Give the verb's tag and lemma back to a past form the parser made a clause's head noun: it
    heads the sentence with a verb coordinated below it or "at"/"dead" after it, or takes a verb's
    own dependents ("shot" of "a shot rang out" or "took a shot" stays a noun)."""
    for tok in doc:
        lemma = NOUN_TAGGED_PAST_FORMS.get(tok.lower_)
        if lemma is None or tok.pos_ != "NOUN":
            continue
        children = list(tok.children)
        verb_children = any(c.dep_ in CLAUSE_VERB_CHILDREN for c in children)
        heads_clause = tok.dep_ == "ROOT" and any(
            (c.dep_ == "conj" and c.pos_ == "VERB") or c.lower_ in ("at", "dead") for c in children
        )
        if verb_children or heads_clause:
            tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBD", lemma


def usable_trigger(trigger: Token, pattern: TriggerPattern, span: Span) -> bool:
    """Filters that hold for news in general: a cue used as a modifier is not an event."""
    pos = "NOUN" if trigger.pos_ == "PROPN" else trigger.pos_
    if pos not in pattern.pos:
        return False
    if trigger.pos_ == "PROPN" and len(span) == 1 and not trigger.text.isupper():
        return False  # a capitalised cue alone is a name ("Strike Force", "March")
    if trigger.dep_ == "amod" and trigger.pos_ in ("VERB", "ADJ") and not misparsed_verb(trigger):
        return False  # "the besieged city" describes a state
    return not (pos == "NOUN" and trigger.dep_ == "compound")  # "attack helicopter"


#: Prepositions of circumstance: "killed amid the floods" names a cause, "protested during the
#: pandemic" only the time; they count as causes only for violence.
CIRCUMSTANCE_PREPS = frozenset({"during", "amid"})


def cause_heads(trigger: Token, violent: bool = True) -> list[Token]:
    """What brought the event about: active subject, passive agent, or object of in/by/from/after."""
    heads = list(verb_source_heads(trigger)) if trigger.pos_ == "VERB" else []
    preps = CAUSE_PREPS if violent else CAUSE_PREPS - CIRCUMSTANCE_PREPS
    for prep in trigger.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            heads.extend(c for c in prep.children if c.dep_ == "pobj")
    return heads


class NaturalCause(BaseModel):
    lemma: str
    kind: Literal["disaster", "accident", "disease"]


@lru_cache(maxsize=1)
def natural_causes() -> frozenset[str]:
    return frozenset(c.lemma for c in load_models(DATA_DIR / "natural_causes.yaml", NaturalCause, id_field="lemma"))


#: an article naming natural causes this often is about a disaster
DISASTER_STORY_MENTIONS = 2
#: types that need a human perpetrator to be political events
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})


#: Subordinators of a clause that says what brought an event about ("killed after an earthquake struck").
CAUSE_MARKS = frozenset({"after", "when", "as", "because"})


def clause_cause_heads(trigger: Token) -> list[Token]:
    """Subjects of the trigger's "after/when/as ..." clauses: "were killed after a quake rocked the island"."""
    heads: list[Token] = []
    for verb in (trigger, *trigger.conjuncts):
        for clause in verb.children:
            # the parser attaches "when" as advmod, "after" as mark
            opener = (c for c in clause.children if c.dep_ in ("mark", "advmod"))
            if clause.dep_ == "advcl" and any(c.lower_ in CAUSE_MARKS for c in opener):
                heads.extend(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    return heads


def cause_names(head: Token) -> set[str]:
    """A cause's lemma, and the lemma with its compound modifiers ("gas explosion", "boiler blast")."""
    lemma = head.lemma_.lower()
    compounds = [c.lemma_.lower() for c in head.children if c.dep_ == "compound"]
    return {lemma, " ".join([*compounds, lemma])}


def has_excluded_cause(trigger: Token, pattern: TriggerPattern) -> bool:
    heads = [*cause_heads(trigger, violent=pattern.plover in VIOLENT_TYPES), *clause_cause_heads(trigger)]
    causes = {name for head in heads for name in cause_names(head)}
    return bool(causes & (natural_causes() | set(pattern.excluded_causes or ())))


def is_disaster_story(doc: Doc) -> bool:
    lemmas = natural_causes()
    return sum(1 for t in doc if t.lemma_.lower() in lemmas) >= DISASTER_STORY_MENTIONS


def without_natural_actors(mentions: list[EventMention], disaster_story: bool) -> list[EventMention]:
    """Drop mentions whose actor is a natural cause, and perpetrator-less violence in a disaster story."""
    lemmas = natural_causes()
    kept = []
    for m in mentions:
        if m.source_span is not None and m.source_span.root.lemma_.lower() in lemmas:
            continue
        if disaster_story and m.source_span is None and m.plover in VIOLENT_TYPES:
            continue
        kept.append(m)
    return kept


def confidence(trigger: Token, pattern: TriggerPattern, roles: RoleResult, cue_length: int) -> float:
    score = 0.35
    if trigger.pos_ == "VERB":
        score += 0.2
    if cue_length > 1 or pattern.requires:
        score += 0.1
    if roles.sources:
        score += 0.1 if roles.source_from_pronoun else 0.2
    if roles.targets:
        score += 0.1
    if roles.target_is_place:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


#: the coding of a demand voiced as an obligation; built here, not in a pattern file, because it has
#: no cue word of its own (the clause's "must" marks it, see :func:`obligation_demand`)
OBLIGATION_PATTERN = TriggerPattern(id="request.obligation", lemmas=["must"], cameo="100", plover="REQUEST")


class EventMatcher:
    """spaCy component ``whimbrel_events``: sets ``doc._.event_mentions``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "whimbrel_events",
        extra_pattern_files: Sequence[str | Path] = (),
        use_bundled_patterns: bool = True,
    ):
        register_extensions()
        self.name = name
        patterns = load_patterns(list(extra_pattern_files), include_bundled=use_bundled_patterns)
        self.patterns = {p.id: p for p in patterns}
        # a user's pattern wins a trigger over an equally specific bundled one
        self.user_pattern_ids = {p.id for p in patterns} - {p.id for p in bundled_patterns()}
        self.matcher = build_matcher(nlp.vocab, self.patterns.values(), nlp.tokenizer)
        self.form_matcher = build_form_matcher(nlp.vocab, self.patterns.values(), nlp.tokenizer)

    def __call__(self, doc: Doc) -> Doc:
        mentions = event_mentions_of(doc)
        retag_clause_heads_read_as_nouns(doc)
        chosen = self.choose_triggers(doc)
        causes = self.merged_into_causes(chosen)
        by_trigger: dict[int, list[EventMention]] = {}
        for index, candidate in chosen.items():
            if index not in causes:
                by_trigger[index] = self.mentions_for(candidate)
        self.lend_targets(chosen, causes, by_trigger)
        drop_aims_of_promises(by_trigger)
        self.code_obligation_demands(doc, by_trigger)
        rank_demands_below_their_protests(by_trigger)
        aim_protests_at_their_demands(by_trigger)
        aim_threats_at_their_conditions(by_trigger)
        rank_descriptions_below_their_events(by_trigger)
        rank_reasons_below_their_events(by_trigger)
        self.attach_quantities(doc, by_trigger, causes)
        note_words_telling_each_event(doc, by_trigger, causes)
        disaster_story = is_disaster_story(doc)
        for index in sorted(by_trigger):
            mentions.extend(without_natural_actors(by_trigger[index], disaster_story))
        return doc

    def choose_triggers(self, doc: Doc) -> dict[int, Candidate]:
        """One pattern per trigger token: the most specific one whose context fits."""
        candidates: dict[int, list[Candidate]] = defaultdict(list)
        lemma_cache: dict[int, str] = {}
        for match_id, start, end in sorted(set(self.matcher(doc)) | set(self.form_matcher(doc))):
            pattern = self.patterns[doc.vocab.strings[match_id]]
            span = doc[start:end]
            trigger = span.root
            sent = trigger.sent
            lemmas = lemma_cache.setdefault(sent.start, sentence_lemmas(sent))
            if not usable_trigger(trigger, pattern, span) or not context_fits(pattern, lemmas):
                continue
            if excluded_near(pattern, trigger):
                continue
            if not around_fits(pattern, span):
                continue
            candidates[trigger.i].append(Candidate(trigger, pattern, len(span)))
        chosen = {}
        for index, options in candidates.items():
            # a cause the pattern excludes is context that does not fit: the next pattern may still
            # ("residents evacuated the town" is no aid, but still a departure)
            fitting = [c for c in options if not has_excluded_cause(c.trigger, c.pattern)]
            if fitting:
                chosen[index] = max(
                    fitting,
                    key=lambda c: (c.pattern.specificity, c.cue_length, c.pattern.id in self.user_pattern_ids),
                )
        return chosen

    @staticmethod
    def merged_into_causes(chosen: dict[int, Candidate]) -> dict[int, int]:
        """Verb triggers whose cause is another trigger of the same PLOVER type ("the strike killed 12",
        "airstrikes hit militants", "12 died in the attack"): verb index -> cause trigger index."""
        merged = {}
        for index, candidate in chosen.items():
            trigger = candidate.trigger
            if trigger.pos_ != "VERB":
                continue
            for head in cause_heads(trigger):
                cause = chosen.get(head.i)
                if cause is not None and head.i != index and cause.pattern.plover == candidate.pattern.plover:
                    merged[index] = head.i
                    break
        return merged

    def codes_announcements(self, pattern: TriggerPattern) -> bool:
        """Whether an announced action is recoded as a promise or threat: only for whimbrel's own
        patterns, since a user's dictionary (PETRARCH's, say) decides its own codes."""
        return pattern.id not in self.user_pattern_ids

    def mentions_for(self, candidate: Candidate) -> list[EventMention]:
        trigger, pattern = candidate.trigger, candidate.pattern
        roles = find_roles(trigger, pattern)
        modality = modality_of(trigger)
        score = confidence(trigger, pattern, roles, candidate.cue_length)
        # a user's dictionary may have codes of its own: the event carries the user's code
        cameo, plover = pattern.event_code, pattern.plover
        mode = pattern.plover_mode or cameo_to_plover()[pattern.cameo].mode
        announced = None
        if modality == "intended" and self.codes_announcements(pattern) and not is_attempt(trigger):
            announced = announced_code(cameo)
        elif modality == "negated" and self.codes_announcements(pattern) and not is_refused(trigger):
            # a refusal verb has its own REJECT pattern ("refused to release"); a bare "not" has none
            announced = refused_code(cameo)
        if announced is not None:
            # "X will support Y" is a promise (CAMEO 03x), "X will impose a curfew" a threat (13x)
            coding = cameo_to_plover()[announced]
            cameo, plover, mode = announced, coding.plover, coding.mode
            # the event coded now is the announcement (or refusal), and that was made: "intended" or
            # "negated" described the act, not the promise (attribution turns it into "claimed" when
            # credited); the flag keeps what the act itself is
            modality = "asserted"
        sources: list[Span | None] = list(roles.sources) or [None]
        targets: list[Span | None] = list(roles.targets) or [None]
        pairs = [(s, t) for s in sources for t in targets][:MAX_PAIRS]
        return [
            EventMention(
                trigger=trigger,
                sent=trigger.sent,
                pattern_id=pattern.id,
                cameo=cameo,
                plover=plover,
                plover_mode=mode,
                **acled_fields(pattern, trigger, source, target),
                source_span=source,
                target_span=target,
                modality=modality,
                confidence=score,
                extra={
                    "target_is_place": roles.target_is_place,
                    "source_from_pronoun": roles.source_from_pronoun,
                    "announced_act": announced is not None,
                    **reverse_fields(pattern),
                },
            )
            for source, target in pairs
        ]

    def code_obligation_demands(self, doc: Doc, by_trigger: dict[int, list[EventMention]]) -> None:
        """ "<speaker> said <party> must <act>" is the speaker's demand on the party, whatever the act
        (see :mod:`whimbrel.events.obligation`); it replaces the act's own coding at that verb."""
        for token in doc:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            demand = obligation_demand(token)
            if demand is not None:
                by_trigger[token.i] = [self.demand_mention(demand)]

    @staticmethod
    def demand_mention(demand: ObligationDemand) -> EventMention:
        roles = RoleResult(sources=[demand.speaker], targets=[demand.obliged])
        return EventMention(
            trigger=demand.clause,
            sent=demand.clause.sent,
            pattern_id=OBLIGATION_PATTERN.id,
            cameo=OBLIGATION_PATTERN.cameo,
            plover=OBLIGATION_PATTERN.plover,
            plover_mode=cameo_to_plover()[OBLIGATION_PATTERN.cameo].mode,
            source_span=demand.speaker,
            target_span=demand.obliged,
            # the demand was made as far as the statement goes: "said ... must" is asserted
            modality=modality_of(demand.statement),
            confidence=confidence(demand.clause, OBLIGATION_PATTERN, roles, 1),
            extra={"target_is_place": False, "source_from_pronoun": False},
        )

    def lend_targets(
        self, chosen: dict[int, Candidate], causes: dict[int, int], by_trigger: dict[int, list[EventMention]]
    ) -> None:
        """A merged verb's objects become its cause's targets when the cause has none ("airstrikes hit X")."""
        for verb_index, cause_index in causes.items():
            cause_mentions = by_trigger.get(cause_index, [])
            if not cause_mentions or any(m.target_span is not None for m in cause_mentions):
                continue
            verb = chosen[verb_index]
            if is_passive(verb.trigger):
                continue
            verb_roles = find_roles(verb.trigger, verb.pattern)
            extra = {"target_is_place": verb_roles.target_is_place}
            cause = chosen[cause_index]
            by_trigger[cause_index] = [
                EventMention(
                    **{
                        **_fields(m),
                        **acled_fields(cause.pattern, cause.trigger, m.source_span, t),
                        "target_span": t,
                        "extra": {**m.extra, **extra},
                    }
                )
                for m in cause_mentions
                for t in verb_roles.targets
            ][:MAX_PAIRS] or cause_mentions

    def attach_quantities(self, doc: Doc, by_trigger: dict[int, list[EventMention]], causes: dict[int, int]) -> None:
        if not by_trigger:
            return
        for token in doc:
            if not is_counting_word(token):
                continue
            counts = counts_near(token)
            if not counts:
                continue
            owner = owner_trigger(token, by_trigger, causes)
            owners = [owner, *outcome_of(owner, by_trigger)] if owner is not None else []
            if owner is None and set(counts) & CASUALTY_KINDS:
                owners = [i for i in [preceding_violent_trigger(token, by_trigger)] if i is not None]
            for index in owners:
                for mention in by_trigger[index]:
                    for key, value in counts.items():
                        mention.quantities.setdefault(key, value)


#: how a demand hangs on the protest that voices it: "staged rallies to demand", "marched, calling for",
#: "a sit-in demanding"
PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl"})
#: what a protest noun is to its verb ("staged demonstrations", "their hunger strike continued")
PROTEST_NOUN_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})


def _protest_clause(token: Token, protests: set[int]) -> bool:
    """The token is a protest trigger, or a verb whose object or subject is one."""
    return token.i in protests or any(c.i in protests and c.dep_ in PROTEST_NOUN_DEPS for c in token.children)


def _demands_and_their_protests(by_trigger: dict[int, list[EventMention]]) -> list[tuple[int, list[int]]]:
    """Each demand voiced by a protest ("staged a sit-in to demand", "marched, calling for"), with the
    protest triggers that voice it."""
    protests = {i for i, ms in by_trigger.items() if any(m.plover == "PROTEST" for m in ms)}
    pairs = []
    for index, mentions in by_trigger.items():
        if index in protests or not all(m.plover == "REQUEST" for m in mentions):
            continue
        trigger = mentions[0].trigger
        if trigger.dep_ not in PURPOSE_DEPS or not _protest_clause(trigger.head, protests):
            continue
        pairs.append((index, [i for i in protests if i in (trigger.head.i, *(c.i for c in trigger.head.children))]))
    return pairs


def rank_demands_below_their_protests(by_trigger: dict[int, list[EventMention]]) -> None:
    """A demand voiced by a protest is what the protest is about, not an event of its own: CAMEO and
    ACLED code the protest ("students demonstrated calling for reforms" is 141, not 020). Such a
    demand keeps its coding but ranks below the protest."""
    for index, protests in _demands_and_their_protests(by_trigger):
        protest = max(m.confidence for i in protests for m in by_trigger[i])
        for mention in by_trigger[index]:
            mention.confidence = round(max(0.05, min(mention.confidence, protest - 0.05)), 2)


#: Types of cooperation whose announcement (a promise, CAMEO 03x) states what it is for.
COOPERATIVE_TYPES = frozenset({"AGREE", "COOPERATE", "AID", "SUPPORT", "CONSULT"})
#: Types of force and coercion, and the threats an announced one is recoded as.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"})


def drop_aims_of_promises(by_trigger: dict[int, list[EventMention]]) -> None:
    """A use of force named as what an announced cooperation is for ("X and Y will share bases to
    fight terrorism", "... in the fight against ISIS") is not an event of its own: CAMEO codes the
    promise to cooperate, and the fight, only announced as its aim, is no threat made to anyone. An
    aim of cooperation reported as done ("used the base to bomb ISIS") is kept."""
    for index in list(by_trigger):
        mentions = by_trigger[index]
        if not all(m.plover in CONFLICT_TYPES for m in mentions):
            continue
        act = governing_act(mentions[0].trigger)
        promise = by_trigger.get(act.i, []) if act is not None else []
        if any(m.plover in COOPERATIVE_TYPES and _is_announced(m) for m in promise) or (
            act is not None and not promise and _promised_joint_act(act)
        ):
            del by_trigger[index]


#: adverbs that make an act one done with others: "will act together", "work jointly"
JOINT_ADVERBS = frozenset({"together", "jointly"})


def _promised_joint_act(act: Token) -> bool:
    """An act no pattern codes, announced, and done with a partner ("vowed to work with Somalia",
    "will act jointly"): a promised cooperation, whatever its verb, so what it is for is no threat."""
    joint = any(
        (c.dep_ == "advmod" and c.lower_ in JOINT_ADVERBS)
        or (c.dep_ == "prep" and c.lower_ == "with" and any(o.dep_ == "pobj" and is_actor_like(o) for o in c.children))
        for c in act.children
    )
    return joint and modality_of(act) == "intended"


def _is_announced(mention: EventMention) -> bool:
    """An act said to be coming: a promise recoded from it, or one still only intended."""
    return bool(mention.extra.get("announced_act")) or mention.modality not in ("asserted", "claimed")


#: what opens the condition of a threat: "... unless Israel withdraws", "... if the US goes ahead"
CONDITION_MARKS = frozenset({"if", "unless"})


def _conditioned_party(trigger: Token) -> Span | None:
    """Who must act for a threat not to be carried out: the subject of its if/unless clause, hung on
    the threat or on the act threatened ("threatened to strike unless the government cuts prices")."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "xcomp")]
    clauses = [c for h in holders for c in h.children if c.dep_ == "advcl"]
    for clause in clauses:
        if not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON" and is_actor_like(subject):
            return actor_span(subject)
    return None


def aim_threats_at_their_conditions(by_trigger: dict[int, list[EventMention]]) -> None:
    """A threat that names no one as its target (or only a place) is aimed at the party whose
    conduct it is made on: "threatened a general strike unless Israel rescinded the annexation"
    threatens Israel (CAMEO codes a conditional threat as made against that party)."""
    for index, mentions in by_trigger.items():
        if not all(m.plover == "THREATEN" for m in mentions):
            continue
        if any(m.target_span is not None and not m.extra.get("target_is_place") for m in mentions):
            continue
        trigger = mentions[0].trigger
        acts = [c for c in trigger.children if c.dep_ == "xcomp"]
        if any(is_actor_like(o) for act in acts for o in act.children if o.dep_ == "dobj"):
            continue  # "threatened to attack the army unless ...": the army is threatened
        party = _conditioned_party(trigger)
        if party is None:
            continue
        sources = list(dict.fromkeys(m.source_span for m in mentions))
        base = mentions[0]
        by_trigger[index] = [
            EventMention(
                **{
                    **_fields(base),
                    "source_span": source,
                    "target_span": party,
                    "extra": {**base.extra, "target_is_place": False},
                }
            )
            for source in sources
        ]


def _whom_of(demanded: Span) -> Span:
    """Who a demanded act is done to: "the resignation of the president" is the president's."""
    owners = [o for p in demanded.root.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return actor_span(owners[0]) if owners and is_actor_like(owners[0]) else demanded


def aim_protests_at_their_demands(by_trigger: dict[int, list[EventMention]]) -> None:
    """A protest that names no target is aimed at whom its demand is made of: "began a hunger strike
    to demand the resignation of the president" protests against the president."""
    for index, protests in _demands_and_their_protests(by_trigger):
        spans = [_whom_of(m.target_span) for m in by_trigger[index] if m.target_span is not None]
        demanded = [span for span in spans if is_actor_like(span.root)]  # "higher wages" is no one
        for protest in protests:
            if not demanded or any(m.target_span is not None for m in by_trigger[protest]):
                continue
            by_trigger[protest] = [
                EventMention(**{**_fields(m), "target_span": target})
                for m in by_trigger[protest]
                for target in demanded
            ][:MAX_PAIRS]


#: how a clause describing a participant hangs on its noun: "the men who killed", "property seized in 1970"
DESCRIBING_DEPS = frozenset({"relcl", "acl"})


def _described_under(trigger: Token, events_at: dict[int, int]) -> int | None:
    """The trigger above the noun whose describing clause holds ``trigger``, if any."""
    token, crossed = trigger, False
    while token.head.i != token.i:
        crossed = crossed or (token.dep_ in DESCRIBING_DEPS and token.head.pos_ in ("NOUN", "PROPN"))
        token = token.head
        if crossed and token.i in events_at:
            return events_at[token.i]
    return None


def rank_descriptions_below_their_events(by_trigger: dict[int, list[EventMention]]) -> None:
    """An event told in a clause that describes a participant of another event is background to it:
    "a sit-in to demand the release of land taken in 1985" reports the sit-in, "violating
    the ceasefire signed in March" the violation. It keeps its coding but ranks below that event,
    except where both are violence."""
    # a noun's event is told by its light verb too: "granted asylum to men who fled" hangs on "granted"
    events_at = {index: index for index in by_trigger}
    for index, mentions in by_trigger.items():
        light = light_verb_of(mentions[0].trigger)
        if light is not None:
            events_at.setdefault(light.i, index)
    caps: dict[int, float] = {}
    for index, mentions in by_trigger.items():
        above = _described_under(mentions[0].trigger, events_at)
        if above is None or (is_violent(index, by_trigger) and is_violent(above, by_trigger)):
            # "the missile fired by the army destroyed a warship": one attack told twice
            continue
        caps[index] = max(m.confidence for m in by_trigger[above]) - 0.05
    for index, cap in caps.items():
        for mention in by_trigger[index]:
            mention.confidence = round(max(0.05, min(mention.confidence, cap)), 2)


def rank_reasons_below_their_events(by_trigger: dict[int, list[EventMention]]) -> None:
    """What an actor is accused, blamed or thanked for ("accused the US of violating rights") is the
    content of that event, which the sentence reports: it ranks below it."""
    for mentions in by_trigger.values():
        reason = reason_of(mentions[0].trigger)
        if reason is None or reason.verb.i not in by_trigger:
            continue
        cap = max(m.confidence for m in by_trigger[reason.verb.i]) - 0.05
        for mention in mentions:
            mention.confidence = round(max(0.05, min(mention.confidence, cap)), 2)


def acled_fields(pattern: TriggerPattern, trigger: Token, source: Span | None, target: Span | None) -> dict[str, Any]:
    acled = acled_type_of(pattern, trigger, source, target)
    return {
        "acled_event_type": acled.event_type if acled else None,
        "acled_sub_event_type": acled.sub_event_type if acled else None,
    }


def _fields(mention: EventMention) -> dict[str, Any]:
    return {name: getattr(mention, name) for name in EventMention.__dataclass_fields__}


#: counts that state what violence did to people, and so belong to the violent event they follow
CASUALTY_KINDS = frozenset({"killed", "killed_max", "injured", "injured_max"})


def is_violent(index: int, by_trigger: dict[int, list[EventMention]]) -> bool:
    return any(m.plover in VIOLENT_TYPES for m in by_trigger[index])


def outcome_of(owner: int, by_trigger: dict[int, list[EventMention]]) -> list[int]:
    """The violent events a violent event is the outcome of ("opened fire on X, killing two",
    "shot and killed a man"): its violent ancestor triggers in the parse, nearest first."""
    if not is_violent(owner, by_trigger):
        return []
    trigger = by_trigger[owner][0].trigger
    return [a.i for a in trigger.ancestors if a.i in by_trigger and is_violent(a.i, by_trigger)]


def preceding_violent_trigger(word: Token, by_trigger: dict[int, list[EventMention]]) -> int | None:
    """For a casualty count in a sentence with no event ("Both victims died.", "2 fatalities."):
    the nearest violent event before it in the article."""
    before = [i for i in by_trigger if i < word.i and is_violent(i, by_trigger)]
    return max(before) if before else None


def note_words_telling_each_event(doc: Doc, by_trigger: dict[int, list[EventMention]], causes: dict[int, int]) -> None:
    """Record on each event the other words that tell it, so a reader looking for the event of
    "launched", "occurred" or "killed" finds it on "assault", "attacks" or "clashes": its light verb,
    the verb saying it happened and the verbs merged into it."""
    for index, mentions in by_trigger.items():
        trigger = mentions[0].trigger
        tellers = (light_verb_of(trigger), occurrence_verb_of(trigger), outcome_verb_of(trigger))
        told = [verb for verb in tellers if verb is not None]
        told += [doc[verb] for verb, cause in sorted(causes.items()) if cause == index]
        for mention in mentions:
            mention.told_by = list(told)


def owner_trigger(word: Token, by_trigger: dict[int, list[EventMention]], causes: dict[int, int]) -> int | None:
    """The event a count belongs to: the counting word's own event, the event it was merged into, the
    event named as its cause, the nearest event above it, or the only event of its sentence."""
    if word.i in by_trigger:
        return word.i
    if word.i in causes:
        return causes[word.i]
    for head in cause_heads(word):
        if head.i in by_trigger:
            return head.i
    for ancestor in word.ancestors:
        if ancestor.i in by_trigger:
            return ancestor.i
    in_sentence = [i for i in by_trigger if word.sent.start <= i < word.sent.end]
    return in_sentence[0] if len(in_sentence) == 1 else None
