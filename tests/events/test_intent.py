"""Announced actions are coded as promises (CAMEO 03x, AGREE) or threats (13x, THREATEN)."""

from __future__ import annotations

import pytest

from whimbrel.events.intent import announced_code
from whimbrel.events.schema import cameo_names, cameo_to_plover


@pytest.mark.parametrize(
    ("text", "trigger", "cameo", "plover"),
    [
        ("Norway will support the Danish bid for a seat on the council.", "support", "032", "AGREE"),
        ("Brazil will provide emergency food aid to the flood victims.", "provide", "0333", "AGREE"),
        ("The rebels are willing to withdraw their fighters from the valley.", "withdraw", "0356", "AGREE"),
        ("The governor will impose a curfew on the capital.", "curfew", "1323", "THREATEN"),
        ("The union said it would boycott the talks with the ministry.", "boycott", "133", "THREATEN"),
        ("The UN chief said he will withdraw the weapons inspectors from Syria.", "withdraw", "136", "THREATEN"),
    ],
)
def test_an_announced_action_is_a_promise_or_a_threat(events, text, trigger, cameo, plover) -> None:  # type: ignore[no-untyped-def]
    # the promise or threat is what happened: it is asserted, and flagged as announcing the act
    codings = {
        (m.cameo, m.plover, m.modality, m.extra["announced_act"]) for m in events(text) if m.trigger.text == trigger
    }
    assert codings == {(cameo, plover, "asserted", True)}


def test_an_announced_promise_is_the_main_event_over_a_background_act(pipeline) -> None:  # type: ignore[no-untyped-def]
    from whimbrel.evaluation.event_sets import gsr_event
    from whimbrel.model import Article

    text = "The kidnappers said they will free the two engineers, whom they had abducted in March, next week."
    (result,) = pipeline.process([Article(id="t", text=text)])
    main = gsr_event(result.events)
    assert main is not None and (main.trigger.text, main.plover, main.modality) == ("free", "AGREE", "claimed")


def test_a_done_action_keeps_its_own_code(events) -> None:  # type: ignore[no-untyped-def]
    text = "Brazil provided emergency food aid to the flood victims."
    assert {(m.cameo, m.plover) for m in events(text) if m.trigger.text == "provided"} == {("073", "AID")}


def test_every_announced_code_is_a_known_cameo_code_with_a_plover_type() -> None:
    codes, plover = set(cameo_names()), cameo_to_plover()
    for cameo in codes:
        announced = announced_code(cameo)
        if announced is not None:
            assert announced in codes and plover[announced].plover in ("AGREE", "THREATEN"), cameo


def test_verbal_and_mobilising_codes_have_no_announced_form() -> None:
    assert [announced_code(c) for c in ("010", "112", "130", "154")] == [None, None, None, None]


def test_an_attempted_attack_is_the_attack_not_a_threat(events) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen tried to assassinate the mayor of the town."
    assert {m.plover for m in events(text) if m.trigger.text == "assassinate"} == {"ASSAULT"}


def test_cut_aid_is_a_sanction_not_aid(events) -> None:  # type: ignore[no-untyped-def]
    codings = {(m.trigger.text, m.plover) for m in events("The donors suspended all aid to the junta.")}
    assert ("suspended", "SANCTION") in codings and "AID" not in {plover for _, plover in codings}


def test_an_indictment_is_a_legal_accusation(events) -> None:  # type: ignore[no-untyped-def]
    text = "A federal court indicted the former governor for fraud."
    assert {(m.cameo, m.plover) for m in events(text) if m.trigger.text == "indicted"} == {("1121", "ACCUSE")}


@pytest.mark.parametrize(
    ("text", "trigger", "cameo"),
    [
        ("The governor lifted the curfew in the northern districts.", "lifted", "0813"),
        ("The army shortened the nightly curfew by two hours.", "shortened", "0813"),
        ("The cabinet lifted the state of emergency on Monday.", "lifted", "0814"),
        ("The court cancelled restrictions on opposition newspapers.", "cancelled", "081"),
    ],
)
def test_easing_restrictions_is_a_concession(events, text: str, trigger: str, cameo: str) -> None:  # type: ignore[no-untyped-def]
    mentions = events(text)
    assert {(m.cameo, m.plover) for m in mentions if m.trigger.text == trigger} == {(cameo, "CONCEDE")}
    assert "1723" not in {m.cameo for m in mentions}  # the eased curfew is not imposed


@pytest.mark.parametrize(
    ("text", "trigger", "cameo"),
    [
        ("The rebels said they will not release the hostages.", "release", "1243"),
        ("Kenya will not lift the ban on the opposition party.", "lift", "1241"),
    ],
)
def test_a_concession_said_not_to_be_made_is_a_refusal(events, text: str, trigger: str, cameo: str) -> None:  # type: ignore[no-untyped-def]
    codings = {(m.cameo, m.plover) for m in events(text) if m.trigger.text == trigger}
    assert codings == {(cameo, "REJECT")}


def test_a_refusal_verb_keeps_the_refused_act_as_it_is(events) -> None:  # type: ignore[no-untyped-def]
    # "refused" is coded by its own REJECT pattern; the release it governs stays a negated release
    mentions = events("The government refused to release the hostages.")
    assert {(m.plover, m.modality) for m in mentions if m.trigger.text == "release"} == {("RETREAT", "negated")}
