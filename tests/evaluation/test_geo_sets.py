"""Readers of the toponym gold sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.evaluation.geo_sets import read_geovirus


@pytest.mark.shared
def test_geovirus_spans_point_at_their_names(shared: Path) -> None:
    articles = list(read_geovirus(shared / "eval" / "geovirus" / "GeoVirus.xml"))
    assert len(articles) > 200
    toponyms = [(a.text, t) for a in articles for t in a.toponyms]
    # The file counts from 1; the reader's offsets are Python's.
    assert all(text[t.start : t.end] == t.text for text, t in toponyms)
    assert all(t.lat is not None and t.lon is not None for _, t in toponyms)
