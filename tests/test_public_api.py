"""The public surface stays small and importable without loading the model."""

from __future__ import annotations

import subprocess
import sys

import whimbrel


def test_everything_in_all_is_importable() -> None:
    for name in whimbrel.__all__:
        assert getattr(whimbrel, name) is not None, name


def test_importing_whimbrel_does_not_load_spacy() -> None:
    code = "import sys, whimbrel; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
