# Set-up is part of every target: a fresh clone needs only `make demo` or `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_DB := out/sample.duckdb

.PHONY: setup demo test test-fast check clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# The main job: code the bundled sample corpus into an embedded DuckDB file and show the events.
# (--published only applies to inputs that carry no date of their own.)
demo: setup
	mkdir -p out
	$(BIN)/whimbrel run data/sample --db $(SAMPLE_DB) --published 2022-02-18
	$(BIN)/whimbrel events --db $(SAMPLE_DB) --limit 60

test: setup
	scripts/install_browser || echo "Debian chromium could not be installed: the browser tests will skip"
	$(BIN)/pytest -q -ra

test-fast: setup
	$(BIN)/pytest -q -ra -m "not slow"

# Format, lint, types, tests: the one check script.
check: setup
	scripts/check

clean:
	rm -rf $(VENV) out .pytest_cache
