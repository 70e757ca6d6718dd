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


def _load_file(path: Path, section: str | None = None) -> list[TriggerPattern]:
    patterns = load_models(path, TriggerPattern, section=section)
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


def bundled_patterns() -> tuple[TriggerPattern, ...]:
    return _bundled()


def load_patterns(extra_files: Sequence[str | Path] = (), include_bundled: bool = True) -> list[TriggerPattern]:
    """The bundled patterns, then each extra file's: an extra pattern replaces a bundled one with its id.

    An extra file is a YAML list of patterns, or a user dictionary whose ``patterns:`` key holds
    them (see docs/dictionaries.md). Without ``include_bundled`` only the extra files' patterns
    are used (a user's own dictionary replacing whimbrel's, as for the PETRARCH suite).
    """
    by_id = {p.id: p for p in _bundled()} if include_bundled else {}
    for extra in extra_files:
        for pattern in _load_file(Path(extra), section="patterns"):
            by_id[pattern.id] = pattern
    return list(by_id.values())


def dump_patterns(path: str | Path, patterns: Iterable[TriggerPattern]) -> None:
    """Write patterns as a YAML data file that :func:`load_patterns` reads back unchanged."""
    dump_models(Path(path), patterns)
