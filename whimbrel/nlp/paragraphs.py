"""Sentence starts at line breaks that a reader sees as boundaries, set before the parser runs.

The parser of the small English model does not treat blank lines as boundaries, so a headline
or a lead-in line ("NBC News:") is glued to the next sentence, and a sentence's kind and
speaker then leak across. A token after a blank line always starts a sentence; a token after
a single line break does when the line before ended a sentence or was short (a title, a byline).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: a line with fewer tokens than this is a heading or a label, not a wrapped sentence
SHORT_LINE = 12
_ENDS_SENTENCE = {".", "!", "?", ":", '"', "\u201d", "'", "\u2019"}


class ParagraphBoundaries:
    def __init__(self, nlp: Language, name: str = "paragraph_boundaries") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        line_start = 0
        for i, tok in enumerate(doc):
            if not (tok.is_space and "\n" in tok.text) or i + 1 >= len(doc):
                continue
            prev = doc[i - 1] if i > 0 else None
            blank_line = tok.text.count("\n") >= 2
            line_len = i - line_start
            if blank_line or prev is None or prev.text[-1:] in _ENDS_SENTENCE or line_len < SHORT_LINE:
                doc[i + 1].is_sent_start = True
            line_start = i + 1
        return doc
