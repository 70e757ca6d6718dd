"""tense_of: past / present / future of an event's clause, with the real spaCy model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.time.tense import is_past_perfect, tense_of

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


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("More drugs had been found in the farm.", "found", True),
        ("Troops had shelled the village.", "shelled", True),
        ("Troops have shelled the village.", "shelled", False),
        ("Troops shelled the village.", "shelled", False),
    ],
)
def test_is_past_perfect(nlp: Language, sentence: str, word: str, expected: bool) -> None:
    token = next(t for t in nlp(sentence) if t.text == word)
    assert is_past_perfect(token) is expected


def test_an_infinitive_at_the_root_of_a_fragment_is_past(nlp) -> None:  # type: ignore[no-untyped-def]
    # a headline fragment whose root is a bare "to" infinitive used to recurse without end
    doc = nlp("To protest the extradition bill")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert tense_of(root) == "past"  # no governing clause: news reports what has happened
