# The two commands of the README's quick start: `make demo` and `make test`.
# Both create the virtual environment in .venv on first use (Python 3.11+).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test serve lint typecheck unit eval-gate model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

demo: $(BIN)/python  ## install and scan the bundled examples
	$(BIN)/python -m pip install -q -e .
	$(BIN)/hoaxlens scan examples/ --format table

serve: $(BIN)/python  ## install the service extra and open the web UI on http://127.0.0.1:8000/
	$(BIN)/python -m pip install -q -e ".[service]"
	$(BIN)/hoaxlens serve

test: $(BIN)/python  ## install dev tools; lint, type-check, run every test and the eval gate
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(MAKE) lint typecheck unit eval-gate
	$(BIN)/hoaxlens --help > /dev/null

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/python -m pytest -q

eval-gate:
	$(BIN)/python scripts/eval_gate.py

model:  ## retrain the shipped verdict model (needs ../shared/data)
	$(BIN)/hoaxlens train ../shared/data/viral_stories/stories.jsonl \
		../shared/data/gossipcop_fnn/gossipcop_fulltext.jsonl \
		--where split=train --where '?eval_overlap=[]' --where '?flags=[]' \
		--where gossipcop_fulltext.jsonl:label=genuine \
		-o src/hoaxlens/verdict/data/verdict-v2.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
