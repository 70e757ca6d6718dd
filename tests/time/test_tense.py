"""tense_of: past / present / future of an event's clause, with the real spaCy model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.time.tense import tense_of

CASES = [
    ("Rebels attacked the town.", "attacked", "past"),
    ("Rebels were killed in the raid.", "killed", "past"),
    ("Police have arrested five men.", "arrested", "past"),
    ("The ministers will meet in Geneva.", "meet", "future"),
    ("Russia plans to strike the base.", "strike", "future"),
    ("Iran is to host the talks.", "host", "future"),
    ("Moscow said it would attack the town.", "attack", "future"),
    ("The talks are scheduled for Friday.", "talks", "future"),
    ("Protesters are marching in the capital.", "marching", "present"),
    ("Bombers took off to conduct airstrikes.", "airstrikes", "past"),
]


@pytest.mark.parametrize(("sentence", "word", "tense"), CASES)
def test_tense_of(nlp: Language, sentence: str, word: str, tense: str) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert tense_of(token) == tense
