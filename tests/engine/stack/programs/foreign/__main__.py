"""The foreign-object engine test's program: one Beyond Identity object of each kind, named
by stack settings, with no reference between the realm's objects (so a same-key object made
by hand references nothing of the stack's either)."""

import pulumi

from pulumi_beyondidentity import Application, AuthenticatorConfig, Realm, ResourceServer

config = pulumi.Config()
realm = Realm(
    "realm",
    display_name=config.require("realmName"),
    force_destroy=config.get_bool("forceDestroy") or False,
)
ResourceServer(
    "server",
    realm_id=realm.id,
    display_name="Foreign test API",
    identifier=config.require("identifier"),
    scopes=["pets:read"],
)
AuthenticatorConfig(
    "authenticator",
    realm_id=realm.id,
    display_name=config.require("authenticatorName"),
    config={"type": "hosted_web", "trusted_origins": ["https://auth.example.com"]},
)
Application(
    "application",
    realm_id=realm.id,
    display_name=config.require("applicationName"),
    protocol_config={
        "type": "oauth2",
        "confidentiality": "confidential",
        "grant_type": ["client_credentials"],
        "token_configuration": {"expires_after": 600},
    },
)
pulumi.export("realmId", realm.id)
