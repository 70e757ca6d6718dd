from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.attribution.chain import AttributionChainer
from whimbrel.attribution.sentences import SentenceClassifier
from whimbrel.model import Modality
from whimbrel.nlp.extensions import EventMention, event_mentions_of, sentence_info


def _doc_with_event(
    nlp: Language, classifier: SentenceClassifier, text: str, trigger: str, modality: Modality = "asserted"
) -> Doc:
    """A classified doc with one hand-made event mention on ``trigger`` (the events stage's job)."""
    doc = classifier(nlp(text))
    token = next(t for t in doc if t.text == trigger)
    event_mentions_of(doc).append(
        EventMention(
            trigger=token, sent=token.sent, pattern_id="test", cameo="190", plover="ASSAULT", modality=modality
        )
    )
    return doc


@pytest.mark.parametrize(
    ("text", "trigger", "before", "after"),
    [
        ("Rebels shelled the port, officials said.", "shelled", "asserted", "claimed"),
        ("Gunmen attacked a convoy, according to Reuters.", "attacked", "asserted", "claimed"),
        ("Police arrested four men in Lagos on Sunday.", "arrested", "asserted", "asserted"),
        ("The army said it would attack the town.", "attack", "intended", "intended"),
        ("Iran has long supported the Houthi movement.", "supported", "asserted", "background"),
    ],
)
def test_modality(
    nlp: Language, classifier: SentenceClassifier, text: str, trigger: str, before: Modality, after: Modality
) -> None:
    doc = AttributionChainer(nlp, "whimbrel_attribution")(_doc_with_event(nlp, classifier, text, trigger, before))
    [mention] = event_mentions_of(doc)
    assert mention.modality == after


def test_attribution_is_copied_not_shared(nlp: Language, classifier: SentenceClassifier) -> None:
    doc = _doc_with_event(nlp, classifier, "Rebels shelled the port, officials said.", "shelled")
    AttributionChainer(nlp, "whimbrel_attribution")(doc)
    [mention] = event_mentions_of(doc)
    info = sentence_info(doc, mention.sent)
    assert mention.attribution == info.attribution and mention.attribution is not info.attribution
    assert mention.sentence_kind == "reporting"


def test_commentary_events_dropped_or_marked(nlp: Language, classifier: SentenceClassifier) -> None:
    text = "I think this shameful policy will attack our values."
    dropped = AttributionChainer(nlp, "whimbrel_attribution")(_doc_with_event(nlp, classifier, text, "attack"))
    assert event_mentions_of(dropped) == []
    kept = AttributionChainer(nlp, "whimbrel_attribution", drop_commentary=False)(
        _doc_with_event(nlp, classifier, text, "attack")
    )
    [mention] = event_mentions_of(kept)
    assert (mention.sentence_kind, mention.modality) == ("commentary", "asserted")


def test_doc_without_earlier_stages(nlp: Language) -> None:
    doc = AttributionChainer(nlp, "whimbrel_attribution")(nlp("Rebels shelled the port."))
    assert event_mentions_of(doc) == []
