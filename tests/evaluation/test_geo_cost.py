"""The cost-of-geography report: its fields and the stage timers it reads (no timed assertions)."""

from __future__ import annotations

from whimbrel.evaluation.geo_cost import GEO_STAGES, GeoCost, GeoRun, geo_markdown
from whimbrel.model import Article
from whimbrel.pipeline import Pipeline


def test_stage_timers_count_every_stage(pipeline: Pipeline) -> None:
    before = dict(pipeline.stage_seconds)
    list(pipeline.process([Article(id="t1", text="Rebels shelled Mosul on Friday, the army said.")]))
    assert set(pipeline.stage_seconds) == set(pipeline.stage_names)
    assert all(pipeline.stage_seconds[name] > before.get(name, 0.0) for name in pipeline.stage_names)


def test_pipeline_without_the_geography_stages_finds_no_places() -> None:
    bare = Pipeline(without=GEO_STAGES)
    assert not set(GEO_STAGES) & set(bare.stage_names)
    (result,) = bare.process([Article(id="t2", text="Police detained twelve protesters in Lagos.")])
    assert result.error is None
    assert result.toponyms == []
    assert result.events and all(not e.locations for e in result.events)


def test_report_has_the_shares_and_the_memory() -> None:
    stages = {"whimbrel_sentences": 1.0, "whimbrel_places": 2.0, "whimbrel_events": 3.0, "whimbrel_place_roles": 0.5}
    cost = GeoCost(
        articles=50,
        words=20_000,
        on=GeoRun(seconds=20.0, cpu_seconds=18.0, loaded_rss_mb=450.0, peak_rss_mb=520.0, stage_seconds=stages),
        off=GeoRun(seconds=17.0, cpu_seconds=16.0, loaded_rss_mb=300.0, peak_rss_mb=360.0),
        rounds=3,
    )
    assert cost.geo_seconds == 2.5
    assert cost.geo_share == 0.125
    assert round(cost.geo_added, 3) == 0.143  # 2.5 s on top of the other 17.5 s
    assert round(cost.cpu_share, 3) == 0.125
    assert cost.gazetteer_mb == 150.0
    text = geo_markdown(cost, "a made-up corpus")
    assert text.startswith("## Cost of geography")
    assert "Each run 3 times in turn" in text
    for field in ("whole extraction (s)", "CPU time", "resident memory once loaded", "peak resident memory"):
        assert field in text
    assert "| **12.5%** |" in text
    assert "adds 14.3% to the time of the rest (limit 10%: NOT met)" in text
    assert "adds 150 MB" in text
    assert "limit 1,024 MB: met" in text
