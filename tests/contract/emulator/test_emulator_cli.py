"""The command line: banner, loopback refusal, signals and persistence across restarts."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import builders as p
from helpers.openapi_contract import check_exchanges

TENANT = "0001c0ffee123456"
TOKEN = "cli-api-token"
# Every start: a free port, our tenant and token.
SERVE_ARGS = ("--port", "0", "--tenant-id", TENANT, "--api-token", TOKEN)
BANNER_KEYS = {
    "url",
    "tenant_id",
    "admin_realm_id",
    "management_application_id",
    "management_client_id",
    "management_client_secret",
    "management_token_url",
}


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "beyondidentity_emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _banner(proc: subprocess.Popen[str], timeout: float = 20.0) -> tuple[str, dict[str, str]]:
    """Read the start-up lines (a thread reads, so a stuck process cannot hang the test)."""
    assert proc.stdout is not None
    stdout = proc.stdout
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while not any(line.startswith("management_token_url: ") for line in seen):
        try:
            seen.append(lines.get(timeout=max(deadline - time.monotonic(), 0.01)).rstrip("\n"))
        except queue.Empty:
            proc.kill()
            raise AssertionError(
                f"no banner; got {seen!r}, stderr {proc.communicate()[1]!r}"
            ) from None
    first, *rest = seen
    return first, dict(line.split(": ", 1) for line in rest)


def _stop(proc: subprocess.Popen[str], sig: signal.Signals = signal.SIGTERM) -> int:
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def _check_contract(url: str) -> None:
    exchanges = httpx.get(
        f"{url}/__emulator/requests", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert check_exchanges(exchanges.json()["requests"]) == []


def test_state_survives_a_restart(tmp_path: Path, started: list[subprocess.Popen[str]]) -> None:
    state = tmp_path / "dev.emulator-state.json"
    args = ("--host", "127.0.0.1", *SERVE_ARGS, "--state-file", str(state))
    first = _spawn(*args)
    started.append(first)
    line, info = _banner(first)
    _check_banner(line, info)
    objects = _create_objects(info["url"])
    jwt = httpx.post(
        info["management_token_url"],
        auth=(info["management_client_id"], info["management_client_secret"]),
        data={"grant_type": "client_credentials"},
    ).json()["access_token"]
    _check_contract(info["url"])
    assert _stop(first) == 0
    assert state.is_file()

    second = _spawn(*args)
    started.append(second)
    _, again = _banner(second)
    for key in BANNER_KEYS - {"url", "management_token_url"}:
        assert again[key] == info[key], key
    # The signing key persisted too: a token from before the restart still works.
    _check_objects_survived(again["url"], jwt, objects)
    _check_contract(again["url"])
    assert _stop(second, signal.SIGINT) == 0


def _check_banner(line: str, info: dict[str, str]) -> None:
    assert line == f"Beyond Identity emulator listening on {info['url']}"
    assert line.startswith("Beyond Identity emulator listening on http://127.0.0.1:")
    assert set(info) >= BANNER_KEYS
    assert info["tenant_id"] == TENANT
    assert info["management_token_url"] == (
        f"{info['url']}/v1/tenants/{TENANT}/realms/{info['admin_realm_id']}"
        f"/applications/{info['management_application_id']}/token"
    )


def _tenant_api(url: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{url}/v1/tenants/{TENANT}", headers={"Authorization": f"Bearer {token}"}
    )


def _create_objects(url: str) -> dict[str, dict[str, Any]]:
    """A realm with a resource server, an authenticator config, an application and an identity."""
    with _tenant_api(url, TOKEN) as api:
        realm = api.post("/realms", json=p.realm("Persistent")).json()
        rs = api.post(f"/realms/{realm['id']}/resource-servers", json=p.resource_server()).json()
        ac = api.post(f"/realms/{realm['id']}/authenticator-configs", json=p.hosted_web()).json()
        app = api.post(
            f"/realms/{realm['id']}/applications", json=p.oidc_app(rs["id"], ac["id"])
        ).json()
    httpx.post(
        f"{url}/__emulator/identities",
        json={"realm_id": realm["id"]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).raise_for_status()
    return {"realm": realm, "rs": rs, "ac": ac, "app": app}


def _check_objects_survived(url: str, token: str, objects: dict[str, dict[str, Any]]) -> None:
    realm = objects["realm"]
    paths = {
        "realm": f"/realms/{realm['id']}",
        "rs": f"/realms/{realm['id']}/resource-servers/{objects['rs']['id']}",
        "ac": f"/realms/{realm['id']}/authenticator-configs/{objects['ac']['id']}",
        "app": f"/realms/{realm['id']}/applications/{objects['app']['id']}",
    }
    with _tenant_api(url, token) as api:
        for kind, path in paths.items():
            assert api.get(path).json() == objects[kind], kind
        # The identity persisted: it still blocks the realm's deletion.
        assert api.delete(f"/realms/{realm['id']}").status_code == 409


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_non_loopback_host_is_refused(host: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "beyondidentity_emulator",
            "--host",
            host,
            *SERVE_ARGS,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "loopback" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tenant-id", "NOT-HEX", "--api-token", TOKEN], "tenant_id"),
        (["--tenant-id", TENANT], "--api-token"),
    ],
)
def test_bad_arguments_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "beyondidentity_emulator", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert message in result.stderr


def test_state_file_of_another_tenant_is_refused(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    state = tmp_path / "state.json"
    proc = _spawn("--tenant-id", TENANT, "--api-token", TOKEN, "--state-file", str(state))
    started.append(proc)
    _banner(proc)
    assert _stop(proc) == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "beyondidentity_emulator",
            "--tenant-id",
            "0001aaaaaaaaaaaa",
            "--api-token",
            TOKEN,
            "--state-file",
            str(state),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "belongs to tenant" in result.stderr


def test_accept_repeated_keys_flag(started: list[subprocess.Popen[str]]) -> None:
    proc = _spawn(*SERVE_ARGS, "--accept-repeated-keys")
    started.append(proc)
    _, info = _banner(proc)
    with _tenant_api(info["url"], TOKEN) as api:
        twins = [api.post("/realms", json=p.realm("Twin")) for _ in range(2)]
        assert [r.status_code for r in twins] == [200, 200]
        realm_id = twins[0].json()["id"]
        servers = [
            api.post(f"/realms/{realm_id}/resource-servers", json=p.resource_server("aud"))
            for _ in range(2)
        ]
        assert [r.status_code for r in servers] == [200, 200]
    _check_contract(info["url"])
    assert _stop(proc) == 0
