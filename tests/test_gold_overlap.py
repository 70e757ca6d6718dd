"""The repository holds no wording of the gold sets (scripts/check_gold_overlap.py)."""

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_gold_overlap.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold_overlap", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_names_and_identifiers_are_not_prose() -> None:
    check = _script()
    assert not check.is_prose(tuple(check.words("Organisation for the Prohibition of Chemical Weapons")))
    assert not check.is_prose(tuple(check.words("event_id plover cameo plover_mode acled_event_type source_code")))
    assert check.is_prose(tuple(check.words("the village elders were taken away by the gunmen")))


def test_no_tracked_line_repeats_seven_words_of_a_gold_set() -> None:
    if not _script().EVAL_DIR.is_dir():
        pytest.skip("../shared/eval is absent")
    proc = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
