from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from whimbrel.errors import Err, WhimbrelInputError
from whimbrel.ingest.boilerplate import strip_furniture
from whimbrel.ingest.readers import article_from_text, read_paths
from whimbrel.model import Article

STORY = "Jets hit depots\n\nRussian jets struck three depots near Aleppo on Tuesday, the ministry said.\n"


def _read(*paths: Path, published: date | None = None) -> list[Article | WhimbrelInputError]:
    return list(read_paths(paths, published=published))


def _codes(results: list[Article | WhimbrelInputError]) -> list[str]:
    return [r.code.name if isinstance(r, WhimbrelInputError) else "ok" for r in results]


def test_txt_gives_id_title_and_published(tmp_path: Path) -> None:
    path = tmp_path / "story1.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = _read(path, published=date(2016, 8, 16))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.published) == ("story1", "Jets hit depots", date(2016, 8, 16))
    assert article.text == STORY


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY, encoding="utf-8")
    assert [a.id for a in _read(tmp_path)] == ["a", "z", "c"]


def test_a_folder_skips_files_that_are_not_inputs_but_a_named_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    assert [a.id for a in _read(tmp_path)] == ["story"]
    assert _codes(_read(tmp_path / "README.md")) == ["E107"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", Err.E101),
        ("blank.txt", b"  \n\n ", Err.E101),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", Err.E102),
        ("table.csv", b"a,b\n1,2\n", Err.E107),
    ],
)
def test_bad_files_give_their_error(tmp_path: Path, name: str, content: bytes, code: Err) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [result] = _read(path)
    assert isinstance(result, WhimbrelInputError)
    assert result.code is code


def test_missing_path_is_e109_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    assert _codes(_read(tmp_path / "nope.txt", good)) == ["E109", "ok"]


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    text = "The café owner said “the shelling was heavy” — résumé of events in Zürich.\n"
    path = tmp_path / "western.txt"
    path.write_bytes(text.encode("cp1252"))
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.text == text


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    [article] = _read(path)
    assert article.text == STORY


def test_jsonl_bad_line_is_reported_and_others_read(tmp_path: Path) -> None:
    good = {"id": "a1", "text": "Troops entered the town.", "published": "2020-05-01", "lang": "en"}
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a3", "text": "Police arrested two men."}) + "\n"
    )
    results = _read(path, published=date(2020, 6, 1))
    assert _codes(results) == ["ok", "E105", "ok"]
    assert results[1].context["line"] == 2
    first, third = results[0], results[2]
    assert (first.published, first.metadata["lang"], first.source_line) == (date(2020, 5, 1), "en", 1)
    assert third.published == date(2020, 6, 1)  # the argument only fills in a missing date


def test_jsonl_missing_id_and_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": "No id here."})
        + "\n"
        + json.dumps({"id": "x", "text": "t", "published": "16/08/2016"})
        + "\n"
    )
    results = _read(path)
    assert _codes(results) == ["E106", "E110"]
    assert "'id'" in str(results[0])


def test_footer_is_blanked_with_offsets_unchanged() -> None:
    text = "Jets struck Aleppo on Tuesday.\n\nShare this: Facebook Twitter\nCopyright 2016 Daily Planet\nAll rights reserved.\n"
    cleaned, dropped = strip_furniture(text)
    assert len(cleaned) == len(text)
    assert cleaned.index("Jets") == 0 and cleaned.count("\n") == text.count("\n")
    assert [d.line_no for d in dropped] == [3, 4, 5]
    assert "Copyright" not in cleaned and "Share" not in cleaned


def test_copyright_word_in_the_body_is_kept() -> None:
    text = "Copyright lawyers met in Geneva on Monday to discuss the treaty.\n\nThe talks ended on Tuesday.\n"
    _, dropped = strip_furniture(text)
    assert dropped == []


def test_article_keeps_raw_text_and_dropped_lines() -> None:
    text = "By John Smith, Staff Writer\n\nRebels shelled the port on Friday.\n\nIf you experience technical problems, please write to"
    article = article_from_text(text, published="2016-08-16")
    assert article.raw_text == text
    assert [d.reason for d in article.dropped] == ["byline", "support footer"]
    assert article.text[article.text.index("Rebels") :].startswith("Rebels shelled")
    assert len(article.text) == len(text)


def test_article_from_text_rejects_bad_date() -> None:
    with pytest.raises(WhimbrelInputError) as info:
        article_from_text("Text.", published="yesterday")
    assert info.value.code is Err.E502


@pytest.mark.parametrize(
    ("text", "place", "outlet", "published"),
    [
        ("BEIRUT, Aug 16, 2016 (Reuters) - Jets struck Aleppo.", "BEIRUT", "Reuters", date(2016, 8, 16)),
        ("WASHINGTON (AP) — The Senate voted on Monday.", "WASHINGTON", "AP", None),
        ("Aug. 16, 2016 — Russia said its jets flew from Iran.", None, None, date(2016, 8, 16)),
    ],
)
def test_datelines(text: str, place: str | None, outlet: str | None, published: date | None) -> None:
    article = article_from_text(text)
    assert article.metadata["dateline"]["place"] == place
    assert article.metadata["dateline"]["outlet"] == outlet
    assert article.published == published


def test_published_argument_wins_over_dateline() -> None:
    article = article_from_text("BEIRUT, Aug 16, 2016 (Reuters) - Jets struck.", published="2016-08-17")
    assert article.published == date(2016, 8, 17)


HTML = """<html><head><title>Jets strike Aleppo | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"><meta name="date" content="2016-08-16"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport</a></nav>
<article><h1>Jets strike Aleppo</h1>
<p>Russian jets struck targets in Aleppo on Tuesday, the defense ministry said in a statement released in Moscow.</p>
<p>The ministry said the raids destroyed several depots that militants had used north of the city.</p>
</article><footer>Copyright 2016 Daily Planet. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = _read(path)
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published) == (
        "Jets strike Aleppo",
        "Daily Planet",
        date(2016, 8, 16),
    )
    assert "destroyed several depots" in article.text
    assert "Privacy" not in article.text and "Sport" not in article.text


def test_html_without_body_is_e108(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    [result] = _read(path)
    assert isinstance(result, WhimbrelInputError) and result.code is Err.E108
