"""Blanking page furniture (share bars, footers, bylines...) without moving any character offset.

A furniture line is replaced by spaces of the same length (its newline is kept), so every offset
into ``Article.text`` equals the offset into the input; the removed line is kept as a
:class:`~whimbrel.model.DroppedLine`. Patterns live in ``data/boilerplate.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from whimbrel.data_files import load_models
from whimbrel.model import DroppedLine

BOILERPLATE_FILE = Path(__file__).parent / "data" / "boilerplate.yaml"
#: A byline or timestamp only counts as furniture among this many first non-blank lines.
HEAD_LINES = 4


class FurniturePattern(BaseModel):
    id: str
    pattern: str
    reason: str
    position: Literal["any", "head", "tail"] = "any"
    max_chars: int = 200
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    spec: FurniturePattern
    regex: re.Pattern[str]

    def matches(self, line: str) -> bool:
        return len(line) <= self.spec.max_chars and self.regex.fullmatch(line) is not None


@dataclass(frozen=True, slots=True)
class Line:
    line_no: int  # 1-based
    start: int  # character offset of the line's first character
    text: str  # without its line break


@lru_cache(maxsize=4)
def furniture_patterns(path: Path = BOILERPLATE_FILE) -> tuple[CompiledPattern, ...]:
    specs = load_models(path, FurniturePattern)
    return tuple(CompiledPattern(s, re.compile(s.pattern, 0 if s.case_sensitive else re.IGNORECASE)) for s in specs)


def split_lines(text: str) -> list[Line]:
    """Lines with their start offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    lines = []
    offset = 0
    for no, chunk in enumerate(text.splitlines(keepends=True), start=1):
        body = chunk.rstrip("\r\n")
        lines.append(Line(no, offset, body))
        offset += len(chunk)
    return lines


def _reason(line: str, position: str, patterns: tuple[CompiledPattern, ...]) -> str | None:
    for pat in patterns:
        if pat.spec.position in ("any", position) and pat.matches(line):
            return pat.spec.reason
    return None


def find_furniture(text: str, patterns: tuple[CompiledPattern, ...] | None = None) -> list[DroppedLine]:
    """The furniture lines of ``text``, in order.

    Tail patterns (copyright, "technical problems" footers) only apply to the trailing block:
    a line counts as tail if every later non-blank line is furniture as well, which is read
    backwards from the end.
    """
    patterns = patterns if patterns is not None else furniture_patterns()
    lines = [ln for ln in split_lines(text) if ln.text.strip()]
    head_numbers = {ln.line_no for ln in lines[:HEAD_LINES]}
    reasons: dict[int, str] = {}
    in_tail = True
    for ln in reversed(lines):
        stripped = ln.text.strip()
        position = "tail" if in_tail else ("head" if ln.line_no in head_numbers else "body")
        reason = _reason(stripped, position, patterns)
        if reason is None and ln.line_no in head_numbers and position == "tail":
            reason = _reason(stripped, "head", patterns)
        if reason is None:
            in_tail = False
            continue
        reasons[ln.line_no] = reason
    return [DroppedLine(ln.line_no, ln.text, reasons[ln.line_no]) for ln in lines if ln.line_no in reasons]


def blank_lines(text: str, dropped: list[DroppedLine]) -> str:
    """``text`` with each dropped line's characters replaced by spaces (line breaks kept)."""
    numbers = {d.line_no for d in dropped}
    out = []
    for chunk_no, chunk in enumerate(text.splitlines(keepends=True), start=1):
        if chunk_no in numbers:
            body = chunk.rstrip("\r\n")
            chunk = " " * len(body) + chunk[len(body) :]
        out.append(chunk)
    return "".join(out)


def strip_furniture(text: str) -> tuple[str, list[DroppedLine]]:
    """(text with furniture blanked, the dropped lines)."""
    dropped = find_furniture(text)
    return blank_lines(text, dropped), dropped
