"""Count Beyond Identity requests per provider operation and per dev-stack ``up``; prints ratios.

Requests are counted by the emulator (every management-API call it answered), so the
figures are exact, not timed. The dev stack's Beyond Identity part is driven through the
same provider methods the engine calls on ``pulumi up`` (check and diff make no requests):
the credentials check (once per provider process, during check), then create a realm, a
resource server, an authenticator config, an application and its credentials view. The
ideal is one request per create. Then the per-create cost in a realm an earlier run made,
already holding 0, 200 and 800 objects of each kind (the first create of a kind in a run,
and each later one), and a stack of 250 applications. Run:

    .venv/bin/python benchmarks/bench_requests.py
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers.builders import (
    HOSTED_ORIGIN,
    application_inputs,
    authenticator_config_inputs,
    resource_server_inputs,
)
from helpers.client_support import configured
from helpers.provider_stack import PROVIDER_KEY, Stack

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity.application_credentials import ApplicationCredentialsProvider

TENANT = "000176d94fd7b4d1"
TOKEN = "bench-token"
HOSTED_WEB = {
    "type": "hosted_web",
    "authentication_methods": [{"type": "webauthn_passkey"}],
    "trusted_origins": [HOSTED_ORIGIN],
}
M2M = {
    "type": "oauth2",
    "confidentiality": "confidential",
    "grant_type": ["client_credentials"],
    "token_configuration": {"expires_after": 600},
}


class Bench(Stack):
    """The emulator and the providers of one provider process (they share one client)."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__(emu)
        self.creds = configured(ApplicationCredentialsProvider(), emu)
        self.api = httpx.Client(
            base_url=f"{emu.url}/v1/tenants/{emu.tenant_id}",
            headers={"Authorization": f"Bearer {emu.api_token}"},
        )

    def counted(self, action: Callable[[], Any]) -> tuple[int, Any]:
        self.emu.clear_requests()
        value = action()
        return len([r for r in self.emu.requests if "/v1/tenants/" in r.path]), value

    def measure(self, provider: Any, news: dict[str, Any]) -> tuple[int, str, dict[str, Any]]:
        """Requests, id and outputs of one create, as the engine runs it (check, then create)."""
        n, (object_id, outs) = self.counted(lambda: self.create(provider, news))
        return n, object_id, {**outs, PROVIDER_KEY: "x"}

    def earlier_realm(self, name: str, size: int) -> str:
        """A realm an earlier run made (through the API, not this process), with ``size``
        resource servers, authenticator configs and applications."""
        realm_id = str(
            self.api.post("/realms", json={"realm": {"display_name": name}}).json()["id"]
        )
        for i in range(size):
            self.post(
                realm_id,
                "resource-servers",
                "resource_server",
                resource_server_inputs(realm_id, display_name=f"rs {i}", identifier=f"api-{i}"),
            )
            self.post(
                realm_id,
                "authenticator-configs",
                "authenticator_config",
                {"display_name": f"ac {i}", "config": HOSTED_WEB},
            )
            self.post(
                realm_id,
                "applications",
                "application",
                {"display_name": f"app {i}", "protocol_config": M2M},
            )
        return realm_id

    def post(self, realm_id: str, route: str, envelope: str, body: dict[str, Any]) -> str:
        fields = {k: v for k, v in body.items() if k != "realm_id"}
        answer = self.api.post(f"/realms/{realm_id}/{route}", json={envelope: fields})
        answer.raise_for_status()
        return str(answer.json()["id"])


def dev_stack(bench: Bench) -> str:
    """The dev stack's first ``up``; returns the realm id."""
    print("Dev stack `up`, Beyond Identity part (requests; ideal = 1 per create):")
    total, _ = bench.counted(lambda: bench.realm.check({}, {"display_name": "Dev"}))
    print(f"  {'credentials check (once, at check)':<34} {total}")
    n, realm_id, _ = bench.measure(bench.realm, {"display_name": "Dev"})
    n_rs, rs_id, _ = bench.measure(bench.rs, resource_server_inputs(realm_id, display_name="AWS"))
    n_ac, ac_id, _ = bench.measure(bench.ac, authenticator_config_inputs(realm_id))
    n_app, app_id, _ = bench.measure(bench.app, application_inputs(realm_id, rs_id, ac_id))
    n_creds, _, _ = bench.measure(bench.creds, {"realm_id": realm_id, "application_id": app_id})
    for label, count in (
        ("Realm create", n),
        ("ResourceServer create", n_rs),
        ("AuthenticatorConfig create", n_ac),
        ("Application create", n_app),
        ("ApplicationCredentials create", n_creds),
    ):
        total += count
        print(f"  {label:<34} {count}")
    print(f"  {'total':<34} {total}  (ideal 5 + the check: ratio {total / 6:.2f})")
    return realm_id


def other_operations(bench: Bench, realm_id: str) -> None:
    print("\nOther operations (requests):")
    _, rs_id, rs_outs = bench.measure(
        bench.rs, resource_server_inputs(realm_id, display_name="Other", identifier="other")
    )
    _, app_id, app_outs = bench.measure(
        bench.app, {"realm_id": realm_id, "display_name": "Other", "protocol_config": M2M}
    )
    renamed = {**app_outs, "display_name": "Renamed"}
    for label, action in (
        ("Application read (refresh)", lambda: bench.app.read(app_id, app_outs)),
        ("Application update", lambda: bench.app.update(app_id, app_outs, renamed)),
        ("Application delete", lambda: bench.app.delete(app_id, app_outs)),
        ("ResourceServer delete", lambda: bench.rs.delete(rs_id, rs_outs)),
    ):
        n, _ = bench.counted(action)
        print(f"  {label:<34} {n}")


def mine(kind: str, realm_id: str, i: int) -> dict[str, Any]:
    """The inputs of this run's ``i``-th object of ``kind`` in ``realm_id``."""
    if kind == "rs":
        return resource_server_inputs(realm_id, identifier=f"mine-{i}")
    if kind == "ac":
        return {**authenticator_config_inputs(realm_id), "display_name": f"mine {i}"}
    return {"realm_id": realm_id, "display_name": f"mine {i}", "protocol_config": M2M}


def scaling(bench: Bench, sizes: list[int]) -> None:
    print(
        "\nRequests per create in a realm an earlier run made, holding N objects of each kind"
        "\n(first create of the kind in this run / each later one):"
    )
    print(
        f"  {'N':>5} {'Realm':>6} {'ResourceServer':>15} {'AuthenticatorConfig':>20} {'Application':>12}"
    )
    for size in sizes:
        n_realm, _, _ = bench.measure(bench.realm, {"display_name": f"New {size}"})
        realm_id = bench.earlier_realm(f"Size {size}", size)
        row = [str(n_realm)]
        for kind, provider in (("rs", bench.rs), ("ac", bench.ac), ("app", bench.app)):
            first, _, _ = bench.measure(provider, mine(kind, realm_id, 0))
            later, _, _ = bench.measure(provider, mine(kind, realm_id, 1))
            row.append(f"{first} / {later}")
        print(f"  {size:>5} {row[0]:>6} {row[1]:>15} {row[2]:>20} {row[3]:>12}")


def application_stack(bench: Bench, count: int) -> None:
    """A stack of ``count`` applications: in a realm this run creates, then added to a realm
    an earlier run made (which already holds ``count`` applications)."""
    print(f"\nA stack of {count} applications (requests for all the application creates):")
    realm_id = bench.measure(bench.realm, {"display_name": f"Apps {count}"})[1]
    earlier = bench.earlier_realm(f"Earlier {count}", 0)
    for i in range(count):
        bench.post(
            earlier,
            "applications",
            "application",
            {"display_name": f"old {i}", "protocol_config": M2M},
        )
    for label, where in (
        ("realm created by this run", realm_id),
        ("realm of an earlier run", earlier),
    ):
        total = 0
        for i in range(count):
            total += bench.measure(bench.app, mine("app", where, i))[0]
        print(f"  {label:<28} {total} ({total / count:.2f} per create; ideal 1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="0,200,800", help="objects per kind in the realm")
    parser.add_argument("--applications", type=int, default=250, help="applications in a stack")
    args = parser.parse_args()
    emu = Emulator(tenant_id=TENANT, api_token=TOKEN)
    emu.start()
    try:
        bench = Bench(emu)
        realm_id = dev_stack(bench)
        other_operations(bench, realm_id)
        scaling(bench, [int(s) for s in args.sizes.split(",")])
        application_stack(bench, args.applications)
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
