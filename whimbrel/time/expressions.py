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
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
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
            rf"\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?\b",
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
        ]
    )
)
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
    return _join_offsets(_longest_first(found))


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
            return ancestor == clause_verb(trigger)
    return False


def pick_for_trigger(candidates: list[Span], trigger: Token) -> Span | None:
    """The candidate attached to the trigger's clause, else the one nearest the trigger."""
    if not candidates:
        return None
    return min(candidates, key=lambda span: (not attached_to(span, trigger), _distance(span, trigger)))


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
