"""The campaign's own bookkeeping (scripts/mutation_campaign.py), checked without running it:
each target names a module and fast tests that exist, and each harmless survivor it lists is
still a mutant of its module (an equivalent keyed by source text goes stale when the line
changes: the survivor would then be reported as unexplained, or the reason would linger)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutants import mutants
from mutation_campaign import CAMPAIGN

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", sorted(CAMPAIGN))
def test_each_target_names_its_module_and_fast_tests_that_exist(name: str) -> None:
    target = CAMPAIGN[name]
    assert (ROOT / target.file).is_file()
    assert target.tests
    for tests in target.tests:
        assert (ROOT / tests).exists(), tests
        assert not tests.startswith("tests/engine"), "engine tests are too slow for mutants"


@pytest.mark.parametrize("name", sorted(CAMPAIGN))
def test_each_listed_equivalent_is_still_a_mutant_of_its_module(name: str) -> None:
    target = CAMPAIGN[name]
    found = {
        (m.where, m.description, m.source)
        for m in mutants((ROOT / target.file).read_text(encoding="utf-8"))
    }
    assert [key for key in target.equivalents if key not in found] == []
