"""Every test folder is either the product's or a stand-in's, and ``standin`` marks the latter."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.subjects import PRODUCT_FOLDERS, STANDIN_FOLDERS, folder_of, is_standin

TESTS = Path(__file__).resolve().parents[2]
KINDS = ("unit", "contract", "engine")


def test_folder_lists_do_not_overlap() -> None:
    assert not set(STANDIN_FOLDERS) & set(PRODUCT_FOLDERS)


def test_every_test_folder_is_listed_once() -> None:
    folders = {
        folder_of(path.relative_to(TESTS).as_posix())
        for kind in KINDS
        for path in (TESTS / kind).rglob("test_*.py")
    }
    listed = set(STANDIN_FOLDERS) | set(PRODUCT_FOLDERS)
    assert folders - listed == set(), "add the new test folder to tests/helpers/subjects.py"
    assert listed - folders == set(), (
        "remove the folder that is gone from tests/helpers/subjects.py"
    )


@pytest.mark.parametrize(
    ("path", "standin"),
    [
        ("contract/emulator/test_emulator_realms.py", True),
        ("engine/aws_standin/test_standin_engine.py", True),
        ("engine/hosted_ui/test_sign_in.py", False),
        ("contract/providers/test_lifecycle.py", False),
        ("unit/component/test_wiring.py", False),
    ],
)
def test_is_standin(path: str, standin: bool) -> None:
    assert is_standin(path) is standin


def test_the_marker_follows_the_table(request: pytest.FixtureRequest) -> None:
    # This file is a product test: conftest must not have marked it.
    assert request.node.get_closest_marker("standin") is None
