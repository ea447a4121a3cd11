"""Fixtures for the CognitoFederation tests: a fresh mocked stack per test."""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest
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
