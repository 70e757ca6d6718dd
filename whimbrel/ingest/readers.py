"""Reading .txt, .html/.htm and .jsonl inputs into :class:`~whimbrel.model.Article` records.

``read_paths`` never stops on a bad input: it yields a :class:`WhimbrelInputError` for it and
goes on. Every article's ``text`` keeps the input's character offsets (furniture lines are
blanked, not removed); ``raw_text`` is the input as decoded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import charset_normalizer
import trafilatura

from whimbrel.errors import Err, WhimbrelInputError
from whimbrel.ingest.boilerplate import strip_furniture
from whimbrel.ingest.dateline import find_dateline
from whimbrel.model import Article

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: A first line longer than this is a paragraph, not a title.
MAX_TITLE_CHARS = 200
#: Control characters (other than tab/newline/CR/form feed) above this share mean "binary".
MAX_CONTROL_SHARE = 0.05
MIN_HTML_WORDS = 5
WESTERN_ENCODINGS = ["cp1252", "latin_1"]
JSONL_KNOWN_KEYS = {"id", "text", "published", "title", "url", "outlet"}


def read_paths(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Article | WhimbrelInputError]:
    """Articles from files and folders (recursively, in sorted order), or an error per bad input."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield WhimbrelInputError(Err.E109, path=str(path))
        elif path.is_dir():
            # In a folder only input files are read (a README or an image beside the articles is
            # not an article); a file named explicitly is read or refused with E107.
            children = (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            for child in sorted(p for p in children if not _is_hidden(p, path)):
                yield from read_file(child, published)
        else:
            yield from read_file(path, published)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, published: date | None = None) -> Iterator[Article | WhimbrelInputError]:
    """The articles of one file (one for .txt/.html, one per line for .jsonl)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield WhimbrelInputError(Err.E107, path=str(path), detail=suffix or "(none)")
        return
    try:
        text = decode_file(path)
    except WhimbrelInputError as err:
        yield err
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, text, published)
    elif suffix in HTML_SUFFIXES:
        yield _guard(lambda: _read_html(path, text, published))
    else:
        yield _guard(lambda: _read_txt(path, text, published))


def _guard(make: Any) -> Article | WhimbrelInputError:
    try:
        return make()
    except WhimbrelInputError as err:
        return err


def decode_file(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM) first, else the encoding charset_normalizer finds."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WhimbrelInputError(Err.E104, path=str(path), detail=exc.strerror or type(exc).__name__) from exc
    if not data.strip():
        raise WhimbrelInputError(Err.E101, path=str(path))
    if b"\x00" in data:
        raise WhimbrelInputError(Err.E102, path=str(path), detail="contains NUL bytes")
    text = _decode(data, path)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise WhimbrelInputError(Err.E102, path=str(path), detail="mostly control characters")
    return text


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Short Western text is ambiguous among 8-bit code pages; English news that is not UTF-8 is
    # nearly always Windows-1252/Latin-1, so those are tried first and kept if they read cleanly.
    best = charset_normalizer.from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    best = best or charset_normalizer.from_bytes(data).best()
    if best is None:
        raise WhimbrelInputError(Err.E103, path=str(path), detail="not UTF-8 and no other text encoding fits")
    return str(best)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


def parse_published(value: str | date | None) -> date | None:
    """A YYYY-MM-DD string (or a date) as a date; ValueError for anything else."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value.strip())


def article_from_text(
    text: str, article_id: str = "text", published: str | date | None = None, outlet: str | None = None
) -> Article:
    """An Article from plain text (``whimbrel.extract``); a bad ``published`` string is E502."""
    try:
        when = parse_published(published)
    except ValueError as exc:
        raise WhimbrelInputError(Err.E502, detail=str(published)) from exc
    return build_text_article(text, article_id, when, outlet)


def build_text_article(text: str, article_id: str, published: date | None, outlet: str | None = None) -> Article:
    """Blank furniture, take the title and the dateline; ``published`` wins over a dateline date."""
    cleaned, dropped = strip_furniture(text)
    title, body_start = _title_and_body_start(cleaned)
    article = Article(
        id=article_id, text=cleaned, title=title, outlet=outlet, published=published, raw_text=text, dropped=dropped
    )
    dateline = find_dateline(cleaned[body_start:])
    if dateline is not None:
        article.metadata["dateline"] = dateline.as_metadata()
        article.published = article.published or dateline.date
        article.outlet = article.outlet or dateline.outlet
    return article


def _title_and_body_start(text: str) -> tuple[str | None, int]:
    """A short first line followed by a blank line is the title; the body starts after it."""
    lines = text.lstrip().splitlines(keepends=True)
    lead = len(text) - len(text.lstrip())
    if len(lines) < 2 or lines[1].strip() or len(lines[0].strip()) > MAX_TITLE_CHARS:
        return None, lead
    after_title = lead + len(lines[0])
    rest = text[after_title:]
    return lines[0].strip(), after_title + len(rest) - len(rest.lstrip())


def _read_txt(path: Path, text: str, published: date | None) -> Article:
    article = build_text_article(text, path.stem, published)
    article.source_path = str(path)
    return article


def _read_html(path: Path, html: str, published: date | None) -> Article:
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        meta: dict[str, Any] = {}
    else:
        meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    # trafilatura puts one paragraph per line; a blank line between them marks paragraphs as in .txt
    body = (meta.get("text") or "").replace("\n", "\n\n")
    if len(body.split()) < MIN_HTML_WORDS:  # a menu word or two is what is left of a page with no article
        raise WhimbrelInputError(Err.E108, path=str(path), detail="trafilatura found no article body")
    article = build_text_article(body, path.stem, published or _iso_or_none(meta.get("date")), meta.get("sitename"))
    article.title = meta.get("title") or article.title
    article.url = meta.get("url")
    article.source_path = str(path)
    article.metadata.update({k: meta[k] for k in ("author", "hostname", "description") if meta.get(k)})
    return article


def _iso_or_none(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError:
        return None


def _read_jsonl(path: Path, text: str, published: date | None) -> Iterator[Article | WhimbrelInputError]:
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _guard(lambda line=line, line_no=line_no: _jsonl_record(path, line_no, line, published))


def _jsonl_record(path: Path, line_no: int, line: str, published: date | None) -> Article:
    where = {"path": str(path), "line": line_no}
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise WhimbrelInputError(Err.E105, detail=exc.msg, **where) from exc
    if not isinstance(record, dict):
        raise WhimbrelInputError(Err.E105, detail=f"a JSON {type(record).__name__}, not an object", **where)
    for key in ("id", "text"):
        if record.get(key) in (None, ""):
            raise WhimbrelInputError(Err.E106, detail=f"'{key}'", **where)
    try:
        when = parse_published(record.get("published")) or published
    except (ValueError, TypeError) as exc:
        raise WhimbrelInputError(Err.E110, detail=str(record.get("published")), **where) from exc
    article = build_text_article(str(record["text"]), str(record["id"]), when, record.get("outlet"))
    article.title = record.get("title") or article.title
    article.url = record.get("url")
    article.source_path = str(path)
    article.source_line = line_no
    article.metadata.update({k: v for k, v in record.items() if k not in JSONL_KNOWN_KEYS})
    return article
