# One entry point for people and CI. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv engine consumer-toolchain lint test test-fast test-product mutation demo local-up local-down local-status local-env local-reset clean

## venv: the project virtualenv with pinned runtime and development dependencies
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml emulator/pyproject.toml local/pyproject.toml policy/requirements.txt scripts/venv.sh
	@bash scripts/venv.sh $(PYTHON) $(VENV)
	@touch $@

## engine: build the Pulumi CLI and Python language host from Go modules (cached in .engine/)
engine:
	bash scripts/build-engine.sh

## consumer-toolchain: typescript + @pulumi/pulumi (engine/node's lock, npm ci into .engine/node) and the Go consumer's modules
consumer-toolchain:
	bash scripts/consumer-toolchain.sh

## lint: ruff and mypy (strict) over everything we ship and test; a clean clone's first run
## starts from a seed of mypy's cache kept outside the checkout (scripts/mypy-seed.sh)
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@bash scripts/mypy-seed.sh restore
	$(VENV)/bin/mypy
	@# Four runs for four modules named `__main__` (the program's, the policy pack's, the
	@# plugin's, poolkit's): one mypy run holds one module of a name. All four run here, with
	@# the same options, on the same cache: the three small ones reuse what the first analysed.
	$(VENV)/bin/mypy --strict --scripts-are-modules engine/launchers/pulumi-language-python-exec policy/__main__.py
	$(VENV)/bin/mypy --strict plugin/__main__.py
	MYPYPATH=tests/engine/languages/poolkit $(VENV)/bin/mypy --strict tests/engine/languages/poolkit/__main__.py
	@bash scripts/mypy-seed.sh save

# Test processes: most tests wait on servers and the engine, so more processes than cores pay.
TEST_WORKERS ?= 4

## test: the whole suite, engine end-to-end tests included (TEST_WORKERS=0: in this process);
## the mutation campaign is not part of it (`make mutation`)
test: venv engine
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=20 -m "not mutation"

## test-fast: everything but the engine end-to-end tests and the mutation campaign
test-fast: venv
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not engine and not mutation"

## test-product: the product's tests only (providers, client, component, program, policy,
## review), without the tests of the offline stand-ins (marker `standin`, tests/helpers/subjects.py)
test-product: venv engine
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not standin and not mutation"

## mutation: the mutation campaign (docs/reliability.md has its score; an hour or more)
mutation: venv
	$(PY) scripts/mutate.py

## demo: the offline stack (Beyond Identity emulator + moto) through `pulumi up`
demo: venv engine
	bash scripts/demo.sh

## local-up / local-down / local-status / local-reset: the local stack (see local/README.md)
local-up: venv
	@$(PY) -m local_stack start
local-down:
	@$(PY) -m local_stack stop
local-status:
	@$(PY) -m local_stack status
local-reset:
	@$(PY) -m local_stack reset
## local-env: `eval "$$(make -s local-env)"` sets up this shell for `pulumi` by hand
local-env:
	@$(PY) -m local_stack env

clean:
	rm -rf $(VENV) .engine .pulumi-state .mypy_cache .ruff_cache .pytest_cache
