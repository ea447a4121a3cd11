"""Fixtures for the local stack tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.local_stack_support import LocalStack, local_stack


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[LocalStack]:
    """A local stack (not started) on free ports, stopped at the end of the test."""
    yield from local_stack(tmp_path / "state")
