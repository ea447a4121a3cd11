"""The in-process Emulator API: lifecycle, store, persistence, clock, reset."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator, StateFileError

TENANT = "000176d94fd7b4d1"


def _emulator(key: dict[str, Any], **kwargs: Any) -> Emulator:
    return Emulator(tenant_id=TENANT, api_token="tok", signing_key=key, **kwargs)


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.1", "example.com", ""])
def test_non_loopback_hosts_are_refused(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        Emulator(tenant_id=TENANT, api_token="tok", host=host)


def test_invalid_tenant_id_is_refused() -> None:
    with pytest.raises(ValueError, match="tenant_id"):
        Emulator(tenant_id="ABC", api_token="tok")


def test_defaults_generate_tenant_and_token(emulator_signing_key: dict[str, Any]) -> None:
    emu = Emulator(signing_key=emulator_signing_key)
    assert re.fullmatch(r"0001[0-9a-f]{12}", emu.tenant_id)
    assert len(emu.api_token) >= 32
    with pytest.raises(RuntimeError):
        _ = emu.url  # no port before start()


def test_context_manager_lifecycle(emulator_signing_key: dict[str, Any]) -> None:
    with _emulator(emulator_signing_key, host="localhost") as emu:
        assert emu.running
        assert emu.url.startswith("http://127.0.0.1:")
        url = emu.url
        with pytest.raises(RuntimeError):
            emu.start()
        assert (
            httpx.get(f"{url}/__emulator/info", headers={"Authorization": "Bearer tok"}).status_code
            == 200
        )
    assert not emu.running
    emu.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/__emulator/info")
    emu.start()  # restarts on the same port, keeping URLs and issuers valid
    try:
        assert emu.url == url
        assert (
            httpx.get(f"{url}/__emulator/info", headers={"Authorization": "Bearer tok"}).status_code
            == 200
        )
    finally:
        emu.stop()


def test_ipv6_loopback(emulator_signing_key: dict[str, Any]) -> None:
    emu = _emulator(emulator_signing_key, host="::1")
    try:
        emu.start()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        assert emu.url.startswith("http://[::1]:")
        assert (
            httpx.get(
                f"{emu.url}/__emulator/info", headers={"Authorization": "Bearer tok"}
            ).status_code
            == 200
        )
    finally:
        emu.stop()


def test_clock_drives_timestamps(emulator_signing_key: dict[str, Any]) -> None:
    with _emulator(emulator_signing_key, clock=lambda: 1652896801.1679) as emu:
        headers = {"Authorization": "Bearer tok"}
        tenant = httpx.get(f"{emu.url}/v1/tenants/{TENANT}", headers=headers).json()
        assert tenant["create_time"] == "2022-05-18T18:00:01.167Z"
        realm = httpx.post(
            f"{emu.url}/v1/tenants/{TENANT}/realms", headers=headers, json=p.realm("T")
        ).json()
        assert realm["create_time"] == "2022-05-18T18:00:01.167Z"


def test_store_api(
    emulator: Emulator, api: httpx.Client, realm_id: str, rs: dict[str, Any]
) -> None:
    store = emulator.store
    copy = store.get("resource_servers", rs["id"], realm_id=realm_id)
    assert copy == rs
    assert copy is not None
    copy["display_name"] = "mutated locally"
    assert store.get("resource_servers", rs["id"])["display_name"] == "Pet API"  # type: ignore[index]
    assert store.get("resource_servers", rs["id"], realm_id=emulator.admin_realm_id) is None
    # Out-of-band edits (drift) show up in the API.
    store.update("resource_servers", rs["id"], {"display_name": "Edited in console"})
    assert (
        api.get(f"/realms/{realm_id}/resource-servers/{rs['id']}").json()["display_name"]
        == "Edited in console"
    )
    assert [r["id"] for r in store.list("realms")] == [emulator.admin_realm_id, realm_id]
    assert store.delete("resource_servers", rs["id"]) is True
    assert store.delete("resource_servers", rs["id"]) is False
    with pytest.raises(KeyError):
        store.update("realms", "0123456789abcdef", {"display_name": "x"})
    identity = emulator.add_identity(realm_id, "carol@example.com", username="carol")
    assert identity["traits"]["username"] == "carol"
    assert re.fullmatch(r"[0-9a-f]{16}", identity["id"])
    assert store.identities(realm_id) == [identity]
    assert store.delete_identity(identity["id"]) is True
    with pytest.raises(KeyError):
        emulator.add_identity("0123456789abcdef")


def test_store_delete_of_realm_cascades(
    emulator: Emulator, realm_id: str, app: dict[str, Any]
) -> None:
    emulator.add_identity(realm_id)
    assert emulator.store.delete("realms", realm_id)
    assert emulator.store.list("applications", realm_id=realm_id) == []
    assert emulator.store.list("resource_servers", realm_id=realm_id) == []
    assert emulator.store.identities(realm_id) == []


def test_reset_keeps_identity_of_the_tenant(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    before = emulator.info()
    kid = emulator.store.signing_key["kid"]
    emulator.faults.add(path="/x", kind="status", status=500)
    emulator.reset()
    assert emulator.info() == before
    assert emulator.store.signing_key["kid"] == kid
    assert emulator.store.list("applications") == [
        api.get(
            f"/realms/{emulator.admin_realm_id}/applications/{emulator.management_application_id}"
        ).json()
    ]
    assert emulator.faults.list() == []
    assert len(emulator.requests) == 1  # only the GET above
    assert emulator.counters == {
        "GET /v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}": 1
    }


def test_state_file_round_trip(tmp_path: Path, emulator_signing_key: dict[str, Any]) -> None:
    state = tmp_path / "nested" / "state.json"
    with _emulator(emulator_signing_key, state_file=state) as emu:
        client = httpx.Client(
            base_url=f"{emu.url}/v1/tenants/{TENANT}", headers={"Authorization": "Bearer tok"}
        )
        with client:
            realm = client.post("/realms", json=p.realm("Kept")).json()
        data = json.loads(state.read_text())
        assert any(e["object"]["id"] == realm["id"] for e in data["collections"]["realms"])
        info = emu.info()
    assert [f.name for f in state.parent.iterdir()] == ["state.json"]  # no temp files left behind
    # A different key argument is ignored: the state file's key wins.
    with Emulator(tenant_id=TENANT, api_token="tok", state_file=state) as again:
        assert again.store.signing_key == emulator_signing_key
        assert again.store.get("realms", realm["id"]) == realm
        assert {k: v for k, v in again.info().items() if "url" not in k} == {
            k: v for k, v in info.items() if "url" not in k
        }


def test_state_file_problems_raise(tmp_path: Path, emulator_signing_key: dict[str, Any]) -> None:
    state = tmp_path / "state.json"
    _emulator(emulator_signing_key, state_file=state)
    with pytest.raises(StateFileError, match="belongs to tenant"):
        Emulator(tenant_id="0001aaaaaaaaaaaa", api_token="tok", state_file=state)
    state.write_text("{not json")
    with pytest.raises(StateFileError, match="cannot load"):
        _emulator(emulator_signing_key, state_file=state)
    state.write_text(json.dumps({"version": 99}))
    with pytest.raises(StateFileError, match="version"):
        _emulator(emulator_signing_key, state_file=state)


def test_state_file_keeps_groups_members_and_converts_version_1(
    tmp_path: Path, emulator_signing_key: dict[str, Any]
) -> None:
    state = tmp_path / "state.json"
    with _emulator(emulator_signing_key, state_file=state) as emu:
        realm_id = emu.store.insert(
            "realms",
            {
                "id": "0123456789abcdef",
                "tenant_id": TENANT,
                "display_name": "Kept",
                "classification": "SECURE_CUSTOMER",
                "create_time": "2026-01-01T00:00:00.000Z",
                "update_time": "2026-01-01T00:00:00.000Z",
            },
        )["id"]
        identity = emu.add_identity(realm_id, "kim@example.com", username="kim", external_id="k-1")
        group = emu.store.insert(
            "groups",
            {
                "id": "fedcba9876543210",
                "realm_id": realm_id,
                "tenant_id": TENANT,
                "display_name": "Pilot",
                "create_time": "2026-01-01T00:00:00.000Z",
                "update_time": "2026-01-01T00:00:00.000Z",
            },
        )
        emu.store.set_members(group["id"], [identity["id"]])
    with _emulator(emulator_signing_key, state_file=state) as again:
        assert again.store.get("identities", identity["id"]) == identity
        assert again.store.members(group["id"]) == [identity["id"]]
    # A version-1 file kept identities flat, in a list of their own.
    data = json.loads(state.read_text())
    data["version"] = 1
    data.pop("memberships")
    flat = []
    for entry in data["collections"].pop("identities"):
        i = entry["object"]
        flat.append(
            {
                "id": i["id"],
                "realm_id": i["realm_id"],
                "tenant_id": i["tenant_id"],
                "display_name": i["display_name"],
                "email": i["traits"].get("primary_email_address"),
                "username": i["traits"]["username"],
                "external_id": i["traits"].get("external_id"),
                "create_time": i["create_time"],
            }
        )
    data["identities"] = flat
    data["collections"].pop("groups")
    state.write_text(json.dumps(data))
    with _emulator(emulator_signing_key, state_file=state) as old:
        converted = old.store.get("identities", identity["id"])
        assert converted == {**identity, "update_time": identity["create_time"]}
        assert converted["traits"]["external_id"] == "k-1"
        assert len(old.store.identities(old.admin_realm_id)) == 1
