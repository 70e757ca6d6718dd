"""Loading the YAML data files (patterns, dictionaries) with validation that names every bad entry.

A data file is a YAML list of mappings. Each entry is validated with a pydantic model; all
problems are collected and raised together as one :class:`~whimbrel.errors.DataFileError`
whose message gives, for each bad entry, its line in the file, its id and what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from whimbrel.errors import DataFileError, Err

M = TypeVar("M", bound=BaseModel)


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that remembers the line each mapping starts on (as ``__line__``)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


#: Top-level keys a user's combined file (``--dict``) may hold, each a list of entries.
USER_FILE_SECTIONS = ("actors", "patterns")
#: a dictionary file may also carry the stage settings it is meant to be coded with (``stages:``)
USER_FILE_KEYS = (*USER_FILE_SECTIONS, "stages")


def read_yaml_entries(path: Path, section: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """(line, entry) pairs of a YAML list file; raises E202/E203/E201 with the file named.

    With ``section``, the file may instead be a mapping of :data:`USER_FILE_SECTIONS` to lists
    (one user file holding actors and patterns); the named list is read, or none if absent.
    """
    if not path.is_file():
        raise DataFileError(Err.E203, path=str(path))
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataFileError(Err.E202, path=str(path), detail=str(exc).replace("\n", " ")) from exc
    if data is None:
        return []
    if section is not None and isinstance(data, dict):
        unknown = sorted(k for k in data if k not in USER_FILE_KEYS and k != "__line__")
        if unknown:
            detail = f"  unknown top-level key(s) {unknown}; a dictionary file has {list(USER_FILE_KEYS)}"
            raise DataFileError(Err.E201, path=str(path), detail=detail)
        data = data.get(section) or []
    if not isinstance(data, list):
        raise DataFileError(Err.E201, path=str(path), detail="  the file must be a YAML list of entries ('- id: ...')")
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise DataFileError(
                Err.E201, path=str(path), detail=f"  entry {i + 1}: expected a mapping, got {type(item).__name__}"
            )
        line = int(item.get("__line__", 0))
        out.append((line, _strip_lines(item)))
    return out


def load_models(path: Path, model: type[M], id_field: str = "id", section: str | None = None) -> list[M]:
    """Validate every entry of ``path`` (or of its ``section``) against ``model``; report all bad entries at once."""
    entries = read_yaml_entries(path, section)
    good: list[M] = []
    problems: list[str] = []
    for line, raw in entries:
        try:
            good.append(model.model_validate(raw))
        except ValidationError as exc:
            ident = raw.get(id_field, "?")
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "(entry)"
                problems.append(f"  line {line}, entry '{ident}': {where}: {err['msg']}")
    if problems:
        raise DataFileError(Err.E201, path=str(path), detail="\n".join(problems))
    return good


def dump_models(path: Path, items: Iterable[BaseModel]) -> None:
    """Write validated entries back out (round trip): defaults and Nones are left out."""
    data = [it.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for it in items]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
