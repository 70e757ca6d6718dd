"""Loading and saving trigger patterns: the bundled files plus users' own (``--dict``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from whimbrel.data_files import dump_models, load_models
from whimbrel.errors import DataFileError, Err
from whimbrel.events.schema import TriggerPattern

PATTERN_DIR = Path(__file__).parent / "patterns"


def bundled_pattern_files() -> list[Path]:
    return sorted(PATTERN_DIR.glob("*.yaml"))


def _load_file(path: Path) -> list[TriggerPattern]:
    patterns = load_models(path, TriggerPattern)
    counts = Counter(p.id for p in patterns)
    duplicates = [ident for ident, n in counts.items() if n > 1]
    if duplicates:
        raise DataFileError(Err.E201, path=str(path), detail=f"  duplicate pattern id(s): {sorted(set(duplicates))}")
    return patterns


@lru_cache(maxsize=1)
def _bundled() -> tuple[TriggerPattern, ...]:
    by_id: dict[str, TriggerPattern] = {}
    for path in bundled_pattern_files():
        for pattern in _load_file(path):
            if pattern.id in by_id:
                raise DataFileError(
                    Err.E201, path=str(path), detail=f"  pattern id '{pattern.id}' is defined in two files"
                )
            by_id[pattern.id] = pattern
    return tuple(by_id.values())


def load_patterns(extra_files: Sequence[str | Path] = ()) -> list[TriggerPattern]:
    """The bundled patterns, then each extra file's: an extra pattern replaces a bundled one with its id."""
    by_id = {p.id: p for p in _bundled()}
    for extra in extra_files:
        for pattern in _load_file(Path(extra)):
            by_id[pattern.id] = pattern
    return list(by_id.values())


def dump_patterns(path: str | Path, patterns: Iterable[TriggerPattern]) -> None:
    """Write patterns as a YAML data file that :func:`load_patterns` reads back unchanged."""
    dump_models(Path(path), patterns)
