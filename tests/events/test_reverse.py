"""Reverse codes: a user's pattern coding an event from both sides ("X visited Y": Y hosted X)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from whimbrel.errors import DataFileError
from whimbrel.events.matcher import EventMatcher
from whimbrel.events.patterns import load_patterns
from whimbrel.events.reverse import reversed_mentions

VISIT = """patterns:
  - id: user.visit
    lemmas: [visit]
    pos: [VERB]
    cameo: "042"
    plover: CONSULT
    reverse: "043"
  - id: user.pact
    lemmas: [ratify]
    pos: [VERB]
    cameo: "057"
    plover: SUPPORT
    code: "0577"
    reverse: "0577"
"""


@pytest.fixture()
def visit_file(tmp_path: Path) -> Path:
    path = tmp_path / "visit.yaml"
    path.write_text(VISIT, encoding="utf-8")
    return path


def test_a_reverse_code_must_be_cameo_or_the_patterns_own_code(visit_file: Path, tmp_path: Path) -> None:
    by_id = {p.id: p for p in load_patterns([visit_file], include_bundled=False)}
    assert by_id["user.visit"].reverse_plover == "CONSULT"  # 043, hosting a visit
    assert by_id["user.pact"].reverse_plover == "SUPPORT"  # the user's own code: the pattern's type
    bad = tmp_path / "bad.yaml"
    bad.write_text(VISIT.replace('reverse: "043"', 'reverse: "9999"'), encoding="utf-8")
    with pytest.raises(DataFileError, match="E201") as err:
        load_patterns([bad], include_bundled=False)
    assert "user.visit" in str(err.value) and "reverse code '9999'" in str(err.value)


def test_mentions_with_both_actors_give_the_reversed_event(nlp: Language, visit_file: Path) -> None:
    matcher = EventMatcher(nlp, "whimbrel_events", extra_pattern_files=[visit_file], use_bundled_patterns=False)
    doc = matcher(nlp("The French president visited Germany on Monday. Italy ratified."))
    mentions = doc._.event_mentions
    reversed_ = reversed_mentions(mentions)
    assert len(mentions) == 2 and len(reversed_) == 1  # "Italy ratified" has no target
    (host,) = reversed_
    assert (host.cameo, host.plover) == ("043", "CONSULT")
    assert host.source_span is not None and host.source_span.text == "Germany"
    assert host.target_span is not None and host.target_span.root.text == "president"
    assert reversed_mentions(reversed_) == []  # a reversed event is not reversed again
