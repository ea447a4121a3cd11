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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    token = secrets.token_urlsafe(16)
    with emulator_process(token) as emu:
        base = {"tenant_id": TENANT, "api_url": emu["url"], "auth_url": emu["url"]}
        token_settings = Settings.resolve(explicit={**base, "api_token": token}, environ={})
        cc_settings = Settings.resolve(
            explicit={
                **base,
                "client_id": emu["management_client_id"],
                "client_secret": emu["management_client_secret"],
                "token_url": emu["management_token_url"],
            },
            environ={},
        )
        pooled = BeyondIdentityClient(token_settings, http=new_http_client())
        realm_id = str(
            pooled.realms.create({"display_name": "Bench", "classification": "SECURE_CUSTOMER"})[
                "id"
            ]
        )
        calls = 50

        def fresh_connection_each_call() -> None:
            for _ in range(calls):
                with new_http_client() as http:
                    BeyondIdentityClient(token_settings, http=http).realms.get(realm_id)

        def pooled_client() -> None:
            for _ in range(calls):
                pooled.realms.get(realm_id)

        compare(
            f"{calls} GETs: new connection per call vs one pooled client",
            fresh_connection_each_call,
            pooled_client,
            args.rounds,
        )

        cc_client = BeyondIdentityClient(cc_settings, http=new_http_client())
        source = cc_client.token_source
        assert isinstance(source, ClientCredentialsToken)

        def token_per_call() -> None:
            for _ in range(calls):
                source.invalidate(source.token())
                cc_client.realms.get(realm_id)

        def cached_token() -> None:
            for _ in range(calls):
                cc_client.realms.get(realm_id)

        compare(
            f"{calls} GETs: token fetched per call vs cached token",
            token_per_call,
            cached_token,
            args.rounds,
        )

        counter = iter(range(1_000_000))

        def create_batch(workers: int) -> Callable[[], None]:
            def run() -> None:
                def one(_: int) -> None:
                    n = next(counter)
                    pooled.resource_servers.create(
                        {"display_name": f"rs {n}", "identifier": f"bench-{n}"}, realm_id=realm_id
                    )

                with ThreadPoolExecutor(max_workers=workers) as pool:
                    list(pool.map(one, range(8)))

            return run

        compare(
            "8 creates: 1 worker vs 4 workers (the provider server's pool)",
            create_batch(1),
            create_batch(4),
            args.rounds,
        )

        api = httpx.Client(
            base_url=f"{emu['url']}/v1/tenants/{TENANT}",
            headers={"Authorization": f"Bearer {token}"},
        )

        def hosted_web(n: int) -> dict[str, object]:
            return {
                "display_name": f"ac {n}",
                "config": {
                    "type": "hosted_web",
                    "authentication_methods": [{"type": "webauthn_passkey"}],
                    "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"],
                },
            }

        def plain_posts() -> None:
            for _ in range(8):
                body = {"authenticator_config": hosted_web(next(counter))}
                api.post(f"/realms/{realm_id}/authenticator-configs", json=body).raise_for_status()

        def safe_creates() -> None:
            for _ in range(8):
                pooled.authenticator_configs.create(hosted_web(next(counter)), realm_id=realm_id)

        compare(
            "8 creates: duplicate-safe create vs bare POST (cost < 1)",
            plain_posts,
            safe_creates,
            args.rounds,
        )
        print(
            f"(authenticator configs in the realm at the end: {len(pooled.authenticator_configs.list(realm_id=realm_id))})"
        )


if __name__ == "__main__":
    main()
