"""Finding who a sentence credits its content to, from the dependency parse.

Forms handled: "X said (that) ...", "..., X said", "..., said X", "X told reporters ...",
"according to X, ...", "X quoted Y as saying ...", "X said in a statement", "the statement added"
(a statement noun stands for the previous speaker) and pronoun speakers ("it said"), which the
caller resolves against earlier sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from whimbrel.attribution.lexicon import Lexicon

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Parts of a noun phrase that describe the speaker rather than name it ("Ali Shamkhani, the secretary ...").
DESCRIPTIVE_DEPS = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
COMPLEMENT_DEPS = {"ccomp", "xcomp"}
# A reporting verb hanging off the clause it reports ("Rebels attacked, officials said").
TRAILING_TAG_DEPS = {"parataxis", "advcl", "conj", "ccomp"}
QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»"}


@dataclass(slots=True)
class FoundAttribution:
    """What one sentence says about its source; empty when it credits nobody."""

    speaker: Span | None = None
    outlet: str | None = None  # an outlet named in the sentence (canonical name)
    intermediary: Span | None = None  # a non-outlet teller: "the mayor quoted X as saying"
    pronoun: bool = False  # speaker is "it"/"he"/... and must be resolved by the caller
    refers_back: bool = False  # "the statement added": the previous speaker is meant
    verb: Token | None = None
    reported: list[tuple[int, int]] = field(default_factory=list)

    @property
    def credited(self) -> bool:
        return self.speaker is not None or self.outlet is not None or self.refers_back


def outlet_matcher(nlp: Language, lexicon: Lexicon) -> PhraseMatcher:
    """Case-sensitive matcher of outlet names ("AP" the agency, not "ap")."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for alias, name in lexicon.outlets.items():
        matcher.add(name, [nlp.make_doc(alias)])
    return matcher


def outlet_spans(doc: Doc, matcher: PhraseMatcher) -> list[tuple[Span, str]]:
    """Every known outlet named in the doc, longest match first where they overlap."""
    found = [(doc[s:e], doc.vocab.strings[k]) for k, s, e in matcher(doc)]
    found.sort(key=lambda item: (item[0].start, -len(item[0])))
    kept: list[tuple[Span, str]] = []
    for span, name in found:
        if not kept or span.start >= kept[-1][0].end:
            kept.append((span, name))
    return kept


def name_span(head: Token) -> Span:
    """The words naming ``head``'s phrase, without appositions and relative clauses."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in DESCRIPTIVE_DEPS]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(tok.children)
    if head.pos_ != "PROPN":  # "the secretary of the council": a role needs its "of" phrase
        tokens.extend(t for c in head.children if c.dep_ == "prep" and c.i > head.i for t in c.subtree)
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    return head.doc[start:end]


def _outlet_in(tokens: Span, outlets: list[tuple[Span, str]], lexicon: Lexicon) -> str | None:
    """The outlet a phrase names: a known outlet, or a phrase headed by a media noun."""
    for span, name in outlets:
        if span.start >= tokens.start and span.end <= tokens.end:
            return name
    root = tokens.root
    if root.lemma_.lower() in lexicon.words("media_noun"):
        proper = [t for t in tokens if t.pos_ == "PROPN" and t.dep_ != "poss"]
        # "aid agencies", "intelligence agency": a noun modifier that is not about news makes the
        # phrase a different kind of body
        modifiers = [c for c in root.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if not proper and any(m.lemma_.lower() not in lexicon.words("outlet_word") for m in modifiers):
            return None
        return " ".join(t.text for t in proper) if proper else tokens.text
    return None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _subjects_span(verb: Token) -> Span:
    """All the verb's subject words: the parser may split "the news agency SANA" into two subjects."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return verb.doc[min(s.left_edge.i for s in subjects) : max(s.right_edge.i for s in subjects) + 1]


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)


def _reporting_verbs(sent: Span, lexicon: Lexicon) -> list[Token]:
    verbs = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in lexicon.reporting_verbs]
    return sorted(verbs, key=lambda t: (_depth(t), t.i))


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _complement_tokens(verb: Token) -> list[Token]:
    """The reported clause: the verb's complement, or (for "quoted X as saying") the saying's."""
    comps = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
    if not comps:
        comps = [
            c
            for t in verb.subtree
            if t.lemma_ in {"say", "tell"} and t.i != verb.i
            for c in t.children
            if c.dep_ == "ccomp"
        ]
    if comps:
        return [t for c in comps for t in c.subtree]
    if verb.dep_ in TRAILING_TAG_DEPS and verb.head.i != verb.i and verb.head.i < verb.i:
        own = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in own]
    return []


def _according_to(sent: Span) -> tuple[Token, Span] | None:
    """("according" token, the phrase after "to") for "according to X"."""
    for tok in sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return tok, name_span(obj)
    return None


def char_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Contiguous character ranges covering ``tokens`` (runs of adjacent token indices)."""
    ranges: list[tuple[int, int]] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if tok.i == last + 1 and ranges:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((tok.idx, end))
        last = tok.i
    return ranges


def quoted_ranges(sent: Span) -> list[tuple[int, int]]:
    """Doc character ranges inside quotation marks (the marks excluded)."""
    text, base, out = sent.text, sent.start_char, []
    pos = 0
    while pos < len(text):
        opener = text[pos]
        closer = QUOTE_PAIRS.get(opener)
        end = text.find(closer, pos + 1) if closer else -1
        if end > pos + 1:
            out.append((base + pos + 1, base + end))
            pos = end + 1
        else:
            pos += 1
    return out


def _speaker_after_quote(verb: Token) -> Span | None:
    """'"...," a resident of Sebba told AFP': after a closing quote the small parser often hangs
    the speaker on the quoted verb; the first noun between the quote and the verb is the speaker."""
    sent = verb.sent
    quotes = [t for t in sent if t.i < verb.i and t.is_quote]
    if not quotes:
        return None
    nouns = [t for t in sent if quotes[-1].i < t.i < verb.i and t.pos_ in ("NOUN", "PROPN")]
    return name_span(nouns[0]) if nouns else None


def find_attribution(sent: Span, outlets: list[tuple[Span, str]], lexicon: Lexicon) -> FoundAttribution:
    found = FoundAttribution()
    reporting = _reporting_verbs(sent, lexicon)
    verbs = [v for v in reporting if _subject(v) is not None or v.lemma_ == "quote"]
    if verbs:
        _from_verb(verbs[0], found, outlets, lexicon)
    else:
        for verb in reporting:
            speaker = _speaker_after_quote(verb)
            if speaker is not None:
                found.verb, found.speaker = verb, speaker
                found.reported = quoted_ranges(sent)
                break
    according = _according_to(sent)
    if according is not None:
        _from_according(according, found, sent, outlets, lexicon)
    if found.outlet is None:
        found.outlet = _outlet_told(found.verb, outlets, lexicon)
    return found


def _from_verb(verb: Token, found: FoundAttribution, outlets: list[tuple[Span, str]], lexicon: Lexicon) -> None:
    found.verb = verb
    found.reported = char_ranges(_complement_tokens(verb))
    subject = _subject(verb)
    teller = name_span(subject) if subject is not None else None
    teller_outlet = _outlet_in(_subjects_span(verb), outlets, lexicon) if subject is not None else None
    quoted = _object(verb) if verb.lemma_ == "quote" else None
    if quoted is not None:
        found.speaker = name_span(quoted)
        found.outlet = teller_outlet
        found.intermediary = None if teller_outlet else teller
        return
    if teller_outlet is not None:
        found.outlet = teller_outlet
    elif subject is not None and subject.pos_ == "PRON":
        found.pronoun, found.speaker = True, teller
    elif subject is not None and subject.lemma_.lower() in lexicon.words("statement_noun"):
        found.refers_back = True
    else:
        found.speaker = teller


def _from_according(
    according: tuple[Token, Span],
    found: FoundAttribution,
    sent: Span,
    outlets: list[tuple[Span, str]],
    lexicon: Lexicon,
) -> None:
    tok, source = according
    outlet = _outlet_in(source, outlets, lexicon)
    if outlet is not None:
        found.outlet = outlet
    elif found.speaker is None:
        found.speaker = source
    if not found.reported:
        own = {t.i for t in tok.subtree}
        found.reported = char_ranges([t for t in sent if t.i not in own and not t.is_punct])


def _outlet_told(verb: Token | None, outlets: list[tuple[Span, str]], lexicon: Lexicon) -> str | None:
    """ "X told Reuters": the outlet is the one told."""
    obj = _object(verb) if verb is not None and verb.lemma_ == "tell" else None
    if obj is None:
        return None
    return _outlet_in(obj.doc[obj.left_edge.i : obj.right_edge.i + 1], outlets, lexicon)
