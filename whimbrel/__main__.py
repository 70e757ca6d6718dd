"""``python -m whimbrel`` is the ``whimbrel`` command."""

from whimbrel.cli import app

app()
