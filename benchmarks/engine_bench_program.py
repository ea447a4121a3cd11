"""The Pulumi program of the engine-level benchmark (``benchmarks/engine_bench.py``).

One realm, one resource server, one hosted-web authenticator config and ``n`` OIDC
applications shaped like the dev stack's (the one Cognito federates with), or, with
``kind`` = ``noop``, the same graph of trivial dynamic resources whose provider answers at
once (:mod:`engine_bench_noop`): the engine's own cost for as many resources. Settings
(namespace ``engine-bench``): ``kind`` (``bi`` or ``noop``), ``n``, ``rename`` (a suffix
for the first application's display name: the one-field update). The Beyond Identity
settings are the stack's ``beyondidentity:*`` config and ``BEYOND_IDENTITY_API_TOKEN``.
"""

from __future__ import annotations

from typing import Any

import pulumi

REDIRECT = "https://bench.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
ORIGIN = "https://auth-us.beyondidentity.com/authenticator/"


def protocol_config() -> dict[str, Any]:
    """The dev stack's application protocol (a confidential OIDC client of Cognito)."""
    return {
        "type": "oidc",
        "confidentiality": "confidential",
        "grant_type": ["authorization_code"],
        "redirect_uris": [REDIRECT],
        "allowed_scopes": ["aws:customclaim"],
        "pkce": "disabled",
        "token_configuration": {"expires_after": 86400, "subject_field": "email"},
    }


def shapes(realm_id: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The resource server's and the authenticator config's inputs in realm ``realm_id``."""
    server = {
        "realm_id": realm_id,
        "display_name": "AWS Cognito",
        "identifier": "awsresourceserver",
        "scopes": ["aws:customclaim"],
    }
    authenticator = {
        "realm_id": realm_id,
        "display_name": "Hosted Web",
        "config": {"type": "hosted_web", "trusted_origins": [ORIGIN]},
    }
    return server, authenticator


def application(i: int, rename: str, realm_id: Any, rs_id: Any, ac_id: Any) -> dict[str, Any]:
    """Application ``i``'s inputs; the first one's name carries ``rename``."""
    return {
        "realm_id": realm_id,
        "display_name": f"bench app {i}{rename if i == 0 else ''}",
        "resource_server_id": rs_id,
        "authenticator_config_id": ac_id,
        "protocol_config": protocol_config(),
    }


def beyond_identity(n: int, rename: str) -> None:
    """The realm, its resource server and authenticator config, and ``n`` applications."""
    import pulumi_beyondidentity as bi

    realm = bi.Realm("realm", display_name=f"bench-{pulumi.get_stack()}")
    server, authenticator = shapes(realm.id)
    rs = bi.ResourceServer("rs", **server)
    ac = bi.AuthenticatorConfig("ac", **authenticator)
    for i in range(n):
        bi.Application(f"app-{i}", **application(i, rename, realm.id, rs.id, ac.id))


def noop(n: int, rename: str) -> None:
    """The same graph of no-op resources (inputs of the same shape, outputs = inputs)."""
    # Copied next to the program by engine_bench.py (a module of its own: see its docstring).
    from engine_bench_noop import Noop  # type: ignore[import-not-found]

    realm = Noop("realm", {"display_name": f"bench-{pulumi.get_stack()}"})
    server, authenticator = shapes(realm.id)
    rs = Noop("rs", server)
    ac = Noop("ac", authenticator)
    for i in range(n):
        Noop(f"app-{i}", application(i, rename, realm.id, rs.id, ac.id))


def main() -> None:
    """Declare the graph the settings ask for."""
    config = pulumi.Config("engine-bench")
    kind, n, rename = config.require("kind"), config.require_int("n"), config.get("rename") or ""
    if kind not in ("bi", "noop"):
        raise ValueError(f"engine-bench:kind must be 'bi' or 'noop', got {kind!r}")
    (beyond_identity if kind == "bi" else noop)(n, rename)


main()
