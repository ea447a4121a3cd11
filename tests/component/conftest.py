"""Fixtures for the CognitoFederation tests: a fresh mocked stack per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pulumi
import pytest

# The helper modules beside this file are imported by name from the tests, whatever the
# import mode; the folder is deliberately not a package.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cognito_mocks import BI_ENV_VARS, Deploy, FakeCloud, install, run_program


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    """A fresh mocked stack (project ``beyondidentity-cognito``, stack ``test``) and its record."""
    for var in BI_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    yield install(FakeCloud())
    pulumi.runtime.set_all_config({})


@pytest.fixture
def deploy(cloud: FakeCloud) -> Deploy:
    """``run_program`` under the ``cloud`` mocks."""
    return run_program
