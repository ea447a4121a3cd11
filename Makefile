# One entry point for people and CI. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv engine lint test test-fast demo clean

## venv: the project virtualenv with pinned runtime and development dependencies
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml emulator/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## engine: build the Pulumi CLI and Python language host from Go modules (cached in .engine/)
engine:
	bash scripts/build-engine.sh

## lint: ruff and mypy over everything we ship and test
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## test: the whole suite, engine end-to-end tests included
test: venv engine
	$(PY) -m pytest

## test-fast: everything but the engine end-to-end tests
test-fast: venv
	$(PY) -m pytest -m "not engine"

## demo: the offline stack (Beyond Identity emulator + moto) through `pulumi up`
demo: venv engine
	bash scripts/demo.sh

clean:
	rm -rf $(VENV) .engine .pulumi-state .mypy_cache .ruff_cache .pytest_cache
