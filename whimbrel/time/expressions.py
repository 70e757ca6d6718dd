"""Finding the date expressions of a sentence and picking the one that dates a given event.

spaCy's small model tags most dates (DATE/TIME entities) but misses some that news leans on
("overnight", "late on Monday", lower-cased "last week" after a verb); a few patterns add those.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from whimbrel.time.tense import clause_verb

_DATE_LABELS = {"DATE", "TIME"}
_VERBAL = {"VERB", "AUX"}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# Month and weekday names are matched case-sensitively ("may" is also a verb); the relative
# words are matched in any case.
_MISSED_DATES = re.compile(
    "|".join(
        [
            rf"(?i:\b(?:late|early) (?:on )?){_WEEKDAY}(?: (?i:morning|afternoon|evening|night))?\b",
            rf"\b(?i:(?:last|this|next) ){_WEEKDAY}\b|(?<=\b[Oo]n ){_WEEKDAY}\b",
            r"(?i:\b(?:late |early )?overnight\b|\blast night\b|\byesterday\b|\btoday\b|\btonight\b)",
            r"(?i:\b(?:earlier |later )?(?:last|this|next|previous) (?:week|weekend|month|year)\b)",
            rf"(?i:\bsince )(?:{_MONTH}|{_WEEKDAY})(?: \d{{4}})?\b",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}(?:,? \d{{4}})?(?!\w)",
            # a span of days in one month: "1-3 May", "from 1 to 3 May", "between 1 and 3 May 2020"
            rf"\b(?i:(?:from |between )?)\d{{1,2}}(?:st|nd|rd|th)? ?(?:-|\u2013|to|and|until) ?\d{{1,2}}(?:st|nd|rd|th)?"
            rf" {_MONTH}(?:,? \d{{4}})?(?!\w)",
            rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?\b",
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
        ]
    )
)
# Nouns a date can name rather than date: "the 7 July neighbourhood", "26 September Square".
_NAMED_PLACE_NOUNS = {
    "neighbourhood", "neighborhood", "area", "district", "quarter", "street", "square", "road", "avenue",
    "bridge", "camp", "stadium", "university", "school", "hospital", "market", "park", "station",
    "roundabout", "village", "town", "city", "mosque", "port", "airport", "boulevard", "suburb", "zone",
}  # fmt: skip
# Words before a date that make it the end of a period, not when the event happened: "a ban until 12 May".
_END_BOUND = {"until", "till", "untill", "through", "thru"}
# "a day after <date>": an offset joined to the date it counts from.
_OFFSET = re.compile(r"(?i)^(?:a|an|one|two|three|four|five|six|seven|\d{1,2}) (?:day|week)s?$")


def date_expressions(sent: Span) -> list[Span]:
    """The sentence's date expressions, in text order, none overlapping (the longer wins)."""
    found = [ent for ent in sent.ents if ent.label_ in _DATE_LABELS]
    doc = sent.doc
    for match in _MISSED_DATES.finditer(sent.text):
        span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if span is not None:
            found.append(span)
    kept = [span for span in _longest_first(found) if not _names_a_place(span) and not _is_end_bound(span)]
    return _drop_elaborations(_join_offsets(kept))


def _names_a_place(span: Span) -> bool:
    """A date that is part of a place's name modifies that place noun ("at the 7 July neighbourhood")."""
    head = span.root.head
    if span.root.dep_ == "conj":
        # "at 7 July and University areas": the conjunction shares its first member's head
        head = head.head
    return head.pos_ == "NOUN" and head.lemma_.lower() in _NAMED_PLACE_NOUNS and not span.start <= head.i < span.end


def _is_end_bound(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return span[0].lower_ in _END_BOUND or (before is not None and before.lower_ in _END_BOUND)


def _drop_elaborations(spans: list[Span]) -> list[Span]:
    """Drop a bracketed date right after another ("Around 1 May (from 1 - 6 May)"): it restates the first."""
    kept: list[Span] = []
    for span in spans:
        previous = kept[-1] if kept else None
        between = span.doc[previous.end : span.start] if previous is not None else None
        if between is not None and len(between) <= 3 and any(t.text == "(" for t in between):
            continue
        kept.append(span)
    return kept


def _longest_first(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _join_offsets(spans: list[Span]) -> list[Span]:
    """Merge "a day" + "after"/"before" + a following date into one expression."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if previous is not None and _OFFSET.match(previous.text) and _is_offset_link(previous, span):
            joined[-1] = span.doc[previous.start : span.end]
        else:
            joined.append(span)
    return joined


def _is_offset_link(offset: Span, date: Span) -> bool:
    between = offset.doc[offset.end : date.start]
    return len(between) == 1 and between[0].lower_ in ("after", "before")


def attached_to(expression: Span, trigger: Token) -> bool:
    """Whether the expression modifies the trigger's clause: its head path meets the trigger
    before any other verb, or its governing verb is the trigger's own clause verb."""
    for ancestor in expression.root.ancestors:
        if ancestor == trigger:
            return True
        if ancestor.pos_ in _VERBAL:
            return ancestor == clause_verb(trigger) or _says_when_noun_happened(ancestor, trigger)
    return False


def pick_for_trigger(candidates: list[Span], trigger: Token) -> Span | None:
    """The candidate attached to the trigger's clause, else the nearest one that can date it.

    A date in a clause subordinate to the event that comes after it ("protested against the plan
    to hold elections in June") dates only that clause. Among dates on clauses that govern the
    trigger, the closest clause speaks for it: "a body was found on 8 May, killed by gunmen, ...
    found again on 12 May" gives the killing the first finding's date.
    """
    governors = list(trigger.ancestors)
    eligible = [span for span in candidates if not _in_later_subclause(span, trigger)]
    if not eligible:
        return None
    return min(
        eligible,
        key=lambda span: (
            not attached_to(span, trigger),
            not _reaches_trigger_first(span, trigger),
            _governor_rank(span, governors),
            _distance(span, trigger),
        ),
    )


# Verbs whose clause on an event noun says when that event happened.
_OCCURRENCE_VERBS = {"take", "happen", "occur", "start", "begin", "break", "erupt", "unfold"}
_SUBORDINATE = {"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"}


def _verb_over(expression: Span) -> Token | None:
    return next((a for a in expression.root.ancestors if a.pos_ in _VERBAL), None)


def _in_later_subclause(expression: Span, trigger: Token) -> bool:
    verb = _verb_over(expression)
    if verb is None or verb == trigger or expression.start < trigger.i or trigger not in verb.ancestors:
        return False
    if _says_when_noun_happened(verb, trigger):
        return False
    return any(token.dep_ in _SUBORDINATE for token in _path_up_to(verb, trigger))


def _path_up_to(token: Token, ancestor: Token) -> list[Token]:
    """``token`` and its ancestors below ``ancestor``."""
    return [token, *(a for a in token.ancestors if ancestor in a.ancestors)]


def _says_when_noun_happened(verb: Token, trigger: Token) -> bool:
    """ "the attack (on police) that took place on 28 April": the relative clause dates the event
    noun it hangs off, even when the parser attaches it to a noun inside the same phrase."""
    if verb.dep_ not in ("relcl", "acl") or verb.lemma_ not in _OCCURRENCE_VERBS or trigger not in verb.ancestors:
        return False
    return all(token.pos_ not in _VERBAL for token in _path_up_to(verb, trigger)[1:])


def _reaches_trigger_first(expression: Span, trigger: Token) -> bool:
    """Attached to the trigger itself ("the 9 May attack", "the attack that took place on 9 May"),
    not only to the clause around it."""
    verb = _verb_over(expression)
    return trigger in expression.root.ancestors and (verb is None or verb == trigger or trigger in verb.ancestors)


def _governor_rank(expression: Span, governors: list[Token]) -> int:
    verb = _verb_over(expression)
    return governors.index(verb) if verb in governors else len(governors)


def _distance(span: Span, token: Token) -> int:
    if span.start <= token.i < span.end:
        return 0
    return span.start - token.i if span.start > token.i else token.i - span.end + 1


def offset_clause(trigger: Token, candidates: list[Span]) -> tuple[Span, Token, Token] | None:
    """For a trigger inside "... a day after <clause or noun>" (at any depth): the offset, the
    "after"/"before" and the main clause's verb.

    "The announcement came a day after the minister said ...": the saying is dated one day
    before whatever date the main clause ("came") carries.
    """
    for node in (trigger, *trigger.ancestors):
        link = _offset_link_of(node)
        if link is None:
            continue
        main_verb = clause_verb(node.head if link.head == node else link.head)
        for span in candidates:
            if _OFFSET.match(span.text) and span.root.head in (node, link, link.head) and main_verb is not None:
                return span, link, main_verb
    return None


def _offset_link_of(node: Token) -> Token | None:
    """The "after"/"before" that introduces ``node``: a clause's marker or the preposition over a noun."""
    if node.dep_ == "advcl":
        return next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if node.dep_ == "pobj" and node.head.lower_ in ("after", "before"):
        return node.head
    return None
