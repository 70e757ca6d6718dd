"""Readers (on small files written here in the gold formats) and metrics (on hand-made predictions)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from whimbrel.evaluation.event_sets import (
    AcledItem,
    GsrItem,
    acled_actor_matches,
    acled_main_event,
    acled_scores,
    actor_code,
    case_scores,
    gsr_scores,
    haversine_km,
    macro_f1,
    main_event,
    read_acled,
    read_case2021,
    read_plover_gsr,
    set_f1,
    sub_type_recall,
    top_confusions,
)
from whimbrel.model import Actor, Event, Place, TextSpan

ACLED_HEADER = (
    "event_date,event_type,sub_event_type,actor1,country,iso3,latitude,longitude,notes,fatalities,timestamp\n"
)


def _event(
    start: int = 0,
    confidence: float = 0.5,
    modality: str = "asserted",
    source: Actor | None = None,
    target: Actor | None = None,
    locations: list[Place] | None = None,
    **fields: object,
) -> Event:
    return Event(
        event_id=f"e{start}",
        article_id="a",
        sentence="Troops fought rebels.",
        sentence_start=0,
        sentence_end=21,
        trigger=TextSpan("fought", start, start + 6),
        pattern_id="p",
        cameo=str(fields.pop("cameo", "190")),
        plover=str(fields.pop("plover", "ASSAULT")),
        modality=modality,  # type: ignore[arg-type]
        confidence=confidence,
        source=source,
        target=target,
        locations=locations or [],
        **fields,  # type: ignore[arg-type]
    )


def _acled_item(**changes: object) -> AcledItem:
    values: dict[str, object] = {
        "note": "On 2 March 2021, soldiers fought bandits near Town, killing 3.",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Niger (2010-)",
        "actor1_country": "NER",
        "iso3": "NER",
        "lat": 10.0,
        "lon": 20.0,
        "event_date": date(2021, 3, 2),
        "fatalities": 3,
        "uploaded": date(2021, 3, 8),
        "rows": 1,
    }
    values.update(changes)
    return AcledItem(**values)  # type: ignore[arg-type]


# --- readers ---------------------------------------------------------------------------------


def test_read_acled_dedupes_notes_and_parses_gold(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        ACLED_HEADER
        + '2-Mar-21,Battles,Armed clash,Military Forces of Nigeria (2015-),Nigeria,NGA,9.5,8.1,"Soldiers fought, then left.",2,1615161600\n'
        + '2-Mar-21,Battles,Armed clash,Military Forces of Nigeria (2015-),Nigeria,NGA,9.9,8.7,"Soldiers fought, then left.",0,1615161600\n'
        + "3-Mar-21,Protests,Peaceful protest,Protesters (Nigeria),Nigeria,NGA,9.0,7.0,Traders marched.,0,\n",
        encoding="utf-8",
    )
    first, second = read_acled(path)
    assert (first.rows, first.lat, first.fatalities) == (2, 9.5, 2)
    assert first.event_date == date(2021, 3, 2)
    assert first.uploaded == date(2021, 3, 8)
    assert first.actor1_country == "NGA"
    assert second.actor1_country == "NGA"
    assert second.uploaded is None
    assert len(read_acled(path, limit=1)) == 1


def test_read_acled_leaves_named_groups_without_country(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        ACLED_HEADER + "2-Mar-21,Battles,Armed clash,Red Hand Brigade,Chad,TCD,1,1,A clash.,0,1615161600\n",
        encoding="utf-8",
    )
    assert read_acled(path)[0].actor1_country is None


def test_read_acled_gives_romania_its_iso_code(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        ACLED_HEADER
        + "4-Mar-21,Protests,Peaceful protest,Protesters (Romania),Romania,ROM,44.4,26.1,Miners marched.,0,1615161600\n",
        encoding="utf-8",
    )
    (item,) = read_acled(path)
    assert (item.iso3, item.actor1_country) == ("ROU", "ROU")


def test_read_case2021(tmp_path: Path) -> None:
    path = tmp_path / "case.tsv"
    path.write_text(
        'id\tEventSnippet\tSubType\n7\tA "big" march filled the square.\tPEACE_PROTEST\n8\tA storm hit.\tNATURAL_DISASTER\n',
        encoding="utf-8",
    )
    items = read_case2021(path)
    assert [(i.id, i.label) for i in items] == [("7", "PEACE_PROTEST"), ("8", "NATURAL_DISASTER")]
    assert items[0].text == 'A "big" march filled the square.'
    assert len(read_case2021(path, limit=1)) == 1


def test_read_plover_gsr_skips_header_and_normalises(tmp_path: Path) -> None:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "R1",
            "event": "FIGHT",
            "text": "Japanese troops clashed with UN guards.",
            "source": [{"actorText": "Japanese", "code": "JAP"}],
            "target": [{"actorText": "UN", "code": "IGO"}],
        },
        {"id": "R2", "event": "DEMAND", "text": "Chile asked for talks.", "source": [{"code": "CHL"}], "target": ""},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    first, second = read_plover_gsr(path)
    assert (first.plover, first.sources, first.targets) == ("ASSAULT", frozenset({"JPN"}), frozenset({"IGO"}))
    assert (second.plover, second.targets) == ("REQUEST", frozenset())


# --- generic metrics -------------------------------------------------------------------------


def test_main_event_prefers_confidence_then_earlier_trigger() -> None:
    early, late, strong = _event(0, 0.5), _event(10, 0.5), _event(20, 0.9)
    assert main_event([late, early]) is early
    assert main_event([early, strong]) is strong


def test_main_event_ignores_events_that_did_not_happen() -> None:
    assert main_event([_event(0, 0.9, modality="negated")]) is None
    claimed = _event(5, 0.3, modality="claimed")
    assert main_event([_event(0, 0.9, modality="hypothetical"), claimed]) is claimed


def test_acled_main_event_prefers_an_acled_typed_material_event() -> None:
    demand = _event(0, 0.9, plover="REQUEST", cameo="100")
    protest = _event(10, 0.5, plover="PROTEST", cameo="141", acled_event_type="Protests")
    untyped_assault = _event(20, 0.6)
    assert acled_main_event([demand, protest]) is protest
    assert acled_main_event([demand, untyped_assault]) is untyped_assault


def test_macro_f1_averages_over_gold_labels() -> None:
    # A: tp=1 fp=0 fn=1 -> 2/3; B: tp=1 fp=1 fn=0 -> 2/3; C predicted only: not averaged
    assert macro_f1(["A", "A", "B"], ["A", "B", "B"]) == pytest.approx(2 / 3)
    assert macro_f1(["A"], ["C"]) == 0.0


def test_top_confusions_counts_disagreements_only() -> None:
    gold = ["A", "A", "A", "B", "B"]
    predicted = ["B", "B", "A", "NONE", "B"]
    assert top_confusions(gold, predicted, n=1) == [("A", "B", 2)]
    assert top_confusions(gold, predicted) == [("A", "B", 2), ("B", "NONE", 1)]


def test_set_f1_is_micro() -> None:
    pairs = [(frozenset({"USA", "RUS"}), frozenset({"USA"})), (frozenset(), frozenset({"FRA"}))]
    assert set_f1(pairs) == pytest.approx(2 * 1 / (2 * 1 + 1 + 1))


def test_haversine_one_degree_of_latitude() -> None:
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.19, abs=0.01)


# --- actors ----------------------------------------------------------------------------------


def test_actor_code_reads_country_then_code() -> None:
    assert actor_code(Actor("Russian jets", 0, 12, country="RUS", code="RUSMIL")) == "RUS"
    assert actor_code(Actor("police", 0, 6, code="FRACOP")) == "FRA"
    assert actor_code(Actor("NATO", 0, 4, country="NATO")) == "IGO"
    assert actor_code(Actor("al-Qaeda", 0, 8, code="IMGMUSAQ")) == "IMG"
    assert actor_code(Actor("gunmen", 0, 6)) is None
    assert actor_code(None) is None


def test_acled_actor_by_country_or_group_name() -> None:
    state = _acled_item()
    assert acled_actor_matches(state, Actor("soldiers", 0, 8, country="NER"))
    assert not acled_actor_matches(state, Actor("soldiers", 0, 8, country="FRA"))
    group = _acled_item(actor1="RHB: Red Hand Brigade", actor1_country=None)
    assert acled_actor_matches(group, Actor("the Red Hand brigade", 0, 20, group="Red Hand Brigade"))
    assert acled_actor_matches(group, Actor("RHB", 0, 3))
    assert not acled_actor_matches(group, Actor("brigade", 0, 7))


def test_acled_group_branch_in_brackets_matches_the_group() -> None:
    branch = _acled_item(actor1="Red Hand Brigade (Ruritania)", actor1_country="RUR")
    assert acled_actor_matches(branch, Actor("Red Hand fighters", 0, 17, name="Red Hand Brigade", group="RHB"))
    generic = _acled_item(actor1="Protesters (Ruritania)", actor1_country="RUR")
    assert not acled_actor_matches(generic, Actor("protesters", 0, 10))  # a generic label needs the country
    region = _acled_item(actor1="Red Hand Brigade (Northern Marches)", actor1_country=None)
    named = Actor("RHB-NM fighters", 0, 15, name="Red Hand Brigade in the Northern Marches", group="RHBNM")
    assert acled_actor_matches(region, named)


# --- set scores ------------------------------------------------------------------------------


def test_acled_scores_on_one_right_and_one_missing_event() -> None:
    item = _acled_item()
    right = _event(
        acled_event_type="Battles",
        acled_sub_event_type="Armed clash",
        source=Actor("soldiers", 0, 8, country="NER"),
        locations=[
            Place("Capital", 0, 7, country="NER", lat=50.0, lon=50.0, role="origin"),
            Place("Town", 0, 4, country="NER", lat=10.1, lon=20.0, role="event"),
        ],
        date="2021-03-02",
        quantities={"killed": 3},
    )
    scores = acled_scores([item, _acled_item(fatalities=0)], [right, None])
    assert scores["event_found"] == 0.5
    assert scores["sub_event_type_acc"] == 0.5
    assert scores["actor1_match"] == 0.5
    assert scores["country_acc"] == 0.5
    assert scores["within_25km"] == 0.5  # 0.1 degree of latitude is about 11 km
    assert scores["date_exact"] == 0.5
    assert scores["fatalities_exact"] == 1.0  # no event predicts 0 killed, which the second gold says
    assert scores["fatalities_exact_nonzero"] == 1.0
    assert scores["fatalities_mae"] == 0.0


def test_acled_distance_is_from_the_most_precise_event_place() -> None:
    province = Place("Province", 0, 8, country="NER", lat=12.0, lon=20.0, precision="admin1", role="event")
    town = Place("Town", 0, 4, country="NER", lat=10.1, lon=20.0, precision="point", role="event")
    scores = acled_scores([_acled_item()], [_event(locations=[province, town])])
    assert scores["within_25km"] == 1.0  # the town (11 km away), not the province (222 km) named first


def test_case_scores_count_rejection_of_non_events() -> None:
    gold = ["AIR_STRIKE", "NATURAL_DISASTER", "ORG_CRIME", "DIPLO"]
    predicted = ["AIR_STRIKE", "NONE", "ARREST", "NONE"]
    scores = case_scores(gold, predicted)
    assert scores["accuracy"] == 0.25
    assert scores["nonevent_rejection"] == 0.5
    assert scores["event_found"] == 0.5
    # labels AIR_STRIKE (1), DIPLO (0) and NONE (P 1/2, R 1/2) for the two non-events
    assert scores["macro_f1_uncoded_nonevents"] == pytest.approx((1 + 0 + 0.5) / 3)


def test_gsr_scores_types_and_actor_codes() -> None:
    items = [
        GsrItem("1", "x", "ASSAULT", frozenset({"ISR"}), frozenset({"LBN"})),
        GsrItem("2", "y", "THREATEN", frozenset({"USA"}), frozenset({"IRQ"})),
    ]
    strike = _event(source=Actor("Israel", 0, 6, country="ISR"), target=Actor("Lebanon", 0, 7, country="SYR"))
    threat = _event(modality="threatened", plover="SANCTION", cameo="163", source=Actor("US", 0, 2, country="USA"))
    scores = gsr_scores(items, [strike, threat])
    assert scores["plover_acc"] == 1.0
    assert scores["source_f1"] == 1.0
    assert scores["target_f1"] == 0.0


def test_sub_type_recall_looks_past_the_main_event() -> None:
    demand = _event(0, 0.9, plover="REQUEST", cameo="100")
    protest = _event(10, 0.5, acled_sub_event_type="Peaceful protest")
    denied = _event(0, 0.9, modality="denied", acled_sub_event_type="Peaceful protest")
    items = [_acled_item(sub_event_type="Peaceful protest")] * 2
    assert sub_type_recall(items, [[demand, protest], [demand, denied]]) == 0.5
