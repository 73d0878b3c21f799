# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up here.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
PORT ?= 8501

.PHONY: run test setup venv db lint format bench stop clean

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT)

# The suite, then again (browser tests aside) a year ahead and on a yearly-deadline day:
# nothing may depend on the calendar date.
test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q -m "not e2e" --clock=+365d $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q -m "not e2e" --clock=deadline-day $(PYTEST_ARGS)

setup: venv
	$(BIN)/python -m db setup

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

lint: venv
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format: venv
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: setup
	for b in bench/[!_]*.py; do $(BIN)/python $$b || exit 1; done

stop: venv
	$(BIN)/python -m db stop

clean: stop
	rm -rf .data
