"""The stack program (``__main__.py``) and its settings files (``Pulumi.yaml``, ``Pulumi.dev.yaml``)."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml
from cognito_mocks import (
    APPLICATION,
    AUTHENTICATOR,
    CLIENT,
    COMPONENT,
    DOMAIN,
    REALM,
    USER_POOL,
    FakeCloud,
    run_program,
)

from beyondidentity_cognito import CognitoFederationError

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "beyondidentity-cognito"
MAIN = ROOT / "__main__.py"


def project_file() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
    return loaded


def stack_config(stack_file: str, **overrides: Any) -> dict[str, str]:
    """The config the CLI would hand the program: project defaults, then the stack's values.

    Like the CLI, non-string values are passed as JSON and project keys get the namespace.
    """
    values: dict[str, Any] = {
        f"{PROJECT}:{key}": spec["default"]
        for key, spec in project_file()["config"].items()
        if "default" in spec
    }
    values.update(yaml.safe_load((ROOT / stack_file).read_text())["config"])
    values.update({f"{PROJECT}:{k}": v for k, v in overrides.items()})
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}


def run_main(config: dict[str, str]) -> None:
    pulumi.runtime.set_all_config(config)

    def program() -> Any:
        # The program's module globals hold its component: resolving it awaits everything.
        return runpy.run_path(str(MAIN), run_name="__main__")["federation"]

    run_program(program)


def test_project_file_follows_pulumi_rules() -> None:
    project = project_file()
    assert project["name"] == PROJECT
    assert project["runtime"] == {"name": "python", "options": {"virtualenv": ".venv"}}
    assert project["description"]
    for key, spec in project["config"].items():
        # Keys of other namespaces may only carry a `value` (Pulumi's project validation).
        assert ":" not in key, key
        assert spec["type"] in ("string", "integer", "boolean", "array"), key
        assert spec["description"], key
        if spec["type"] == "array":
            assert spec["items"] == {"type": "string"}, key
            assert isinstance(spec.get("default", []), list), key
        elif "default" in spec:
            expected = {"string": str, "integer": int, "boolean": bool}[spec["type"]]
            assert type(spec["default"]) is expected, key


def test_program_reads_exactly_the_declared_settings() -> None:
    source = MAIN.read_text()
    used = set(re.findall(r'(?:text|strings|config\.get_bool|config\.get_int)\("(\w+)"\)', source))
    assert used == set(project_file()["config"])
    required = {k for k, spec in project_file()["config"].items() if "default" not in spec}
    assert required == {"callbackUrls"}


def test_dev_stack_builds_the_federation(cloud: FakeCloud) -> None:
    run_main(stack_config("Pulumi.dev.yaml"))
    component = cloud.one(COMPONENT)
    assert component.name == "cognito"
    assert cloud.one(REALM).plain["display_name"] == f"{PROJECT}-test"
    pool = cloud.one(USER_POOL)
    assert pool.plain["name"] == f"{PROJECT}-test"
    assert pool.plain["deletionProtection"] == "INACTIVE"
    assert not pool.protect
    assert cloud.one(DOMAIN).plain["domain"] == "bi-dev-local"
    client = cloud.one(CLIENT).plain
    assert client["callbackUrls"] == ["http://localhost:3000"]
    assert client["logoutUrls"] == ["http://localhost:3000/signed-out"]
    assert client["allowedOauthScopes"] == ["openid", "email", "profile"]
    # The dev stack points Beyond Identity at the emulator: so does the hosted-web origin.
    origins = cloud.one(AUTHENTICATOR).plain["config"]["trusted_origins"]
    assert origins == ["http://127.0.0.1:8787/authenticator/"]
    protocol = cloud.one(APPLICATION).plain["protocol_config"]
    assert protocol["redirect_uris"] == [
        "https://bi-dev-local.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
    ]
    assert protocol["token_configuration"] == {"expires_after": 86400, "subject_field": "email"}


def test_program_passes_optional_settings(cloud: FakeCloud) -> None:
    run_main(
        stack_config(
            "Pulumi.dev.yaml",
            realmId="0123456789abcdef",
            userPoolId="us-east-1_Existing1",
            allowedScopes=["aws:customclaim"],
            pkce="s256",
            tokenExpiresAfter=3600,
            allowCognitoLogin=True,
            authenticationMethods=["webauthn_passkey"],
        )
    )
    assert not cloud.of_type(REALM)
    assert not cloud.of_type(USER_POOL)
    protocol = cloud.one(APPLICATION).plain["protocol_config"]
    assert protocol["pkce"] == "s256"
    assert protocol["token_configuration"]["expires_after"] == 3600
    assert cloud.one(CLIENT).plain["supportedIdentityProviders"] == ["BeyondIdentity", "COGNITO"]


def test_program_reports_bad_settings_as_one_run_error(cloud: FakeCloud) -> None:
    config = stack_config(
        "Pulumi.dev.yaml", domainPrefix="aws-Login", callbackUrls=[], pkce="plain"
    )
    pulumi.runtime.set_all_config(config)
    with pytest.raises(CognitoFederationError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    assert {p.argument for p in caught.value.problems} == {"domain_prefix", "callback_urls", "pkce"}
    assert not cloud.log
