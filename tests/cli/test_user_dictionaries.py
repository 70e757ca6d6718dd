"""Users' own dictionaries through the real command line (--dict, --config, convert-petrarch) and the pipeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from whimbrel.cli import app
from whimbrel.config import user_settings
from whimbrel.errors import DataFileError
from whimbrel.model import Article
from whimbrel.pipeline import Pipeline

FREEDONIA = """\
actors:
  - kind: country
    id: FRE
    name: Freedonia
    demonyms: [Freedonian, Freedonians]
    seats:
      - {name: Firefly, agent: GOV, start: 1933-01-01, end: 1933-12-31}
  - kind: country
    id: SYL
    name: Sylvania
patterns:
  - id: user.insult
    lemmas: [insult]
    pos: [VERB]
    cameo: "125"
    plover: REJECT
  - id: user.restore_ties
    lemmas: [restore]
    pos: [VERB]
    after: [diplomatic ties]
    cameo: "064"
    plover: COOPERATE
    code: "064F"
"""

BAD = """\
patterns:
  - id: user.ok
    lemmas: [insult]
    cameo: "125"
    plover: REJECT
  - id: user.bad
    lemmas: [scold]
    cameo: "999"
    plover: REJECT
"""

TEXT = "Firefly insulted Sylvania on Monday. Freedonia restored diplomatic ties with Sylvania."

runner = CliRunner()


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "freedonia.yaml").write_text(FREEDONIA, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_extract_with_dict_codes_user_actors_and_patterns(files: Path) -> None:
    result = runner.invoke(
        app,
        ["extract", str(files / "article.txt"), "--published", "1933-06-01", "--dict", str(files / "freedonia.yaml")],
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    by_pattern = {e["pattern_id"]: e for e in events}
    insult = by_pattern["user.insult"]
    assert (insult["source"]["code"], insult["target"]["code"], insult["cameo"]) == ("FREGOV", "SYL", "125")
    assert by_pattern["user.restore_ties"]["source"]["code"] == "FRE"


def test_a_bad_dictionary_stops_with_file_line_and_fix(files: Path) -> None:
    result = runner.invoke(app, ["extract", str(files / "article.txt"), "--dict", str(files / "bad.yaml")])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "E201" in message and "bad.yaml" in message
    assert "line 6, entry 'user.bad'" in message and "unknown CAMEO code '999'" in message


def test_a_missing_dictionary_names_the_file(files: Path) -> None:
    result = runner.invoke(app, ["extract", str(files / "article.txt"), "--dict", str(files / "nope.yaml")])
    assert result.exit_code == 2
    assert "E203" in result.output and "nope.yaml" in result.output


def test_config_file_gives_dictionaries_and_stage_settings(files: Path) -> None:
    config = files / "whimbrel.yaml"
    config.write_text(
        "dictionaries: [freedonia.yaml]\nstages:\n  whimbrel_events: {use_bundled_patterns: false}\n",
        encoding="utf-8",
    )
    settings = user_settings([], config)
    assert settings.overrides["whimbrel_events"]["use_bundled_patterns"] is False
    assert settings.overrides["whimbrel_events"]["extra_pattern_files"] == [str(files / "freedonia.yaml")]
    assert settings.overrides["whimbrel_actors"]["extra_dictionary_files"] == [str(files / "freedonia.yaml")]


def test_config_file_errors_name_the_line(files: Path) -> None:
    config = files / "whimbrel.yaml"
    config.write_text("stages:\n  whimbrel_events: {use_bundled: false}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"E204 .*whimbrel.yaml.*line 2: stages: .*use_bundled"):
        user_settings([], config)


def test_coding_version_follows_the_user_files(files: Path) -> None:
    path = files / "freedonia.yaml"
    before = user_settings([path]).coding_version
    path.write_text(FREEDONIA.replace("insult]", "insult, offend]"), encoding="utf-8")
    after = user_settings([path]).coding_version
    assert before != after != user_settings([]).coding_version


def test_pipeline_with_only_user_patterns(files: Path) -> None:
    settings = user_settings([files / "freedonia.yaml"])
    overrides = settings.overrides
    overrides["whimbrel_events"]["use_bundled_patterns"] = False
    pipeline = Pipeline(overrides)
    text = TEXT + " Sylvanian troops attacked a Freedonian village."
    (result,) = pipeline.process([Article(id="a", text=text, published=date(1950, 1, 1))])
    assert {e.pattern_id for e in result.events} == {"user.insult", "user.restore_ties"}
    # outside the seat's dates, Firefly names no one
    insult = next(e for e in result.events if e.pattern_id == "user.insult")
    assert insult.source is not None and insult.source.code is None


def test_convert_petrarch_command(tmp_path: Path) -> None:
    (tmp_path / "Mine.actors.txt").write_text("FREEDONIA [FRE]\nSYLVANIA [SYL]\n", encoding="utf-8")
    (tmp_path / "Mine.verbs.txt").write_text("--- SNUB [125] ---\nSNUB\n- * ENVOY [1246]\n", encoding="utf-8")
    out = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["convert-petrarch", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    settings = user_settings([out])
    assert settings.files == [str(out)]
    assert "wrote: 2 actor entries, 2 patterns" in result.output
