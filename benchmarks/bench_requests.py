"""Count Beyond Identity requests per provider operation and per dev-stack ``up``; prints ratios.

Requests are counted by the emulator (every management-API call it answered), so the
figures are exact, not timed. The dev stack's Beyond Identity part is driven through the
same provider methods the engine calls on ``pulumi up`` (check and diff make no requests):
the credentials check (once per provider process, during check), then create a realm, a
resource server, an authenticator config, an application and its credentials view. The
ideal is one request per create. Then the per-create cost is
measured in realms that already hold 0, 200 and 800 objects of each kind. Run:

    .venv/bin/python benchmarks/bench_requests.py
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import httpx
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    ApplicationCredentialsProvider,
    ApplicationProvider,
    AuthenticatorConfigProvider,
    RealmProvider,
    ResourceServerProvider,
)
from pulumi_beyondidentity._provider import BeyondIdentityProvider

TENANT = "000176d94fd7b4d1"
TOKEN = "bench-token"
ORIGIN = "https://auth-us.beyondidentity.com/authenticator/"
REDIRECT = "https://bench.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"


def configured(cls: type[BeyondIdentityProvider], emu: Emulator) -> Any:
    provider = cls()
    config = {
        "beyondidentity:tenantId": emu.tenant_id,
        "beyondidentity:apiToken": emu.api_token,
        "beyondidentity:apiUrl": emu.url,
        "beyondidentity:authUrl": emu.url,
    }
    provider.configure(ConfigureRequest(Config(config, "bench")))
    return provider


def create(provider: Any, news: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    checked = provider.check({}, {**news, "__provider": "x"})
    assert checked.failures == [], checked.failures
    result = provider.create({**checked.inputs, "__provider": "x"})
    return str(result.id), {**result.outs, "__provider": "x"}


def counted(emu: Emulator, action: Callable[[], Any]) -> tuple[int, Any]:
    emu.clear_requests()
    value = action()
    return len([r for r in emu.requests if "/v1/tenants/" in r.path]), value


def app_inputs(realm_id: str, rs_id: str, ac_id: str, name: str = "AWS Cognito") -> dict[str, Any]:
    return {
        "realm_id": realm_id,
        "display_name": name,
        "resource_server_id": rs_id,
        "authenticator_config_id": ac_id,
        "protocol_config": {
            "type": "oidc",
            "confidentiality": "confidential",
            "grant_type": ["authorization_code"],
            "redirect_uris": [REDIRECT],
            "allowed_scopes": ["aws:customclaim"],
            "token_configuration": {"expires_after": 86400, "subject_field": "email"},
        },
    }


def fill(emu: Emulator, realm_id: str, n: int) -> None:
    """``n`` resource servers, authenticator configs and applications made directly."""
    base = f"{emu.url}/v1/tenants/{emu.tenant_id}/realms/{realm_id}"
    headers = {"Authorization": f"Bearer {emu.api_token}"}
    with httpx.Client(base_url=base, headers=headers) as api:
        for i in range(n):
            rs = {"display_name": f"rs {i}", "identifier": f"api-{i}"}
            api.post("/resource-servers", json={"resource_server": rs}).raise_for_status()
            ac = {
                "display_name": f"ac {i}",
                "config": {
                    "type": "hosted_web",
                    "authentication_methods": [{"type": "webauthn_passkey"}],
                    "trusted_origins": [ORIGIN],
                },
            }
            api.post("/authenticator-configs", json={"authenticator_config": ac}).raise_for_status()
            app = {
                "display_name": f"app {i}",
                "protocol_config": {
                    "type": "oauth2",
                    "confidentiality": "confidential",
                    "grant_type": ["client_credentials"],
                    "token_configuration": {"expires_after": 600},
                },
            }
            api.post("/applications", json={"application": app}).raise_for_status()


def scaling_row(
    emu: Emulator,
    providers: tuple[Any, Any, Any, Any],
    rs_news: dict[str, Any],
    ac_news: dict[str, Any],
    size: int,
) -> tuple[int, int, int, int]:
    """Requests of each create in a realm holding ``size`` objects of each kind."""
    realm, rs, ac, app = providers
    n_realm, (rid, _) = counted(emu, lambda: create(realm, {"display_name": f"Size {size}"}))
    fill(emu, rid, size)
    n_rs, (new_rs, _) = counted(emu, lambda: create(rs, {**rs_news, "realm_id": rid}))
    n_ac, (new_ac, _) = counted(emu, lambda: create(ac, {**ac_news, "realm_id": rid}))
    n_app, _ = counted(emu, lambda: create(app, app_inputs(rid, new_rs, new_ac)))
    return n_realm, n_rs, n_ac, n_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="0,200,800", help="objects per kind in the realm")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    emu = Emulator(tenant_id=TENANT, api_token=TOKEN)
    emu.start()
    try:
        realm = configured(RealmProvider, emu)
        rs = configured(ResourceServerProvider, emu)
        ac = configured(AuthenticatorConfigProvider, emu)
        app = configured(ApplicationProvider, emu)
        creds = configured(ApplicationCredentialsProvider, emu)

        print("Dev stack `up`, Beyond Identity part (requests; ideal = 1 per create):")
        total, _ = counted(emu, lambda: realm.check({}, {"display_name": "Dev"}))
        print(f"  {'credentials check (once, at check)':<34} {total}")
        n, (realm_id, realm_outs) = counted(emu, lambda: create(realm, {"display_name": "Dev"}))
        total += n
        print(f"  {'Realm create':<34} {n}")
        rs_news = {
            "realm_id": realm_id,
            "display_name": "AWS",
            "identifier": "awsresourceserver",
            "scopes": ["aws:customclaim"],
        }
        n, (rs_id, rs_outs) = counted(emu, lambda: create(rs, rs_news))
        total += n
        print(f"  {'ResourceServer create':<34} {n}")
        ac_news = {
            "realm_id": realm_id,
            "display_name": "Hosted Web",
            "config": {"type": "hosted_web", "trusted_origins": [ORIGIN]},
        }
        n, (ac_id, _) = counted(emu, lambda: create(ac, ac_news))
        total += n
        print(f"  {'AuthenticatorConfig create':<34} {n}")
        n, (app_id, app_outs) = counted(
            emu, lambda: create(app, app_inputs(realm_id, rs_id, ac_id))
        )
        total += n
        print(f"  {'Application create':<34} {n}")
        n, _ = counted(emu, lambda: create(creds, {"realm_id": realm_id, "application_id": app_id}))
        total += n
        print(f"  {'ApplicationCredentials create':<34} {n}")
        print(f"  {'total':<34} {total}  (ideal 5 + the check: ratio {total / 6:.2f})")

        print("\nOther operations (requests):")
        n, _ = counted(emu, lambda: app.read(app_id, app_outs))
        print(f"  {'Application read (refresh)':<34} {n}")
        renamed = {**app_inputs(realm_id, rs_id, ac_id, "Renamed"), "__provider": "x"}
        n, _ = counted(emu, lambda: app.update(app_id, app_outs, renamed))
        print(f"  {'Application update':<34} {n}")
        n, _ = counted(emu, lambda: app.delete(app_id, app_outs))
        print(f"  {'Application delete':<34} {n}")
        n, _ = counted(emu, lambda: rs.delete(rs_id, rs_outs))
        print(f"  {'ResourceServer delete':<34} {n}")
        n, _ = counted(emu, lambda: realm.delete(realm_id, realm_outs))
        print(f"  {'Realm delete':<34} {n}")

        print("\nRequests per create in a realm already holding N objects of each kind:")
        print(
            f"  {'N':>5} {'Realm':>6} {'ResourceServer':>15} {'AuthenticatorConfig':>20} {'Application':>12}"
        )
        for size in sizes:
            row = scaling_row(emu, (realm, rs, ac, app), rs_news, ac_news, size)
            print(f"  {size:>5} {row[0]:>6} {row[1]:>15} {row[2]:>20} {row[3]:>12}")
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
