"""Geo stage fixtures: the places component on the real spaCy model, built once."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.geo.recognize import PlaceRecognizer
from whimbrel.geo.roles import PlaceRoles


@pytest.fixture(scope="session")
def recognizer(nlp: Language) -> PlaceRecognizer:
    return PlaceRecognizer(nlp, "whimbrel_places")


@pytest.fixture(scope="session")
def roles(nlp: Language) -> PlaceRoles:
    return PlaceRoles(nlp, "whimbrel_place_roles")
