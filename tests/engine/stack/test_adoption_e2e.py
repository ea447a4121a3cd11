"""Bringing existing Beyond Identity objects under management, through the real engine.

``adopt_id`` is the supported way; Pulumi's ``import_`` option does not work with dynamic
resources (pulumi/pulumi#16175), and a test pins that down so the docs can change when it does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pulumi
import pytest
from helpers import builders as b
from helpers.engine_support import engine_env, pulumi_command, require_engine
from pulumi import automation as auto

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    Application,
    AuthenticatorConfig,
    ProtocolConfigArgs,
    Realm,
    ResourceServer,
)

pytestmark = pytest.mark.engine

ORIGIN = b.HOSTED_ORIGIN
# The guide's OIDC application (the same settings the provider tests use).
PROTOCOL: ProtocolConfigArgs = b.application_inputs()["protocol_config"]


def inline_stack(tmp_path: Path, emulator: Emulator, program: Callable[[], None]) -> auto.Stack:
    engine = require_engine()
    stack = auto.create_stack(
        "adopt",
        project_name="bi-adoption",
        program=program,
        opts=auto.LocalWorkspaceOptions(
            env_vars=engine_env(tmp_path, engine),
            pulumi_command=pulumi_command(engine),
            secrets_provider="passphrase",
        ),
    )
    stack.set_all_config(
        {
            "beyondidentity:tenantId": auto.ConfigValue(emulator.tenant_id),
            "beyondidentity:apiUrl": auto.ConfigValue(emulator.url),
            "beyondidentity:authUrl": auto.ConfigValue(emulator.url),
            "beyondidentity:apiToken": auto.ConfigValue(emulator.api_token, secret=True),
        }
    )
    return stack


def existing_objects(api: httpx.Client) -> dict[str, str]:
    """What a team made by hand in the console before adopting Pulumi."""
    realm = api.post("/realms", json=b.realm("Hand made")).json()
    r = realm["id"]
    rs = api.post(
        f"/realms/{r}/resource-servers",
        json=b.resource_server("awsresourceserver", ["aws:customclaim"], "AWS"),
    ).json()
    ac = api.post(
        f"/realms/{r}/authenticator-configs",
        json=b.hosted_web(
            authentication_methods=[{"type": "webauthn_passkey"}], trusted_origins=[ORIGIN]
        ),
    ).json()
    app = api.post(
        f"/realms/{r}/applications",
        json=b.oidc_app(rs["id"], ac["id"], "Console app", **PROTOCOL),
    ).json()
    return {
        "realm": r,
        "rs": rs["id"],
        "ac": ac["id"],
        "app": app["id"],
        "client_secret": app["protocol_config"]["client_secret"],
    }


def quiet(_line: str) -> None:
    """Keep engine output out of the test log."""


def adopting_program(ids: dict[str, str]) -> Callable[[], None]:
    """The guide's four objects, each declared with the id of its hand-made counterpart."""

    def program() -> None:
        realm = Realm("realm", display_name="Hand made", adopt_id=ids["realm"])
        rs = ResourceServer(
            "rs",
            realm_id=realm.id,
            display_name="AWS",
            identifier="awsresourceserver",
            scopes=["aws:customclaim"],
            adopt_id=ids["rs"],
        )
        ac = AuthenticatorConfig(
            "ac",
            realm_id=realm.id,
            display_name="Hosted Web",
            adopt_id=ids["ac"],
            config={
                "type": "hosted_web",
                "authentication_methods": ["webauthn_passkey"],
                "trusted_origins": [ORIGIN],
            },
        )
        app = Application(
            "app",
            realm_id=realm.id,
            display_name="Managed by Pulumi now",
            resource_server_id=rs.id,
            authenticator_config_id=ac.id,
            adopt_id=ids["app"],
            protocol_config=PROTOCOL,
        )
        pulumi.export("ids", pulumi.Output.all(realm.id, rs.id, ac.id, app.id))

    return program


def test_adopt_id_brings_existing_objects_under_management(
    tmp_path: Path, emulator: Emulator, api: httpx.Client
) -> None:
    ids = existing_objects(api)
    stack = inline_stack(tmp_path, emulator, adopting_program(ids))
    result = stack.up(on_output=quiet)
    assert result.outputs["ids"].value == [ids["realm"], ids["rs"], ids["ac"], ids["app"]]
    app: dict[str, Any] = api.get(f"/realms/{ids['realm']}/applications/{ids['app']}").json()
    # the declared value was applied, and nothing new was created
    assert app["display_name"] == "Managed by Pulumi now"
    apps = api.get(f"/realms/{ids['realm']}/applications").json()["applications"]
    assert len(apps) == 1
    # adopted secrets are encrypted too (read the files: export_stack shows secrets)
    state = "\n".join(p.read_text() for p in (tmp_path / "pulumi-state").rglob("*.json"))
    assert '"client_secret"' in state
    assert ids["client_secret"] not in state
    # stack + 4 adopted objects, all unchanged
    assert stack.preview(on_output=quiet).change_summary.get(auto.OpType.SAME) == 5
    stack.destroy(on_output=quiet)
    assert (
        api.get(f"/realms/{ids['realm']}").status_code == 404
    )  # adopted means owned: destroy deletes


def test_adoption_refuses_a_mismatch_before_touching_anything(
    tmp_path: Path, emulator: Emulator, api: httpx.Client
) -> None:
    ids = existing_objects(api)

    def program() -> None:
        ResourceServer(
            "rs",
            realm_id=ids["realm"],
            display_name="Renamed",
            identifier="another-identifier",
            adopt_id=ids["rs"],
        )

    stack = inline_stack(tmp_path, emulator, program)
    with pytest.raises(auto.CommandError) as info:
        stack.up(on_output=quiet)
    assert "another-identifier" in str(info.value)
    assert "cannot change in place" in str(info.value)
    rs = api.get(f"/realms/{ids['realm']}/resource-servers/{ids['rs']}").json()
    assert rs["display_name"] == "AWS"  # untouched


def test_import_option_does_not_work_with_dynamic_resources(
    tmp_path: Path, emulator: Emulator, api: httpx.Client
) -> None:
    """pulumi/pulumi#16175: the engine's import Read carries no ``__provider``. If this starts to
    pass, `import_` works and docs/resources.md should say so."""
    ids = existing_objects(api)

    def program() -> None:
        Realm("realm", display_name="Hand made", opts=pulumi.ResourceOptions(import_=ids["realm"]))

    stack = inline_stack(tmp_path, emulator, program)
    with pytest.raises(auto.CommandError) as info:
        stack.up(on_output=quiet)
    assert "KeyError: '__provider'" in str(info.value)
