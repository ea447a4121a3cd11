# One entry point for people and CI. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv engine lint test test-fast demo local-up local-down local-status local-env local-reset clean

## venv: the project virtualenv with pinned runtime and development dependencies
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml emulator/pyproject.toml local/pyproject.toml policy/requirements.txt scripts/venv.sh
	@bash scripts/venv.sh $(PYTHON) $(VENV)
	@touch $@

## engine: build the Pulumi CLI and Python language host from Go modules (cached in .engine/)
engine:
	bash scripts/build-engine.sh

# mypy runs per group: each test folder has its own conftest module.
MYPY_GROUPS := "providers components emulator/beyondidentity_emulator benchmarks scripts/check_sign_in.py scripts/docs_tables.py scripts/review_plan.py __main__.py" \
	"policy/beyondidentity_cognito_policy policy/__main__.py" \
	"tests/conftest.py tests/bi_inputs.py tests/client_support.py tests/engine_support.py tests/support tests/client tests/providers tests/e2e tests/engine tests/policy_pack tests/review tests/team_backend" \
	"tests/component" "tests/aws_standin local/aws_standin local/local_stack" "tests/local_stack tests/docs tests/consumer" "tests/emulator" \
	"tests/cognito_hosted_ui local/cognito_hosted_ui examples/sample-app/sample_app.py scripts/sign_in_through_cognito.py"

## lint: ruff and mypy (strict) over everything we ship and test
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@for group in $(MYPY_GROUPS); do echo "mypy $$group"; $(VENV)/bin/mypy $$group || exit 1; done
	$(VENV)/bin/mypy --strict --scripts-are-modules engine/launchers/pulumi-language-python-exec

## test: the whole suite, engine end-to-end tests included
test: venv engine
	$(PY) -m pytest

## test-fast: everything but the engine end-to-end tests
test-fast: venv
	$(PY) -m pytest -m "not engine"

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
