from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from whimbrel.attribution.sentences import SentenceClassifier
from whimbrel.config import shared_dir
from whimbrel.ingest.readers import article_from_text, read_paths
from whimbrel.nlp.extensions import SentenceInfo, sentence_info


def _infos(nlp: Language, classifier: SentenceClassifier, text: str, outlet: str | None = None) -> list[SentenceInfo]:
    doc = nlp(text)
    doc._.article = article_from_text(text, outlet=outlet)
    classifier(doc)
    return [sentence_info(doc, s) for s in doc.sents]


# (text, kind of the LAST sentence, speaker, outlet, chain)
TABLE = [
    ("Rebels shelled the port on Friday, officials said.", "reporting", "officials", None, ["officials"]),
    ("The army said rebels shelled the port on Friday.", "reporting", "The army", None, ["The army"]),
    (
        "Rebels shelled the port on Friday, said a police spokesman.",
        "reporting",
        "a police spokesman",
        None,
        ["a police spokesman"],
    ),
    ("The mayor told reporters that two schools were hit.", "reporting", "The mayor", None, ["The mayor"]),
    ("The governor announced that the curfew was lifted.", "reporting", "The governor", None, ["The governor"]),
    ("According to the police, gunmen killed three guards.", "reporting", "the police", None, ["the police"]),
    ("Gunmen killed three guards, according to Reuters.", "reporting", None, "Reuters", ["Reuters"]),
    ("Gunmen killed three guards, according to the police.", "reporting", "the police", None, ["the police"]),
    ("The ministry said in a statement that jets hit a depot.", "reporting", "The ministry", None, ["The ministry"]),
    (
        "Turkey's foreign ministry said troops crossed the border.",
        "reporting",
        "Turkey's foreign ministry",
        None,
        ["Turkey's foreign ministry"],
    ),
    (
        "Xinhua quoted Li Wei, a local official, as saying that the dam broke.",
        "reporting",
        "Li Wei",
        "Xinhua",
        ["Xinhua", "Li Wei"],
    ),
    ("Reuters reported that the talks collapsed on Monday.", "reporting", None, "Reuters", ["Reuters"]),
    (
        "A rebel commander told Reuters that his men took the hill.",
        "reporting",
        "A rebel commander",
        "Reuters",
        ["Reuters", "A rebel commander"],
    ),
    ("The state news agency SANA said a car bomb exploded in Homs.", "reporting", None, "SANA", ["SANA"]),
    (
        "The general said troops took the town. He added that ten soldiers died.",
        "reporting",
        "The general",
        None,
        ["The general"],
    ),
    (
        "The ministry said jets hit a depot. It said the raid killed ten fighters.",
        "reporting",
        "The ministry",
        None,
        ["The ministry"],
    ),
    (
        "The ministry said jets hit a depot. The statement added that all jets returned.",
        "reporting",
        "The ministry",
        None,
        ["The ministry"],
    ),
    ("Police arrested four men in Lagos on Sunday.", "reporting", None, None, []),
    ("Police arrested four men in Lagos on Sunday.", "reporting", None, "BBC", ["BBC"]),
    (
        '"We will never surrender to these terrorists," the colonel said.',
        "quotation",
        "the colonel",
        None,
        ["the colonel"],
    ),
    ('"We will never surrender to these terrorists and their masters."', "quotation", None, None, []),
    ("Egypt and Sudan are neighbours with a long shared border.", "background", None, None, []),
    ("Iran has long supported the Houthi movement.", "background", None, None, []),
    ("Moscow is the main backer of the government.", "background", None, None, []),
    ("I think the government's policy is a disastrous failure.", "commentary", None, None, []),
    ("This shameful display of incompetence will haunt the region.", "commentary", None, None, []),
    (
        "The minister called the policy a disastrous failure, his spokesman said.",
        "reporting",
        "his spokesman",
        None,
        ["his spokesman"],
    ),
    (
        'The senator said the plan was "a shameful and reckless blunder."',
        "reporting",
        "The senator",
        None,
        ["The senator"],
    ),
    ("Obama's feckless and naive policy couldn't be more misguided.", "commentary", None, None, []),
    ("Troops opened fire on protesters in the capital on Monday.", "reporting", None, None, []),
    # one loaded word does not make a report the author's opinion outside a quoted report's framing
    ("Islamist fundamentalists began a hunger strike outside parliament on Monday.", "reporting", None, None, []),
    ("Police said in a statement on Monday that five suspects were detained.", "reporting", "Police", None, ["Police"]),
]


@pytest.mark.parametrize(("text", "kind", "speaker", "outlet", "chain"), TABLE)
def test_sentence_table(
    nlp: Language,
    classifier: SentenceClassifier,
    text: str,
    kind: str,
    speaker: str | None,
    outlet: str | None,
    chain: list[str],
) -> None:
    article_outlet = "BBC" if outlet == "BBC" else None
    info = _infos(nlp, classifier, text, outlet=article_outlet)[-1]
    assert info.kind == kind, info.reasons
    assert info.attribution.speaker == speaker
    assert info.attribution.outlet == outlet
    assert info.attribution.chain == chain


def test_lead_in_line_sets_outlet_until_author_resumes(nlp: Language, classifier: SentenceClassifier) -> None:
    text = (
        "The administration's feckless policy has been a disaster.\n\n"
        "Reuters reports:\n\n"
        "Rebels captured the airport on Monday, a commander said.\n\n"
        "Government troops withdrew to the south.\n\n"
        "This shameful retreat exposes the incompetence of the generals."
    )
    infos = _infos(nlp, classifier, text, outlet="Daily Blog")
    kinds = [i.kind for i in infos]
    assert kinds[0] == "commentary" and kinds[-1] == "commentary"
    reported = [i for i in infos if i.kind == "reporting"]
    assert [i.attribution.chain for i in reported] == [["Reuters", "a commander"], ["Reuters"]]
    assert infos[-1].attribution.outlet == "Daily Blog"


def test_speaker_span_and_reported_range(nlp: Language, classifier: SentenceClassifier) -> None:
    text = "The army said rebels shelled the port."
    doc = nlp(text)
    classifier(doc)
    info = sentence_info(doc, next(iter(doc.sents)))
    assert info.speaker_span is not None and info.speaker_span.text == "The army"
    assert [text[a:b] for a, b in info.reported_ranges] == ["rebels shelled the port"]


def test_pronoun_speaker_points_at_referent_span(nlp: Language, classifier: SentenceClassifier) -> None:
    doc = nlp("The ministry said jets hit a depot. It said the raid killed ten fighters.")
    classifier(doc)
    second = sentence_info(doc, list(doc.sents)[1])
    assert second.speaker_span is not None and second.speaker_span.start_char == 0


def _seed_doc(nlp: Language, classifier: SentenceClassifier) -> Doc:
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is absent")
    [article] = list(read_paths([shared / "seed" / "000_65f17133edcbc7f7.txt"]))
    doc = nlp(article.text)
    doc._.article = article
    return classifier(doc)


def _info_at(doc: Doc, words: str) -> SentenceInfo:
    offset = doc.text.index(words)
    sent = next(s for s in doc.sents if s.start_char <= offset < s.end_char)
    return sentence_info(doc, sent)


@pytest.mark.shared
def test_seed_article(nlp: Language, classifier: SentenceClassifier) -> None:
    doc = _seed_doc(nlp, classifier)
    assert _info_at(doc, "One of the consequences").kind == "commentary"
    assert _info_at(doc, "Nature and diplomacy").kind == "commentary"
    assert _info_at(doc, "The two countries").kind == "commentary"
    assert _info_at(doc, "But opportunity").kind == "commentary"
    assert _info_at(doc, "Russia's defense ministry said").attribution.chain == [
        "NBC News",
        "Russia's defense ministry",
    ]
    irna = _info_at(doc, "IRNA").attribution
    assert (irna.speaker, irna.outlet) == ("Ali Shamkhani", "IRNA")
    assert _info_at(doc, "Moscow and Tehran are").kind == "background"
    assert "technical problems" not in doc.text  # the footer is blanked before NLP
