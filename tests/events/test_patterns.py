"""Pattern files: validation, CAMEO checks, user overrides, round trip, coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.errors import DataFileError
from whimbrel.events.patterns import dump_patterns, load_patterns
from whimbrel.events.schema import cameo_names

GOOD = """# test patterns
- id: custom.attack
  lemmas: [ambush]
  cameo: "190"
  plover: ASSAULT
"""


def test_bundled_patterns_cover_cameo_roots_02_to_20() -> None:
    patterns = load_patterns()
    assert len(patterns) >= 80
    assert {p.cameo[:2] for p in patterns} == {f"{i:02d}" for i in range(2, 21)}


def test_bad_entry_error_names_file_line_and_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD + '- id: custom.bad\n  lemmas: [hit]\n  cameo: "190"\n  plover: ATTACK\n', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_patterns([path])
    message = str(err.value)
    assert "E201" in message and str(path) in message and "line 6" in message and "custom.bad" in message


def test_unknown_cameo_code_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "codes.yaml"
    path.write_text(GOOD.replace('"190"', '"999"'), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown CAMEO code '999'"):
        load_patterns([path])


def test_plover_type_must_match_cameo_table(tmp_path: Path) -> None:
    path = tmp_path / "mismatch.yaml"
    path.write_text(GOOD.replace("ASSAULT", "PROTEST"), encoding="utf-8")
    with pytest.raises(DataFileError, match="maps to PLOVER ASSAULT"):
        load_patterns([path])


def test_user_pattern_overrides_bundled_by_id(tmp_path: Path) -> None:
    path = tmp_path / "override.yaml"
    path.write_text(GOOD.replace("custom.attack", "assault.invade"), encoding="utf-8")
    (pattern,) = [p for p in load_patterns([path]) if p.id == "assault.invade"]
    assert pattern.lemmas == ["ambush"]


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    original = load_patterns()
    path = tmp_path / "all.yaml"
    dump_patterns(path, original)
    assert load_patterns([path]) == original


def test_cameo_code_table_has_names() -> None:
    assert cameo_names()["195"].lower().startswith("employ aerial")


def test_opening_diplomatic_ties_is_diplomatic_cooperation(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("Chile and Vietnam established diplomatic ties and opened embassies.")
    assert ("established", "050", "SUPPORT") in {(m.trigger.text, m.cameo, m.plover) for m in mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Police were called to the scene of the collision at 9am.",
        "Three people sought medical attention after the spill.",
        "Police are investigating a crash that left four people in hospital.",
    ],
)
def test_accident_reports_code_no_talks_appeals_or_accusations(events, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not {m.plover for m in events(text)} & {"CONSULT", "REQUEST", "ACCUSE"}


@pytest.mark.parametrize(
    ("text", "trigger", "pattern", "source", "target"),
    [
        (
            "Some 20,000 Syrian Kurds sought refuge in Turkey last week.",
            "sought",
            "request.asylum",
            "Syrian Kurds",
            None,
        ),
        ("Egypt launched a mediation effort between Chad and Sudan.", "effort", "consult.mediate", "Egypt", "Chad"),
        (
            "Dutch nurses handed over two tonnes of medicine to the hospital.",
            "handed",
            "aid.humanitarian",
            "Dutch nurses",
            None,
        ),
        ("Militiamen sexually abused dozens of women in the camp.", "abused", "assault.sexual", "Militiamen", None),
        (
            "Turkey has strengthened its forces along the border.",
            "strengthened",
            "mobilize.send_troops",
            "Turkey",
            None,
        ),
        (
            "The doctors' union called off its strike after talks.",
            "called",
            "concede.end_protest",
            "The doctors' union",
            None,
        ),
        ("The workers ended their sit-in outside the parliament.", "ended", "concede.end_protest", "workers", None),
        (
            "The president received a team of election observers.",
            "received",
            "retreat.allow_inspectors",
            "president",
            None,
        ),
        (
            "The Chadian government accepted demands from the rebels.",
            "accepted",
            "concede.accept_demands",
            "Chadian government",
            None,
        ),
        (
            "Norway accepted a formula for settling its quarrel with Iceland.",
            "accepted",
            "agree.accept_plan",
            "Norway",
            "formula",
        ),
        (
            "The Kenyan government welcomed the court's ruling on the vote.",
            "welcomed",
            "support.praise",
            "Kenyan government",
            None,
        ),
    ],
)
def test_words_for_asylum_mediation_handovers_abuse_reinforcement_ended_protests_and_observers(  # type: ignore[no-untyped-def]
    events, text: str, trigger: str, pattern: str, source: str, target: str | None
) -> None:
    mentions = [m for m in events(text) if m.trigger.text == trigger]
    assert mentions and {m.pattern_id for m in mentions} == {pattern}
    assert str(mentions[0].source_span) == source
    assert target is None or str(mentions[0].target_span) == target


def test_a_halted_air_campaign_is_not_an_ended_protest(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The army halted its air strikes on the town after a rally in the capital.")
    assert not [m for m in mentions if m.pattern_id == "concede.end_protest"]


def test_declining_to_step_down_or_back_down_is_a_refusal_to_yield(events) -> None:  # type: ignore[no-untyped-def]
    mentions = events("The Zambian finance minister has declined to resign over the scandal.")
    assert {(m.cameo, m.plover) for m in mentions if m.trigger.text == "declined"} == {("1231", "REJECT")}
    mentions = events("The rebels declined to withdraw from the captured town.")
    assert {(m.cameo, m.plover) for m in mentions if m.trigger.text == "declined"} == {("124", "REJECT")}
    assert not [m for m in events("The mayor declined to comment on the report.") if m.plover == "REJECT"]


def test_evacuating_the_wounded_is_aid_and_evacuating_a_base_a_retreat(events) -> None:  # type: ignore[no-untyped-def]
    wounded = events("Medics evacuated the wounded from the shelled clinic by boat.")
    assert {m.pattern_id for m in wounded if m.trigger.text == "evacuated"} == {"aid.evacuate_people"}
    base = events("The army evacuated its base near the border.")
    assert {m.pattern_id for m in base if m.trigger.text == "evacuated"} == {"retreat.withdraw"}
