"""A small bounded mutation campaign over real targets (marker ``mutation``: not in `make test`).

Each target's tests must kill every mutant the campaign does not explain as harmless
(scripts/mutation_campaign.py). `make mutation` runs the whole campaign; docs/reliability.md
holds its score.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.mutation

MUTATE = Path(__file__).resolve().parents[3] / "scripts" / "mutate.py"


@pytest.mark.parametrize("target", ["token_policy", "managed_login", "snapshots"])
def test_every_mutant_is_killed_or_explained(target: str) -> None:
    command = [sys.executable, str(MUTATE), target]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(0 unexplained)" in done.stdout
