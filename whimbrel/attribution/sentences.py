"""Stage 1: what kind of sentence each one is, and whom it is credited to.

Reads like an editor would: a lead-in line ("NBC News:") hands the following paragraphs to that
outlet until the author's own evaluative voice returns; reporting verbs and "according to" name
the speaker; pronoun and "the statement added" speakers point back to the previous speaker;
unattributed evaluative prose is commentary; present-tense states with no time are background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from whimbrel.attribution.lexicon import Lexicon, load_lexicon
from whimbrel.attribution.speakers import (
    FoundAttribution,
    find_attribution,
    outlet_matcher,
    outlet_spans,
    quoted_ranges,
)
from whimbrel.ingest.boilerplate import split_lines
from whimbrel.model import Attribution, SentenceKind
from whimbrel.nlp.extensions import SentenceInfo, article_of, register_extensions, sentence_info

#: Share of a sentence's characters inside quotation marks from which it is a quotation.
QUOTATION_SHARE = 0.6
#: Evaluation score making a sentence commentary in ordinary news text ...
COMMENTARY_SCORE = 2.0
#: ... and in the author's own framing around a quoted report (before a lead-in, after it ends).
FRAMING_COMMENTARY_SCORE = 1.0
#: A pronoun speaker looks back this many sentences for the speaker it stands for.
PRONOUN_LOOKBACK = 3
MAX_LEAD_IN_CHARS = 60
TIME_ENTS = {"DATE", "TIME"}
PRESENT_TAGS = {"VBZ", "VBP"}
_LEAD_IN = re.compile(
    r"^(?:according to\s+|from\s+|via\s+)?(?P<name>[^:]{2,50}?)(?:\s+(?:reports|reported|writes|wrote|says))?\s*:$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class LeadIn:
    start: int
    end: int
    outlet: str


@dataclass(slots=True)
class Previous:
    """The last speaker seen, for pronouns and "the statement added"."""

    text: str
    span: Span | None
    sentence_no: int


class SentenceClassifier:
    """Sets ``doc._.sentence_info`` for every sentence (kind, attribution, reported ranges)."""

    def __init__(self, nlp: Language, name: str = "whimbrel_sentences") -> None:
        register_extensions()
        self.name = name
        self.lexicon: Lexicon = load_lexicon()
        self.matcher = outlet_matcher(nlp, self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        article = article_of(doc)
        outlets = outlet_spans(doc, self.matcher)
        lead_ins = find_lead_ins(doc.text, self.lexicon)
        section: LeadIn | None = None  # the lead-in whose report we are inside
        framing = bool(lead_ins)  # text before the first lead-in is the author's own
        previous: Previous | None = None
        for no, sent in enumerate(doc.sents):
            info = sentence_info(doc, sent)
            content_start = _content_start(sent, lead_ins)
            # a sentence that is nothing but a lead-in line ("NBC News:") still opens its section
            reached = sent.end_char if content_start is None else content_start
            entered = [li for li in lead_ins if li.end <= reached and (section is None or li.start > section.start)]
            if entered:
                section, framing = entered[-1], False
            if content_start is None:
                _mark_furniture(info, sent, lead_ins)
                continue
            found = find_attribution(sent, outlets, self.lexicon)
            speaker = _resolve_speaker(found, previous, no)
            if speaker is not None and speaker.span is not None:
                previous = speaker
            info.attribution = _attribution(article.outlet, section, found, speaker)
            info.speaker_span = speaker.span if speaker else None
            info.reported_ranges = _clip(found.reported + quoted_ranges(sent), content_start)
            info.kind, reasons = self._kind(sent, found, framing)
            info.reasons.extend(reasons)
            if info.kind == "commentary" and section is not None:
                section, framing = None, True  # the author's voice is back: the quoted report has ended
                info.attribution = _attribution(article.outlet, None, found, speaker)
        return doc

    def _kind(self, sent: Span, found: FoundAttribution, framing: bool) -> tuple[SentenceKind, list[str]]:
        quote_share = _quoted_share(sent)
        if found.credited:
            kind: SentenceKind = "quotation" if quote_share >= QUOTATION_SHARE else "reporting"
            return kind, [
                f"credited ({found.verb.lemma_ if found.verb else 'according to'})",
                f"quoted {quote_share:.2f}",
            ]
        score, reasons = commentary_score(sent, self.lexicon)
        threshold = FRAMING_COMMENTARY_SCORE if framing else COMMENTARY_SCORE
        if score >= threshold:
            return "commentary", [*reasons, f"unattributed, score {score:g} >= {threshold:g}"]
        if quote_share >= QUOTATION_SHARE:
            return "quotation", [f"quoted {quote_share:.2f}"]
        background = background_reason(sent, self.lexicon)
        if background is not None:
            return "background", [background]
        return "reporting", [*reasons, "unattributed report"]


def find_lead_ins(text: str, lexicon: Lexicon) -> list[LeadIn]:
    """Lines like "NBC News:" or "Reuters reports:" that hand what follows to an outlet."""
    out = []
    for line in split_lines(text):
        stripped = line.text.strip()
        if len(stripped) > MAX_LEAD_IN_CHARS:
            continue
        m = _LEAD_IN.match(stripped)
        outlet = _lead_in_outlet(m.group("name").strip(), stripped, lexicon) if m else None
        if outlet is not None:
            start = line.start + line.text.index(stripped)
            out.append(LeadIn(start, start + len(stripped), outlet))
    return out


def _lead_in_outlet(name: str, line: str, lexicon: Lexicon) -> str | None:
    if name in lexicon.outlets:
        return lexicon.outlets[name]
    words = name.split()
    capitalised = all(w[0].isupper() for w in words if w.lower() not in {"the", "of", "and"})
    marked = any(w.lower().strip(".'s") in lexicon.words("outlet_word") for w in line.split())
    return name if capitalised and marked and len(words) <= 5 else None


def _content_start(sent: Span, lead_ins: list[LeadIn]) -> int | None:
    """Offset of the sentence's first word outside any lead-in line; None if it has none."""
    for tok in sent:
        if tok.is_space or not tok.text.strip():
            continue
        if any(li.start <= tok.idx < li.end for li in lead_ins):
            continue
        return tok.idx
    return None


def _mark_furniture(info: SentenceInfo, sent: Span, lead_ins: list[LeadIn]) -> None:
    info.kind = "furniture"
    lead = next((li for li in lead_ins if sent.start_char <= li.start < sent.end_char), None)
    info.reasons.append(f"lead-in line for {lead.outlet}" if lead else "blank or removed line")


def _resolve_speaker(found: FoundAttribution, previous: Previous | None, sentence_no: int) -> Previous | None:
    recent = previous is not None and sentence_no - previous.sentence_no <= PRONOUN_LOOKBACK
    if (found.pronoun or found.refers_back) and recent:
        return Previous(previous.text, previous.span, sentence_no)  # type: ignore[union-attr]
    if found.speaker is not None:
        span = None if found.pronoun else found.speaker
        return Previous(found.speaker.text, span, sentence_no)
    return None


def _attribution(
    article_outlet: str | None, section: LeadIn | None, found: FoundAttribution, speaker: Previous | None
) -> Attribution:
    outer = section.outlet if section is not None else article_outlet
    chain = [outer, found.outlet, found.intermediary.text if found.intermediary is not None else None]
    chain.append(speaker.text if speaker else None)
    deduped: list[str] = []
    for link in chain:
        if link and (not deduped or deduped[-1] != link):
            deduped.append(link)
    return Attribution(speaker=speaker.text if speaker else None, outlet=found.outlet or outer, chain=deduped)


def _clip(ranges: list[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    """Ranges with anything before ``start`` (a lead-in line in the same sentence) cut off."""
    return [(max(a, start), b) for a, b in ranges if b > start]


def _quoted_share(sent: Span) -> float:
    text_chars = len(sent.text.strip())
    inside = sum(end - start for start, end in quoted_ranges(sent))
    return inside / text_chars if text_chars else 0.0


def commentary_score(sent: Span, lexicon: Lexicon) -> tuple[float, list[str]]:
    """How strongly a sentence reads as the author's opinion, with the words that say so."""
    quoted = quoted_ranges(sent)
    own = [t for t in sent if not any(s <= t.idx < e for s, e in quoted)]
    reasons: list[str] = []
    evaluative = [
        t.text
        for t in own
        if t.lower_ in lexicon.words("evaluative") or t.lemma_.lower() in lexicon.words("evaluative")
    ]
    if evaluative:
        reasons.append(f"evaluative: {', '.join(evaluative)}")
    lowered = " ".join(t.lower_ for t in own).replace(" n't", "n't")
    phrases = [p for p in lexicon.words("evaluative_phrase") if p in lowered]
    if phrases:
        reasons.append(f"evaluative phrase: {', '.join(phrases)}")
    opinion = [t.text for t in own if t.lemma_.lower() in lexicon.words("opinion_verb") and _first_person_subject(t)]
    if opinion:
        reasons.append(f"first-person opinion: {', '.join(opinion)}")
    modals = [t.text for t in own if t.tag_ == "MD" and t.lower_ in lexicon.words("judgement_modal")]
    if modals:
        reasons.append(f"judgement modal: {', '.join(modals)}")
    rhetorical = sent.text.rstrip().endswith("?")
    if rhetorical:
        reasons.append("question")
    score = len(evaluative) + len(phrases) + 2 * len(opinion) + len(modals) + float(rhetorical)
    return score, reasons


def _first_person_subject(verb: object) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in verb.children)  # type: ignore[attr-defined]


def background_reason(sent: Span, lexicon: Lexicon) -> str | None:
    """Why a sentence is background (a standing state with no event time), or None."""
    if any(ent.label_ in TIME_ENTS for ent in sent.ents):
        return None
    root = sent.root
    stative = lexicon.words("stative_verb")
    habitual = [
        c for c in root.children if c.dep_ in {"advmod", "npadvmod"} and c.lower_ in lexicon.words("habitual_adverb")
    ]
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in PRESENT_TAGS for c in root.children)
    if root.tag_ in PRESENT_TAGS and root.lemma_.lower() in stative:
        return f"present-tense state '{root.text}' with no time"
    if habitual and (root.tag_ in PRESENT_TAGS or perfect):
        return f"habitual '{habitual[0].text} {root.text}' with no time"
    return None
