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
from dataclasses import dataclass, field

import httpx

from pulumi_beyondidentity import BeyondIdentityClient, Settings
from pulumi_beyondidentity._auth import ClientCredentialsToken
from pulumi_beyondidentity._http import new_http_client

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


def repeated(times: int, call: Callable[[], object]) -> Callable[[], None]:
    """A side of a comparison: ``call`` made ``times`` times."""

    def run() -> None:
        for _ in range(times):
            call()

    return run


def hosted_web(n: int) -> dict[str, object]:
    """A hosted-web authenticator config body, named ``ac <n>``."""
    return {
        "display_name": f"ac {n}",
        "config": {
            "type": "hosted_web",
            "authentication_methods": [{"type": "webauthn_passkey"}],
            "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"],
        },
    }


@dataclass
class Bench:
    """One emulator, a realm in it and a pooled client: what every comparison shares."""

    emu: dict[str, str]
    token: str
    rounds: int
    calls: int = 50
    counter: Iterator[int] = field(default_factory=lambda: iter(range(1_000_000)))

    def __post_init__(self) -> None:
        base = {"tenant_id": TENANT, "api_url": self.emu["url"], "auth_url": self.emu["url"]}
        self.base = base
        self.token_settings = Settings.resolve(
            explicit={**base, "api_token": self.token}, environ={}
        )
        self.pooled = BeyondIdentityClient(self.token_settings, http=new_http_client())
        realm = self.pooled.realms.create(
            {"display_name": "Bench", "classification": "SECURE_CUSTOMER"}
        )
        self.realm_id = str(realm["id"])

    def connections(self) -> None:
        def fresh_connection() -> None:
            with new_http_client() as http:
                BeyondIdentityClient(self.token_settings, http=http).realms.get(self.realm_id)

        compare(
            f"{self.calls} GETs: new connection per call vs one pooled client",
            repeated(self.calls, fresh_connection),
            repeated(self.calls, lambda: self.pooled.realms.get(self.realm_id)),
            self.rounds,
        )

    def tokens(self) -> None:
        cc_settings = Settings.resolve(
            explicit={
                **self.base,
                "client_id": self.emu["management_client_id"],
                "client_secret": self.emu["management_client_secret"],
                "token_url": self.emu["management_token_url"],
            },
            environ={},
        )
        client = BeyondIdentityClient(cc_settings, http=new_http_client())
        source = client.token_source
        assert isinstance(source, ClientCredentialsToken)

        def new_token() -> None:
            source.invalidate(source.token())
            client.realms.get(self.realm_id)

        compare(
            f"{self.calls} GETs: token fetched per call vs cached token",
            repeated(self.calls, new_token),
            repeated(self.calls, lambda: client.realms.get(self.realm_id)),
            self.rounds,
        )

    def workers(self) -> None:
        def create_batch(workers: int) -> Callable[[], None]:
            def one(_: int) -> None:
                n = next(self.counter)
                self.pooled.resource_servers.create(
                    {"display_name": f"rs {n}", "identifier": f"bench-{n}"}, realm_id=self.realm_id
                )

            def run() -> None:
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    list(pool.map(one, range(8)))

            return run

        compare(
            "8 creates: 1 worker vs 4 workers (the provider server's pool)",
            create_batch(1),
            create_batch(4),
            self.rounds,
        )

    def duplicate_safe_creates(self) -> None:
        api = httpx.Client(
            base_url=f"{self.emu['url']}/v1/tenants/{TENANT}",
            headers={"Authorization": f"Bearer {self.token}"},
        )
        configs = f"/realms/{self.realm_id}/authenticator-configs"

        def plain_post() -> None:
            body = {"authenticator_config": hosted_web(next(self.counter))}
            api.post(configs, json=body).raise_for_status()

        def safe_create() -> None:
            self.pooled.authenticator_configs.create(
                hosted_web(next(self.counter)), realm_id=self.realm_id
            )

        compare(
            "8 creates: duplicate-safe create vs bare POST (cost < 1)",
            repeated(8, plain_post),
            repeated(8, safe_create),
            self.rounds,
        )
        count = len(self.pooled.authenticator_configs.list(realm_id=self.realm_id))
        print(f"(authenticator configs in the realm at the end: {count})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    token = secrets.token_urlsafe(16)
    with emulator_process(token) as emu:
        bench = Bench(emu, token, args.rounds)
        bench.connections()
        bench.tokens()
        bench.workers()
        bench.duplicate_safe_creates()


if __name__ == "__main__":
    main()
