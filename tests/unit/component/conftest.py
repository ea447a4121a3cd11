"""Fixtures for the CognitoFederation tests: a fresh mocked stack per test."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pulumi
import pytest
from helpers.cognito_mocks import BI_ENV_VARS, Deploy, FakeCloud, HostSettings, install, run_program


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    """A fresh mocked stack (project ``beyondidentity-cognito``, stack ``test``) and its record."""
    for var in BI_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    yield install(FakeCloud())
    pulumi.runtime.set_all_config({})
    _settle()


def _settle() -> None:
    """Let the tasks a failed program left (registrations waiting on a value whose check
    failed) end now, so their failure is not reported by the next test's program."""
    loop = asyncio.get_event_loop()
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    if pending:
        loop.run_until_complete(asyncio.wait(pending, timeout=10))


@pytest.fixture
def deploy(cloud: FakeCloud) -> Deploy:
    """``run_program`` under the ``cloud`` mocks."""
    return run_program


@pytest.fixture
def host_settings(cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch) -> HostSettings:
    """Sets the Beyond Identity host settings a test runs with: stack config and environment."""

    def apply(config: dict[str, str], env: dict[str, str]) -> None:
        pulumi.runtime.set_all_config(config)
        for key, value in env.items():
            monkeypatch.setenv(key, value)

    return apply
