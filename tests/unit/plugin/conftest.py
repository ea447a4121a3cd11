"""Fixtures for the plugin tests: the component's mocked stack, as the component tests use it."""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest
from helpers.cognito_mocks import BI_ENV_VARS, FakeCloud, install


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    """A fresh mocked stack (project ``beyondidentity-cognito``, stack ``test``) and its record."""
    for var in BI_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    yield install(FakeCloud())
    pulumi.runtime.set_all_config({})
