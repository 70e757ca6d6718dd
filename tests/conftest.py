"""Shared fixtures: the real spaCy model and whimbrel pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from whimbrel.config import SPACY_MODEL, shared_dir

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare spaCy model (tagger, parser, NER), for stage tests that build small pipelines."""
    return spacy.load(SPACY_MODEL)


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The whole whimbrel pipeline, built once."""
    from whimbrel.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (evaluation data and the seed); tests that need it skip when it is absent."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is absent")
    return path


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    files = sorted((shared / "seed").glob("*.txt"))
    if not files:
        pytest.skip("no seed article in ../shared/seed")
    return files[0]
