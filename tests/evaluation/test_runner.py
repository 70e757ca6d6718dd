"""The ``whimbrel eval`` runner: registry, table, skipping, and one real run."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from whimbrel.evaluation import runner
from whimbrel.evaluation.base import Metric
from whimbrel.pipeline import Pipeline


def test_registry_names_the_event_and_geo_sets() -> None:
    assert {
        "acled",
        "case2021",
        "plover_gsr",
        "petrarch2_unittest",
        "india_police_events",
        "lgl",
        "geowebnews",
        "geovirus",
        "event_location",
    } == set(runner.SETS)


def test_render_table_has_one_row_per_metric() -> None:
    rows = [Metric("case2021", 20, "accuracy", 0.45, 3.2), Metric("case2021", 20, "macro_f1", 0.3, 3.2)]
    table = runner.render_table(rows)
    assert [c.header for c in table.columns] == ["set", "items", "metric", "value", "time"]
    assert table.row_count == 2
    console = Console(record=True, width=100)
    console.print(table)
    assert "0.450" in console.export_text()


def test_run_eval_without_shared_data_returns_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "shared_dir", lambda: None)
    assert runner.run_eval(["case2021"], limit=1) == []


@pytest.mark.shared
def test_case2021_on_real_pipeline(shared: Path, pipeline: Pipeline) -> None:
    rows = runner.run_eval(["case2021"], limit=20, pipeline=pipeline)
    assert {r.metric for r in rows} >= {"accuracy", "macro_f1", "nonevent_rejection"}
    assert all(r.set == "case2021" and r.items == 20 for r in rows)
    assert all(0.0 <= r.value <= 1.0 for r in rows)
