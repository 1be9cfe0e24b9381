# The two commands of the README's quick start: `make demo` and `make test`.
# Both create the virtual environment in .venv on first use (Python 3.11+).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test check serve lint typecheck unit eval-gate model clean

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

# The fast local loop: under a minute on two cores. Tests marked slow, spark, browser,
# postgres or fuzz are left to `make test` (tests/conftest.py assigns most of them);
# tests/service and tests/spark are not even collected (their imports cost seconds), nor
# is the schemathesis plugin. Stops at the first failure.
FAST_MARKERS := not slow and not spark and not browser and not postgres and not fuzz
FAST_PYTEST := -q -x -p no:cacheprovider -p no:schemathesis -m "$(FAST_MARKERS)" \
	--ignore=tests/service --ignore=tests/spark

check: $(BIN)/ruff  ## fast loop: ruff, mypy (incremental), the quick tests; `make test` runs all
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(FAST_PYTEST)

$(BIN)/ruff: $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"

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
