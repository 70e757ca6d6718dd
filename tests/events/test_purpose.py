"""Acts named as the aim, frame or manner of another act: whose they are and whether they are events."""

from __future__ import annotations

import pytest
from spacy.language import Language

from whimbrel.events.purpose import governing_act


@pytest.mark.parametrize(
    ("text", "word", "act"),
    [
        ("Gondor and Rohan will pool their ships to fight piracy.", "fight", "pool"),
        ("Gondor and Rohan will pool their ships in the fight against piracy.", "fight", "pool"),
        ("The two navies opened a joint office with the goal of coordinating patrols.", "coordinating", "opened"),
        ("Gondor sent engineers in order to rebuild the bridge.", "rebuild", "sent"),
        ("Rohan answered by shelling the border posts.", "shelling", "answered"),
    ],
)
def test_the_act_an_aim_or_manner_belongs_to(nlp: Language, text: str, word: str, act: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    found = governing_act(token)
    assert found is not None and found.text == act


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Rohan accused Gondor of shelling the border posts.", "shelling"),  # a charge, not Rohan's manner
        ("Gondor agreed to fight piracy.", "fight"),  # the complement of a promise is what is promised
        ("Gondor shelled the border posts.", "shelled"),
    ],
)
def test_complements_and_main_verbs_are_no_aims(nlp: Language, text: str, word: str) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert governing_act(token) is None


def test_the_doer_of_an_aim_is_the_doer_of_its_act(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Kenya and Uganda set up a joint command with the goal of coordinating their patrols.")
    coordinating = [m for m in found if m.trigger.text == "coordinating"]
    assert coordinating
    assert all(m.source_span is not None and m.source_span.text in ("Kenya", "Uganda") for m in coordinating)


def test_a_fight_named_as_the_aim_of_a_promise_is_no_threat(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Kenya and Uganda will cooperate closely in the fight against the militants.")
    assert any(m.plover == "AGREE" for m in found)  # the promise to cooperate is the event
    assert not any(m.plover in ("THREATEN", "ASSAULT") for m in found)


def test_an_aim_reported_as_done_is_kept(events) -> None:  # type: ignore[no-untyped-def]
    found = events("Kenyan jets used a Somali airfield to bomb the militants.")
    assert any(m.plover == "ASSAULT" and m.trigger.text == "bomb" for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Malawi vowed to work with Zambia in the fight against the poaching gangs.",
        "Malawi will work with Zambia to fight the poachers.",
        "Malawi and Zambia will act jointly to fight the poachers.",
    ],
)
def test_the_aim_of_a_promised_joint_act_is_no_threat(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(m.plover in ("THREATEN", "ASSAULT") for m in events(text))


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Malawi vowed to press on in the fight against the poachers.", "THREATEN"),  # no partner: a threat
        ("Malawi worked with Zambia to fight the poachers.", "ASSAULT"),  # done, not promised
    ],
)
def test_a_fight_neither_promised_nor_joint_is_kept(events, text: str, plover: str) -> None:  # type: ignore[no-untyped-def]
    assert any(m.plover == plover for m in events(text))
