"""What every evaluation set provides: a function from the shared eval folder to metric rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whimbrel.pipeline import Pipeline


@dataclass(slots=True)
class Metric:
    set: str
    items: int
    metric: str
    value: float
    seconds: float


#: (pipeline, ../shared/eval folder, optional item limit) -> metric rows
EvalFn = Callable[[Pipeline, Path, "int | None"], list[Metric]]
