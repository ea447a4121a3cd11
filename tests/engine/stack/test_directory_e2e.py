"""Identities and a group with members through the real engine: create, change a field,
change membership (an update of the group, never a replacement), destroy (the group is
emptied first, since Beyond Identity refuses to delete a group with members).

A small program of its own (tests/engine/stack/programs/directory: no AWS) on the emulator.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.engine_support import engine_env, require_engine
from helpers.kills import Cli

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

PROGRAM = Path(__file__).resolve().parent / "programs" / "directory"


def new_stack(tmp_path: Path, emulator: Emulator) -> Cli:
    engine = require_engine()
    work = tmp_path / "program"
    work.mkdir()
    shutil.copy(PROGRAM / "__main__.py", work / "__main__.py")
    runtime = {"name": "python", "options": {"virtualenv": sys.prefix}}
    (work / "Pulumi.yaml").write_text(json.dumps({"name": "directory", "runtime": runtime}))
    cli = Cli(work, engine_env(tmp_path, engine), "directory")
    assert cli.run("stack", "init", "--secrets-provider", "passphrase")[0] == 0
    settings = {
        "beyondidentity:tenantId": emulator.tenant_id,
        "beyondidentity:apiUrl": emulator.url,
        "beyondidentity:authUrl": emulator.url,
        "members": "alice",
    }
    configure(cli, settings)
    code, out = cli.run("config", "set", "--secret", "beyondidentity:apiToken", emulator.api_token)
    assert code == 0, out
    return cli


def configure(cli: Cli, values: dict[str, str]) -> None:
    pairs = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
    code, out = cli.run("config", "set-all", *pairs)
    assert code == 0, out


def up(cli: Cli) -> dict[str, Any]:
    code, out = cli.run("up", "--yes", "--skip-preview")
    assert code == 0, out
    code, out = cli.run("stack", "output", "--json")
    assert code == 0, out
    outputs: dict[str, Any] = json.loads(out)
    return outputs


def planned(cli: Cli) -> dict[str, str]:
    """What a preview would do to each resource: ``{name: op}`` for every change."""
    code, out = cli.run("preview", "--json")
    assert code == 0, out
    steps = json.loads(out).get("steps", [])
    return {s["urn"].rsplit("::", 1)[1]: s["op"] for s in steps if s["op"] != "same"}


def members(emulator: Emulator, group_id: str) -> set[str]:
    return set(emulator.store.members(group_id))


def test_identities_and_a_group_with_members_through_the_engine(
    tmp_path: Path, emulator: Emulator
) -> None:
    cli = new_stack(tmp_path, emulator)
    out = up(cli)
    ids, group_id, realm_id = out["identityIds"], out["groupId"], out["realmId"]
    assert members(emulator, group_id) == {ids["alice"]}
    alice = emulator.store.get("identities", ids["alice"], realm_id=realm_id)
    assert alice is not None
    assert alice["traits"]["username"] == "alice"
    assert planned(cli) == {}  # a second run plans nothing

    # A field: an update of that identity alone.
    configure(cli, {"aliceName": "Alice Example"})
    assert planned(cli) == {"alice": "update"}
    up(cli)
    alice = emulator.store.get("identities", ids["alice"], realm_id=realm_id)
    assert alice is not None
    assert alice["display_name"] == "Alice Example"

    # Membership: an update of the group (one joins, one leaves), nothing replaced.
    configure(cli, {"members": "bob"})
    assert planned(cli) == {"pilots": "update"}
    emulator.clear_requests()
    assert up(cli)["groupId"] == group_id
    assert members(emulator, group_id) == {ids["bob"]}
    # One :deleteMembers for who left, one :addMembers for who joined; no PATCH of the group.
    calls = [
        r.path.rsplit(":", 1)[-1] for r in emulator.requests if ":" in r.path.rsplit("/", 1)[-1]
    ]
    assert calls == ["deleteMembers", "addMembers"], calls
    assert not [r for r in emulator.requests if r.method == "PATCH"]

    code, said = cli.run("destroy", "--yes", "--skip-preview")
    assert code == 0, said
    assert emulator.store.get("groups", group_id, realm_id=realm_id) is None
    assert emulator.store.get("realms", realm_id, realm_id=None) is None
