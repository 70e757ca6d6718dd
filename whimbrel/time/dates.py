"""The ``whimbrel_dates`` stage: gives every event mention a date, anchored on the publication date.

Order of evidence, strongest first:

1. a date expression in the event's own sentence, the one attached to the trigger's clause,
   else the nearest (``extra["date_source"] = "sentence"``);
2. none there, and the sentence is background: no date (background is not about the reported day);
3. otherwise the date of the nearest earlier event that had its own (``"context"``);
4. otherwise the publication date, to the day (``"published"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from whimbrel.nlp.extensions import EventMention, article_of, event_mentions_of, register_extensions, sentence_info
from whimbrel.time.expressions import attached_to, date_expressions, offset_clause, pick_for_trigger
from whimbrel.time.ranges import DateRange
from whimbrel.time.resolve import days_from_previous, resolve_date_text
from whimbrel.time.tense import is_past_perfect, tense_of

__all__ = ["DateRange", "EventDater", "resolve_date_text", "tense_of"]


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """A date found in an event's sentence, with the words it came from."""

    range: DateRange
    text: str
    # the date is stated for a pluperfect clause ("on 27 April more had been found"): a flashback
    flashback: bool = False


class EventDater:
    """spaCy component: sets ``date``, ``date_end``, ``date_precision``, ``date_text`` on each event."""

    def __init__(self, nlp: Language, name: str = "whimbrel_dates") -> None:
        register_extensions()
        self.name = name
        # dateparser loads its English data on first use: pay that here, not on the first article.
        resolve_date_text("1 January 2000", None, "past")

    def __call__(self, doc: Doc) -> Doc:
        published = article_of(doc).published
        by_sentence: dict[int, list[EventMention]] = {}
        for mention in sorted(event_mentions_of(doc), key=lambda m: m.trigger.i):
            by_sentence.setdefault(mention.sent.start, []).append(mention)
        if not by_sentence:
            return doc
        previous: SentenceDate | None = None
        for sent in doc.sents:
            if sent.start > max(by_sentence):
                break
            expressions = date_expressions(sent)
            mentions = by_sentence.get(sent.start)
            if not mentions:
                # a sentence with no event can still set the story's date ("On 3 May, in X: ...")
                previous = _narrative_date(expressions, published) or previous
                continue
            story_dates: list[tuple[int, SentenceDate]] = []
            for mention in mentions:
                found = date_in_sentence(mention, expressions, published, previous)
                if found is not None:
                    _set_date(mention, found.range, found.text, "sentence")
                    if _moves_the_story(found, published):
                        previous = found
                        story_dates.append((_depth(mention.trigger), found))
                elif sentence_info(doc, mention.sent).kind == "background":
                    _set_date(mention, None, None, None)
                elif previous is not None:
                    _set_date(mention, previous.range, None, "context")
                elif published is not None:
                    _set_date(mention, DateRange.day(published), None, "published")
                else:
                    _set_date(mention, None, None, None)
            if story_dates:
                # What follows continues the sentence's main clause, not a date in a clause inside it
                # ("arrested on the same day for a rally in December 2019. Ten were detained.").
                previous = min(story_dates, key=lambda pair: pair[0])[1]
        return doc


def _moves_the_story(found: SentenceDate, published: date | None) -> bool:
    """Whether the events after this one may take its date.

    Not a date still to come ("will meet next week"), nor a flashback: a date stated for a
    pluperfect clause ("on 27 April another ton had been found").
    """
    if published is not None and found.range.start > published:
        return False
    return not found.flashback


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _narrative_date(expressions: list[Span], published: date | None) -> SentenceDate | None:
    """The first past date an event-less sentence gives, to date the events after it."""
    for span in expressions:
        if is_past_perfect(span.root):
            continue  # a flashback ("on 27 April more had been found") is not the story's date
        found = resolve_date_text(span.text, published, tense_of(span.root))
        if found is not None and (published is None or found.start <= published):
            return SentenceDate(found, span.text)
    return None


def date_in_sentence(
    mention: EventMention, candidates: list[Span], published: date | None, previous: SentenceDate | None = None
) -> SentenceDate | None:
    """The resolvable date expression of the sentence that belongs to this event, if any.

    ``previous`` is the date reported last before this sentence, which "the next day" counts from.
    """
    resolved: dict[int, tuple[Span, DateRange]] = {}
    for span in candidates:
        # A date points back or forward by the tense of the clause it sits in, not the event's:
        # "IRNA on Tuesday quoted him as saying they will share ...".
        date_range = resolve_date_text(span.text, published, tense_of(span.root)) or _from_previous(span, previous)
        if date_range is not None:
            resolved[span.start] = (span, date_range)
    usable = [span for span, _ in resolved.values()]
    if not any(attached_to(span, mention.trigger) for span in usable):
        shifted = _date_by_offset(mention, candidates, usable, published)
        if shifted is not None:
            return shifted
    chosen = pick_for_trigger(usable, mention.trigger)
    if chosen is None:
        return None
    return SentenceDate(resolved[chosen.start][1], chosen.text, is_past_perfect(chosen.root))


def _from_previous(span: Span, previous: SentenceDate | None) -> DateRange | None:
    days = days_from_previous(span.text)
    if days is None or previous is None or previous.range.precision != "day":
        return None
    return DateRange.day(previous.range.start + timedelta(days=days))


def _date_by_offset(
    mention: EventMention, candidates: list[Span], usable: list[Span], published: date | None
) -> SentenceDate | None:
    """ "X came a day after <event>": the event is dated from X's date, moved back by the offset."""
    found = offset_clause(mention.trigger, candidates)
    if found is None:
        return None
    offset, link, main_verb = found
    anchor = pick_for_trigger([s for s in usable if attached_to(s, main_verb)], main_verb)
    if anchor is None:
        return None
    reverse = "before" if link.lower_ == "after" else "after"
    shifted = resolve_date_text(f"{offset.text} {reverse} {anchor.text}", published, tense_of(main_verb))
    if shifted is None:
        return None
    return SentenceDate(shifted, f"{anchor.text} ... {offset.text} {link.text}")


def _set_date(mention: EventMention, found: DateRange | None, text: str | None, source: str | None) -> None:
    mention.date = found.start.isoformat() if found else None
    mention.date_end = found.end.isoformat() if found and found.end else None
    mention.date_precision = found.precision if found else None
    mention.date_text = text
    mention.extra["date_source"] = source
