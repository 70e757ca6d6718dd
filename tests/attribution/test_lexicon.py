"""The verbs of saying the stages share: one file, each verb once, with its named sets."""

from __future__ import annotations

from typing import get_args

from whimbrel.attribution.lexicon import DATA_DIR, SpeechVerb, SpeechVerbSet, speech_verbs
from whimbrel.data_files import load_models


def test_each_verb_is_listed_once_and_in_some_set() -> None:
    verbs = load_models(DATA_DIR / "speech_verbs.yaml", SpeechVerb, "lemma")
    lemmas = [v.lemma for v in verbs]
    assert len(lemmas) == len(set(lemmas))
    assert all(v.sets for v in verbs)


def test_every_named_set_has_its_core_verbs() -> None:
    for name in get_args(SpeechVerbSet):
        assert {"say", "tell", "state"} <= speech_verbs(name), name


def test_the_sets_differ_where_their_uses_do() -> None:
    # judging an event is not saying another party must act, nor a clause the modality walk stops at
    assert "condemn" in speech_verbs("talks_about")
    assert "condemn" not in speech_verbs("voices_demand") | speech_verbs("reports_clause")
    assert "insist" in speech_verbs("voices_demand") and "insist" not in speech_verbs("talks_about")
    assert "quote" in speech_verbs("reports_clause") and "quote" not in speech_verbs("voices_demand")
