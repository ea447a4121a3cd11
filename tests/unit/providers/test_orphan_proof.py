"""An object an interrupted ``pulumi up`` left behind is taken over only when the stack's
checkpoint proves it this resource's own; anything else keeps the take-over hint.

The rules, on canned ``pulumi stack export`` / ``pulumi stack history`` documents. The
provider's side is in test_lifecycle.py (emulator over real HTTP, a stand-in ``pulumi`` on
PATH printing such documents); tests/e2e/test_kill_e2e.py runs the real CLI.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from helpers.pending_checkpoints import EARLIER, NOW, STACK, URN, creating, export, update

from pulumi_beyondidentity import RealmProvider
from pulumi_beyondidentity._orphan_proof import (
    OWNER_KEY,
    RUN,
    completed_since,
    disproof,
    pending_creates,
    stamp,
)


def key_of(inputs: Any) -> tuple[Any, ...] | None:
    return (None, (inputs.get("display_name"),))


def doubt(ops: list[dict[str, Any]], history: Any = (), created: datetime | None = None) -> Any:
    return disproof(
        export(*ops),
        list(history),
        run=RUN,
        key=(None, ("Customers",)),
        key_of=key_of,
        holder_created=created,
    )


def test_an_earlier_interrupted_create_of_the_same_resource_and_key_is_proof() -> None:
    assert doubt([creating(EARLIER), creating(RUN)]) is None
    # A history of updates before the interrupted run does not matter.
    assert doubt([creating(EARLIER), creating(RUN)], [update(NOW - timedelta(hours=1))]) is None
    # A realm made after the interrupted run started (server clock a little behind) is its own.
    assert doubt([creating(EARLIER), creating(RUN)], created=NOW - timedelta(seconds=50)) is None


@pytest.mark.parametrize(
    ("ops", "history", "created", "reason"),
    [
        # A same-named object and no interrupted create at all: possibly another's.
        ([creating(RUN)], [], None, "records no interrupted create"),
        # The interrupted create asked for another name.
        ([creating(EARLIER, "Other"), creating(RUN)], [], None, "had another key"),
        # Another resource's interrupted create of the same name.
        ([creating(EARLIER, urn=URN + "2"), creating(RUN)], [], None, "records no interrupted"),
        # Pending creates stay in the checkpoint after later updates: stale, no proof.
        (
            [creating(EARLIER), creating(RUN)],
            [update(NOW - timedelta(seconds=10))],
            None,
            "completed",
        ),
        ([creating(EARLIER), creating(RUN)], [update(NOW, "failed")], None, "completed"),
        (
            [creating(EARLIER), creating(RUN)],
            [{"result": "succeeded", "startTime": "?"}],
            None,
            "completed",
        ),
        # The holder is older than the interrupted run.
        (
            [creating(EARLIER), creating(RUN)],
            [],
            NOW - timedelta(minutes=5),
            "before the interrupted",
        ),
        # This create's own pending operation is missing or ambiguous.
        ([creating(EARLIER)], [], None, "own pending operation"),
        ([creating(EARLIER), creating(RUN), creating(RUN, urn=URN + "2")], [], None, "own pending"),
        # A stamp this module did not write gives no start time.
        ([creating("yesterday"), creating(RUN)], [], None, "completed"),
    ],
)
def test_anything_short_of_proof_is_a_reason(
    ops: list[dict[str, Any]], history: list[Any], created: datetime | None, reason: str
) -> None:
    found = doubt(ops, history, created)
    assert found is not None
    assert reason in found


def test_only_stamped_creating_operations_count() -> None:
    updating = {**creating(EARLIER), "type": "updating"}
    unstamped = creating(EARLIER)
    del unstamped["resource"]["inputs"][OWNER_KEY]
    assert pending_creates(export(updating, unstamped, creating(RUN))) == pending_creates(
        export(creating(RUN))
    )
    assert pending_creates({"deployment": None}) == pending_creates("junk") == []


def test_an_update_still_running_is_not_completed() -> None:
    assert not completed_since([update(NOW, "in-progress")], NOW - timedelta(seconds=5))
    assert completed_since([update(NOW)], NOW)  # same second: the safe side


def test_check_stamps_new_resources_and_keeps_the_stamp_of_existing_ones() -> None:
    assert stamp({"stack": STACK}, None) == {"stack": STACK, "run": RUN}
    assert stamp({"stack": STACK}, {"stack": STACK, "run": EARLIER}) == {
        "stack": STACK,
        "run": EARLIER,
    }
    assert stamp(None, {"run": EARLIER}) is None
    assert stamp({"stack": 3}, None) is None


def test_the_owner_input_never_shows_in_a_diff() -> None:
    # Stacks made before the stamp existed, a renamed stack and another run: no change.
    provider = RealmProvider()
    olds = {"display_name": "Customers", "classification": "SECURE_CUSTOMER"}
    for old_owner, new_owner in (
        (None, {"stack": STACK, "run": RUN}),
        ({"stack": STACK, "run": EARLIER}, {"stack": "acme/other/prod", "run": RUN}),
    ):
        news = {**olds, OWNER_KEY: new_owner}
        before = {**olds, OWNER_KEY: old_owner} if old_owner else olds
        result = provider.diff("0123456789abcdef", before, news)
        assert (result.changes, result.replaces) == (False, [])
        checked = provider.check(before, {**news, OWNER_KEY: {"stack": "acme/other/prod"}})
        assert checked.inputs[OWNER_KEY]["run"] == (old_owner or {"run": RUN})["run"]
