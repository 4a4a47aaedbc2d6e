# The two commands a newcomer needs (see README.md):
#   make demo   install, run the whole pipeline on the bundled sample, open the dashboard
#   make test   install (with test extras and Chromium), run every check and test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test browser check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

browser:
	bash scripts/install_browser.sh

demo: install
	$(BIN)/skillgap demo

check: install-test
	$(BIN)/skillgap taxonomy check
	$(BIN)/lint-imports --no-cache --no-logo

test: install-test browser check
	bash scripts/run_tests.sh

clean:
	rm -rf $(VENV) data/prefect data/models data/*.duckdb*
