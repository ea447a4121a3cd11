"""What users' type checkers see (checked by ``make lint``, never run): the public signatures and
``pulumi.Output`` types survive the field declarations."""

from __future__ import annotations

from typing import Any, assert_type

import pulumi

from pulumi_beyondidentity import (
    Application,
    ApplicationCredentials,
    AuthenticatorConfig,
    Realm,
    RealmArgs,
    ResourceServer,
    ResourceServerArgs,
)


def declare_a_stack() -> None:
    realm = Realm("r", RealmArgs(display_name="Customers", classification="SECURE_CUSTOMER"))
    assert_type(realm.tenant_id, pulumi.Output[str])
    assert_type(realm.adopt_id, pulumi.Output[str | None])
    rs = ResourceServer("rs", ResourceServerArgs(realm.id, "AWS", "aws", scopes=["a:b"]))
    rs = ResourceServer("rs", realm_id=realm.id, display_name="AWS", identifier="aws")
    assert_type(rs.identifier, pulumi.Output[str])
    assert_type(rs.scopes, pulumi.Output[list[str]])
    assert_type(rs.is_managed, pulumi.Output[bool])
    hosted = AuthenticatorConfig(
        "h", realm_id=realm.id, display_name="h", config={"type": "hosted_web"}
    )
    assert_type(hosted.config, pulumi.Output[dict[str, Any]])
    app = Application(
        "a",
        realm_id=realm.id,
        display_name="n",
        authenticator_config_id=hosted.id,
        protocol_config={
            "type": "oidc",
            "confidentiality": "public",
            "grant_type": ["authorization_code"],
            "pkce": "s256",
            "token_configuration": {"expires_after": 600, "subject_field": "email"},
        },
    )
    assert_type(app.client_secret, pulumi.Output[str | None])
    assert_type(app.issuer, pulumi.Output[str])
    creds = ApplicationCredentials("c", realm_id=app.realm_id, application_id=app.id)
    assert_type(creds.jwks_url, pulumi.Output[str])
    assert_type(creds.client_id, pulumi.Output[str])
