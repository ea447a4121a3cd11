"""Nothing foreign touched: an object someone else makes with a key the stack declares, after
a ``pulumi up`` was killed while its create of that key was refused, is never taken over,
updated or deleted, by the documented recovery, by ``destroy``, or by the cascade of deleting
the stack's realm (Beyond Identity deletes a realm's applications, resource servers and
authenticator configs with it).

One stack plays all four kinds (a small program of its own, tests/engine/stack/programs/
foreign: no AWS, so each engine run is short), on an emulator that accepts repeated realm
names and resource-server identifiers, as a real tenant may (the contract documents no 409
on any create): a client relying on the server's refusal would make a duplicate here.

1. The realm: ``up`` killed while its POST answers 503; a realm with the same name made by
   hand; ``up`` (+ ``cancel``) stops, naming it, with the one reviewed command; the person
   judges it foreign and renames the stack's realm.
2. The resource server, authenticator config and application (created side by side): the
   same, in the stack's realm, then renamed; ``up`` converges, the preview is empty.
3. ``destroy`` deletes the stack's objects and stops at the realm, naming the three foreign
   objects inside it; with ``force_destroy`` recorded (the explicit opt-in), it goes.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from helpers.engine_support import engine_env, require_engine
from helpers.kills import Cli, kill_tree

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

PROGRAM = Path(__file__).resolve().parent / "programs" / "foreign"
COMMAND = re.compile(r"pulumi up --config beyondidentity:adoptIds=([0-9a-f,-]+)")
REALMS = "/v1/tenants/*/realms"
#: Each realm-scoped kind: the emulator's collection, the API path segment and envelope,
#: and the hand-made body holding the key the program declares.
CollectionName = Literal["realms", "resource_servers", "authenticator_configs", "applications"]
KINDS: dict[CollectionName, tuple[str, str, dict[str, Any]]] = {
    "resource_servers": (
        "resource-servers",
        "resource_server",
        {"display_name": "Another team's API", "identifier": "https://api.example.com"},
    ),
    "authenticator_configs": (
        "authenticator-configs",
        "authenticator_config",
        {
            "display_name": "Hosted Web",
            "config": {
                "type": "hosted_web",
                "authentication_methods": [{"type": "software_passkey"}],
                "trusted_origins": ["https://other.example.com"],
            },
        },
    ),
    "applications": (
        "applications",
        "application",
        {
            "display_name": "Pet App",
            "protocol_config": {
                "type": "oauth2",
                "confidentiality": "confidential",
                "grant_type": ["client_credentials"],
                "token_configuration": {"expires_after": 300},
            },
        },
    ),
}
SETTINGS = {
    "realmName": "Customers",
    "identifier": "https://api.example.com",
    "authenticatorName": "Hosted Web",
    "applicationName": "Pet App",
}
RENAMED = {
    "identifier": "https://api.example.com/v2",
    "authenticatorName": "Hosted Web (stack)",
    "applicationName": "Pet App (stack)",
}


@pytest.fixture
def permissive(emulator_signing_key: dict[str, Any]) -> Any:
    with Emulator(signing_key=emulator_signing_key, accept_repeated_keys=True) as emu:
        yield emu


def new_stack(tmp_path: Path, emulator: Emulator) -> Cli:
    engine = require_engine()
    work = tmp_path / "program"
    work.mkdir()
    shutil.copy(PROGRAM / "__main__.py", work / "__main__.py")
    runtime = {"name": "python", "options": {"virtualenv": sys.prefix}}
    (work / "Pulumi.yaml").write_text(json.dumps({"name": "foreign", "runtime": runtime}))
    cli = Cli(work, engine_env(tmp_path, engine), "foreign")
    code, out = cli.run("stack", "init", "--secrets-provider", "passphrase")
    assert code == 0, out
    configure(
        cli,
        {
            "beyondidentity:tenantId": emulator.tenant_id,
            "beyondidentity:apiUrl": emulator.url,
            "beyondidentity:authUrl": emulator.url,
            "beyondidentity:operationTimeout": "60",
            **SETTINGS,
        },
    )
    code, out = cli.run("config", "set", "--secret", "beyondidentity:apiToken", emulator.api_token)
    assert code == 0, out
    return cli


def configure(cli: Cli, values: dict[str, str]) -> None:
    pairs = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
    code, out = cli.run("config", "set-all", *pairs)
    assert code == 0, out


def kill_while_refused(cli: Cli, emulator: Emulator, routes: list[str]) -> None:
    """``up``, killed (the whole process tree) once every POST of ``routes`` was refused
    (503, nothing committed) at least once, the client still retrying."""
    faults = [
        emulator.faults.add(kind="status", status=503, method="POST", path=r, times=None)
        for r in routes
    ]
    proc = cli.start("up", "--yes", "--skip-preview")
    until = time.monotonic() + 180
    while any(f.hits == 0 for f in faults) and proc.poll() is None and time.monotonic() < until:
        time.sleep(0.05)
    if not all(f.hits for f in faults):
        kill_tree(proc.pid)
        pytest.fail(f"not every POST was reached:\n{proc.communicate(timeout=60)[0]}")
    kill_tree(proc.pid)
    proc.communicate(timeout=60)
    emulator.faults.clear()


def by_hand(emulator: Emulator, path: str, envelope: str, body: dict[str, Any]) -> str:
    """Create an object outside the stack, as another team would; return its id."""
    with httpx.Client(
        base_url=f"{emulator.url}/v1/tenants/{emulator.tenant_id}",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
        timeout=10,
    ) as api:
        made = api.post(path, json={envelope: body})
        made.raise_for_status()
        return str(made.json()["id"])


def stored(emulator: Emulator, kind: CollectionName, object_id: str, realm_id: str | None) -> Any:
    """The object as the emulator holds it (None when gone), read without a request."""
    return emulator.store.get(kind, object_id, realm_id=realm_id)


def named(emulator: Emulator, name: str) -> list[dict[str, Any]]:
    return [r for r in emulator.store.list("realms") if r["display_name"] == name]


def refused_with_one_command(out: str, foreign: set[str]) -> None:
    """The recovery stopped at the foreign objects: each named, none created again, and one
    printed command (the one listing every id) would take them all over."""
    assert "this stack does not manage it" in out, out
    assert "interrupted while creating" in out, out
    commands = [set(ids.split(",")) for ids in COMMAND.findall(out)]
    assert foreign in commands, out


def test_a_same_key_object_made_after_a_kill_is_never_touched(
    tmp_path: Path, permissive: Emulator
) -> None:
    started = time.monotonic()
    emulator = permissive
    cli = new_stack(tmp_path, emulator)
    foreign: dict[tuple[CollectionName, str | None], dict[str, Any]] = {}

    def untouched() -> None:
        for (kind, realm_id), obj in foreign.items():
            assert stored(emulator, kind, obj["id"], realm_id) == obj

    # 1. The realm.
    kill_while_refused(cli, emulator, [REALMS])
    assert named(emulator, "Customers") == []  # the refused POST made nothing
    realm_id = by_hand(emulator, "/realms", "realm", {"display_name": "Customers"})
    foreign[("realms", None)] = copy.deepcopy(stored(emulator, "realms", realm_id, None))
    code, out, extra = cli.up_after_kill()
    assert code != 0, out
    assert extra in ([], ["pulumi cancel"]), extra
    refused_with_one_command(out, {realm_id})
    assert foreign[("realms", None)]["create_time"] in out, out
    assert [r["id"] for r in named(emulator, "Customers")] == [realm_id]  # no second realm
    untouched()
    configure(cli, {"realmName": "Customers (stack)"})  # the person's answer: not ours

    # 2. The resource server, authenticator config and application, side by side.
    kill_while_refused(cli, emulator, [f"{REALMS}/*/{kind[0]}" for kind in KINDS.values()])
    [ours] = named(emulator, "Customers (stack)")
    ids = set()
    for collection, (segment, envelope, body) in KINDS.items():
        assert emulator.store.list(collection, realm_id=ours["id"]) == []
        made = by_hand(emulator, f"/realms/{ours['id']}/{segment}", envelope, body)
        foreign[(collection, ours["id"])] = copy.deepcopy(
            stored(emulator, collection, made, ours["id"])
        )
        ids.add(made)
    # The three creates are independent, but the engine starts no new step after the first
    # failure: without --continue-on-error, a create refused early can end the run before
    # another has started (it depends on timing), and that one is refused by the next run.
    code, out, extra = cli.up_after_kill("--continue-on-error")
    assert code != 0, out
    refused_with_one_command(out, ids)
    for collection in KINDS:
        assert [o["id"] for o in emulator.store.list(collection, realm_id=ours["id"])] == [
            obj["id"] for (c, _), obj in foreign.items() if c == collection
        ]  # nothing created next to them
    untouched()
    configure(cli, RENAMED)
    code, out = cli.run("up", "--yes", "--skip-preview")
    assert code == 0, out
    code, out = cli.run("preview", "--expect-no-changes")
    assert code == 0, out
    code, state = cli.run("stack", "export")
    assert code == 0, state
    assert not [i for i in {realm_id, *ids} if i in state], state  # none taken over
    untouched()

    # 3. Destroy: the stack's objects go, the realm holding foreign ones stays, named.
    code, out = cli.run("destroy", "--yes", "--skip-preview")
    assert code != 0, out
    assert f"realm {ours['id']} was not deleted" in out, out
    assert all(i in out for i in ids), out
    assert named(emulator, "Customers (stack)"), "the realm went, and the foreign objects with it"
    untouched()
    left = {o["id"] for c in KINDS for o in emulator.store.list(c, realm_id=ours["id"])}
    assert left == ids  # the stack's own three are deleted
    configure(cli, {"forceDestroy": "true"})  # the explicit opt-in, recorded by an up
    code, out = cli.run("up", "--yes", "--skip-preview")
    assert code == 0, out
    code, out = cli.run("destroy", "--yes", "--skip-preview")
    assert code == 0, out
    assert named(emulator, "Customers (stack)") == []
    assert stored(emulator, "realms", realm_id, None) == foreign[("realms", None)]  # as it was
    print(f"\nforeign objects, four kinds in one stack: {time.monotonic() - started:.0f} s")
