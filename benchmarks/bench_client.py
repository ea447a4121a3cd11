"""Benchmark the Beyond Identity client against the local emulator; prints ratios.

Our machines are noisy, so each comparison runs both sides interleaved in one run and
reports the median ratio rather than absolute times. The emulator runs in its own process,
as a real server would, so client threads do not share its interpreter lock. Run:

    .venv/bin/python benchmarks/bench_client.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx

from pulumi_beyondidentity import BeyondIdentityClient, Settings
from pulumi_beyondidentity._auth import ClientCredentialsToken
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity.authenticator_config import AUTHENTICATOR_CONFIG
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER

TENANT = "000176d94fd7b4d1"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(
    label: str, baseline: Callable[[], object], candidate: Callable[[], object], rounds: int
) -> None:
    """Interleave the two sides and print the median ratio baseline / candidate."""
    ratios = []
    for _ in range(rounds):
        b = timed(baseline)
        c = timed(candidate)
        ratios.append(b / c)
    print(
        f"{label:<58} {statistics.median(ratios):6.2f}x  (min {min(ratios):.2f}, max {max(ratios):.2f})"
    )


@contextlib.contextmanager
def emulator_process(token: str) -> Iterator[dict[str, str]]:
    """``python -m beyondidentity_emulator`` on a free loopback port; yields its start-up facts."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "beyondidentity_emulator",
            "--port",
            "0",
            "--tenant-id",
            TENANT,
            "--api-token",
            token,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        facts: dict[str, str] = {}
        for line in proc.stdout:
            key, _, value = line.strip().partition(": ")
            facts[key] = value
            if key == "management_token_url":
                break
        yield facts
    finally:
        proc.terminate()
        proc.wait(timeout=10)


CALLS = 50
HOSTED_WEB = {
    "type": "hosted_web",
    "authentication_methods": [{"type": "webauthn_passkey"}],
    "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"],
}


class Run:
    """The emulator's facts, the clients under test and one realm to work in."""

    def __init__(self, emu: dict[str, str], token: str, rounds: int) -> None:
        self.emu = emu
        self.token = token
        self.rounds = rounds
        base = {"tenant_id": TENANT, "api_url": emu["url"], "auth_url": emu["url"]}
        self.token_settings = Settings.resolve(explicit={**base, "api_token": token}, environ={})
        self.cc_settings = Settings.resolve(
            explicit={
                **base,
                "client_id": emu["management_client_id"],
                "client_secret": emu["management_client_secret"],
                "token_url": emu["management_token_url"],
            },
            environ={},
        )
        self.pooled = BeyondIdentityClient(self.token_settings, http=new_http_client())
        realm = self.pooled.collection(REALM).create(
            {"display_name": "Bench", "classification": "SECURE_CUSTOMER"}
        )
        self.realm_id = str(realm["id"])
        self.counter = iter(range(1_000_000))

    def repeat(self, call: Callable[[], object], times: int = CALLS) -> Callable[[], None]:
        def run() -> None:
            for _ in range(times):
                call()

        return run


def pooling(run: Run) -> None:
    def fresh_connection() -> None:
        with new_http_client() as http:
            BeyondIdentityClient(run.token_settings, http=http).collection(REALM).get(run.realm_id)

    compare(
        f"{CALLS} GETs: new connection per call vs one pooled client",
        run.repeat(fresh_connection),
        run.repeat(lambda: run.pooled.collection(REALM).get(run.realm_id)),
        run.rounds,
    )


def token_caching(run: Run) -> None:
    cc_client = BeyondIdentityClient(run.cc_settings, http=new_http_client())
    source = cc_client.token_source
    assert isinstance(source, ClientCredentialsToken)

    def fresh_token() -> None:
        source.invalidate(source.token())
        cc_client.collection(REALM).get(run.realm_id)

    compare(
        f"{CALLS} GETs: token fetched per call vs cached token",
        run.repeat(fresh_token),
        run.repeat(lambda: cc_client.collection(REALM).get(run.realm_id)),
        run.rounds,
    )


def workers(run: Run) -> None:
    def create_batch(workers: int) -> Callable[[], None]:
        def one(_: int) -> None:
            n = next(run.counter)
            body = {"display_name": f"rs {n}", "identifier": f"bench-{n}"}
            run.pooled.collection(RESOURCE_SERVER).create(body, realm_id=run.realm_id)

        def batch() -> None:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(one, range(8)))

        return batch

    compare(
        "8 creates: 1 worker vs 4 workers (the provider server's pool)",
        create_batch(1),
        create_batch(4),
        run.rounds,
    )


def safe_creates(run: Run) -> None:
    api = httpx.Client(
        base_url=f"{run.emu['url']}/v1/tenants/{TENANT}",
        headers={"Authorization": f"Bearer {run.token}"},
    )
    configs = run.pooled.collection(AUTHENTICATOR_CONFIG)

    def plain_post() -> None:
        body = {
            "authenticator_config": {
                "display_name": f"ac {next(run.counter)}",
                "config": HOSTED_WEB,
            }
        }
        api.post(f"/realms/{run.realm_id}/authenticator-configs", json=body).raise_for_status()

    def safe_create() -> None:
        body = {"display_name": f"ac {next(run.counter)}", "config": HOSTED_WEB}
        configs.create(body, realm_id=run.realm_id)

    compare(
        "8 creates: duplicate-safe create vs bare POST (cost < 1)",
        run.repeat(plain_post, 8),
        run.repeat(safe_create, 8),
        run.rounds,
    )
    count = len(configs.list(realm_id=run.realm_id))
    print(f"(authenticator configs in the realm at the end: {count})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    token = secrets.token_urlsafe(16)
    with emulator_process(token) as emu:
        run = Run(emu, token, args.rounds)
        for comparison in (pooling, token_caching, workers, safe_creates):
            comparison(run)


if __name__ == "__main__":
    main()
