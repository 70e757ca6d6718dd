"""One exception tree, one numbered catalogue. Every message says what to do about it.

Raise with ``raise WhimbrelInputError(Err.E101, path=..., detail=...)``; the code and the
filled-in message become ``str(exc)``, and the keyword arguments stay on ``exc.context`` so
the store can record them in the failures table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Err(StrEnum):
    # E1xx: reading input
    E101 = "{path}: file is empty. Remove it from the input or give it text."
    E102 = "{path}: looks like a binary file ({detail}). whimbrel reads .txt, .html and .jsonl."
    E103 = "{path}: cannot be decoded as text ({detail}). Convert it to UTF-8."
    E104 = "{path}: cannot be read ({detail}). Check that it exists and is readable."
    E105 = "{path}:{line}: malformed JSONL line ({detail}). Each line must be one JSON object."
    E106 = "{path}:{line}: JSONL record has no {detail}. Every record needs 'id' and 'text'."
    E107 = "{path}: unsupported file type '{detail}'. Use .txt, .html/.htm or .jsonl."
    E108 = "{path}: no main text could be extracted from the HTML ({detail})."
    E109 = "{path}: no such file or folder. Check the path."
    E110 = "{path}:{line}: bad publication date '{detail}'. Use YYYY-MM-DD."
    E111 = "{path}:{line}: gold record has no {detail}. Fix or drop the record (see the set's SOURCE.txt)."
    # E2xx: dictionaries and pattern files
    E201 = "{path}: invalid data file:\n{detail}\nFix the entries listed (see docs/dictionaries.md)."
    E202 = "{path}: not valid YAML ({detail}). Check indentation and quoting near that line."
    E203 = "{path}: data file not found. Pass an existing YAML file to --dict."
    E204 = "{path}: invalid config file: {detail}. See docs/dictionaries.md for its keys ('dictionaries', 'stages')."
    E205 = "{path}:{line}: cannot convert this PETRARCH dictionary line ({detail}). Fix the line or remove it."
    # E3xx: geography
    E301 = "Gazetteer index at {path} is unreadable ({detail}). Delete it; it is rebuilt on next use."
    # E4xx: store
    E401 = "{path}: not a whimbrel store ({detail}). Pass a file created by `whimbrel run --db`."
    E402 = "{path}: store schema version {detail} is newer than this whimbrel. Upgrade whimbrel."
    # E5xx: processing
    E501 = "Article {article_id}: stage '{stage}' failed ({detail}). The article is recorded in failures; re-run with --retry-failures after fixing."
    E502 = "Bad value for --published: '{detail}'. Use YYYY-MM-DD."
    # E6xx: maps and other drawn outputs
    E601 = "{path}: nothing to map: {detail}. Loosen the filters (--type, --country, --since/--until, --modality)."
    E602 = "{path}: cannot draw a map as '{detail}'. Name the output file .png, .svg or .html."
    E603 = "Bad map filter: {detail}. See `whimbrel map --help`."
    # E7xx: evaluation data
    E701 = "{path}:{line}: unreadable gold record ({detail}). Restore the file from the source named in SOURCE.txt."


class WhimbrelError(Exception):
    """Base of every error whimbrel raises on purpose."""

    def __init__(self, code: Err, **context: Any) -> None:
        self.code = code
        self.context = context
        safe = {k: context.get(k, "") for k in ("path", "line", "detail", "article_id", "stage")}
        safe.update(context)
        super().__init__(f"{code.name} {code.value.format(**safe)}")

    @property
    def message(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Results cross process boundaries (Ray workers); rebuild from code and context.
        return (_rebuild, (type(self), self.code, self.context))


def _rebuild(cls: type[WhimbrelError], code: Err, context: dict[str, Any]) -> WhimbrelError:
    return cls(code, **context)


class WhimbrelInputError(WhimbrelError):
    """A file or record could not be read; the run goes on without it."""


class DataFileError(WhimbrelError):
    """A dictionary or pattern file is missing or invalid."""


class StoreError(WhimbrelError):
    """The DuckDB store cannot be used."""


class StageError(WhimbrelError):
    """A pipeline stage failed on one article."""


class EvaluationDataError(WhimbrelError):
    """A gold file in ../shared/eval does not have the shape its SOURCE.txt describes."""
