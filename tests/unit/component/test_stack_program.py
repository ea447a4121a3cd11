"""The stack program (``__main__.py``) and its settings files (``Pulumi.yaml``, ``Pulumi.dev.yaml``)."""

from __future__ import annotations

import base64
import dataclasses
import json
import runpy
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml
from helpers.cognito_mocks import (
    APPLICATION,
    AUTHENTICATOR,
    BRANDING,
    CLIENT,
    COMPONENT,
    DOMAIN,
    IDENTITY_PROVIDER,
    REALM,
    USER_POOL,
    FakeCloud,
    run_program,
)

from beyondidentity_cognito import (
    STACK_SETTINGS,
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    StackSetting,
    Violation,
    args_from_config,
)

ROOT = Path(__file__).resolve().parents[3]
PROJECT = "beyondidentity-cognito"
MAIN = ROOT / "__main__.py"
ARG_FIELDS = {f.name: f for f in dataclasses.fields(CognitoFederationArgs)}


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
        assert spec["type"] in ("string", "integer", "boolean", "array", "object"), key
        assert spec["description"], key
        if spec["type"] == "array":
            assert spec["items"] in ({"type": "string"}, {"type": "object"}), key
            assert isinstance(spec.get("default", []), list), key
        elif "default" in spec:
            expected = {"string": str, "integer": int, "boolean": bool, "object": dict}
            assert type(spec["default"]) is expected[spec["type"]], key


def test_program_reads_exactly_the_declared_settings() -> None:
    declared = project_file()["config"]
    assert [s.key for s in STACK_SETTINGS] == list(declared)
    for setting in STACK_SETTINGS:
        assert setting.kind == declared[setting.key]["type"], setting.key
        assert setting.argument in ARG_FIELDS, setting.argument
    required = {k for k, spec in declared.items() if "default" not in spec}
    assert required == {"callbackUrls"}
    assert ARG_FIELDS["callback_urls"].default is dataclasses.MISSING


@pytest.mark.parametrize("setting", STACK_SETTINGS, ids=lambda s: s.key)
def test_pulumi_yaml_shows_the_component_defaults(setting: StackSetting) -> None:
    """One source of defaults: Pulumi.yaml's default is the component's, or "not set"."""
    spec = project_file()["config"][setting.key]
    field = ARG_FIELDS[setting.argument]
    if "default" not in spec:
        return  # required (checked above)
    shown = spec["default"]
    component = field.default
    if shown in ("", [], {}):
        # "Not set": the program passes nothing and the component derives the value.
        assert component is None or component == (), (setting.key, component)
    else:
        assert shown == (list(component) if isinstance(component, tuple) else component), (
            setting.key
        )


def test_dev_stack_changes_only_its_own_settings(cloud: FakeCloud) -> None:
    pulumi.runtime.set_all_config(stack_config("Pulumi.dev.yaml"))
    args = args_from_config()

    def plain(value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    # The engine hands the program Pulumi.yaml's defaults too: they equal the component's.
    passed = {
        f.name
        for f in dataclasses.fields(CognitoFederationArgs)
        if plain(getattr(args, f.name)) != plain(f.default)
    }
    assert passed == {
        "domain_prefix",
        "callback_urls",
        "logout_urls",
        "deletion_protection",
        "protect_user_pool",
        "managed_login_version",
    }


def test_dev_stack_builds_the_federation(cloud: FakeCloud) -> None:
    run_main(stack_config("Pulumi.dev.yaml"))
    component = cloud.one(COMPONENT)
    assert component.name == "cognito"
    # Unique per project and stack: <project>-<stack>-<component>.
    assert cloud.one(REALM).plain["display_name"] == f"{PROJECT}-test-cognito"
    pool = cloud.one(USER_POOL)
    assert pool.plain["name"] == f"{PROJECT}-test-cognito"
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
    # In the user's words: the stack settings, not the component's Python arguments.
    assert {p.argument for p in caught.value.problems} == {"domainPrefix", "callbackUrls", "pkce"}
    message = str(caught.value)
    assert "CognitoFederation 'cognito' has 3 invalid settings" in message
    assert "_" not in message.split("nothing was created:")[1].replace("'aws-Login'", "")
    assert not cloud.log


def test_rules_mentioning_other_arguments_use_setting_names(cloud: FakeCloud) -> None:
    config = stack_config("Pulumi.dev.yaml", domainPrefix="", allowedScopes=["other"])
    pulumi.runtime.set_all_config(config)
    with pytest.raises(CognitoFederationError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    rules = {p.argument: p.rule for p in caught.value.problems}
    assert rules["domainPrefix"] == "is required (or set customDomain with certificateArn)"
    assert rules["allowedScopes[0]"].startswith("must be one of resourceServerScopes (")


@pytest.mark.parametrize(
    ("overrides", "setting", "found"),
    [
        # Invalid numbers are reported, never replaced by the default.
        ({"tokenExpiresAfter": 0}, "tokenExpiresAfter", "got 0"),
        ({"tokenExpiresAfter": -5}, "tokenExpiresAfter", "got -5"),
        ({"tokenExpiresAfter": "1h"}, "tokenExpiresAfter", "got '1h'"),
        ({"protectUserPool": "yes"}, "protectUserPool", "got 'yes'"),
        ({"callbackUrls": "http://localhost:3000"}, "callbackUrls", "got 'http://localhost:3000'"),
        ({"attributeMapping": "email=sub"}, "attributeMapping", "got 'email=sub'"),
        ({"enableTokenRevocation": "yes"}, "enableTokenRevocation", "must be true or false"),
        ({"managedLoginVersion": "two"}, "managedLoginVersion", "got 'two'"),
    ],
)
# Pulumi's own config validation rejects these first where Pulumi.yaml declares the type (as
# this project does: tests/engine/component); a project that declares none hands them on.
def test_mistyped_settings_are_reported_by_name(
    cloud: FakeCloud, overrides: dict[str, Any], setting: str, found: str
) -> None:
    config = stack_config("Pulumi.dev.yaml")
    for key, value in overrides.items():
        # As the CLI hands them over: strings stay as typed, numbers as JSON.
        config[f"{PROJECT}:{key}"] = value if isinstance(value, str) else json.dumps(value)
    pulumi.runtime.set_all_config(config)
    with pytest.raises(CognitoFederationError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    (problem,) = caught.value.problems
    assert problem.argument == setting
    assert found in problem.rule
    assert not cloud.log


def test_direct_component_users_see_argument_names(cloud: FakeCloud) -> None:
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("direct", CognitoFederationArgs(callback_urls=[], token_expires_after=0))
    assert {p.argument for p in caught.value.problems} == {
        "domain_prefix",
        "callback_urls",
        "token_expires_after",
    }
    assert "has 3 invalid arguments" in str(caught.value)


def test_the_value_found_is_shown_as_written(cloud: FakeCloud) -> None:
    """Messages are written with the setting names from the start: a value that spells an
    argument name is never renamed."""
    config = stack_config("Pulumi.dev.yaml", allowedScopes=["resource_server_scopes"])
    pulumi.runtime.set_all_config(config)
    with pytest.raises(CognitoFederationError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    (problem,) = caught.value.problems
    assert problem == Violation(
        "allowedScopes[0]",
        "must be one of resourceServerScopes (aws:customclaim); got 'resource_server_scopes'",
        "allowed_scopes",
    )


def test_program_passes_the_operations_settings(cloud: FakeCloud, tmp_path: Path) -> None:
    settings_file = tmp_path / "branding.json"
    settings_file.write_text(json.dumps({"categories": {"global": {"colorSchemeMode": "DARK"}}}))
    logo = tmp_path / "logo.PNG"
    logo.write_bytes(b"\x89PNG-logo")
    run_main(
        stack_config(
            "Pulumi.dev.yaml",
            attributeMapping={"email": "email", "email_verified": "email_verified"},
            idpIdentifiers=["example.com"],
            accessTokenValidity=30,
            accessTokenValidityUnit="minutes",
            refreshTokenRotation=True,
            refreshTokenRotationGracePeriod=0,
            managedLoginBrandingSettings=str(settings_file),
            managedLoginBrandingAssets=[
                {"category": "PAGE_HEADER_LOGO", "colorMode": "LIGHT", "file": str(logo)}
            ],
            clientSecretRotation="2026-12",
        )
    )
    idp = cloud.one(IDENTITY_PROVIDER).plain
    assert idp["attributeMapping"] == {"email": "email", "email_verified": "email_verified"}
    assert idp["idpIdentifiers"] == ["example.com"]
    client = cloud.one(CLIENT).plain
    assert client["accessTokenValidity"] == 30
    assert client["tokenValidityUnits"]["accessToken"] == "minutes"
    assert client["refreshTokenRotation"] == {"feature": "ENABLED", "retryGracePeriodSeconds": 0}
    branding = cloud.one(BRANDING).plain
    assert json.loads(branding["settings"]) == json.loads(settings_file.read_text())
    assert branding["assets"] == [
        {
            "category": "PAGE_HEADER_LOGO",
            "colorMode": "LIGHT",
            "extension": "PNG",
            "bytes": base64.b64encode(b"\x89PNG-logo").decode(),
        }
    ]
    assert cloud.one(APPLICATION).plain["display_name"] == "AWS Cognito (2026-12)"


def test_program_names_the_setting_of_an_unreadable_file(cloud: FakeCloud, tmp_path: Path) -> None:
    pulumi.runtime.set_all_config(
        stack_config("Pulumi.dev.yaml", managedLoginBrandingSettings=str(tmp_path / "none.json"))
    )
    with pytest.raises(pulumi.RunError, match="managedLoginBrandingSettings: cannot read"):
        runpy.run_path(str(MAIN), run_name="__main__")
    assert not cloud.log


def test_option_problems_are_named_by_setting(cloud: FakeCloud) -> None:
    config = stack_config(
        "Pulumi.dev.yaml",
        accessTokenValidity=2,
        accessTokenValidityUnit="days",
        refreshTokenRotationGracePeriod=5,
        managedLoginVersion=1,
        hostedZoneId="Z1",
    )
    pulumi.runtime.set_all_config(config)
    with pytest.raises(CognitoFederationError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    rules = {p.argument: p.rule for p in caught.value.problems}
    assert rules == {
        "accessTokenValidity": "must be from 5 minutes to 1 day; got 2 days",
        "refreshTokenRotationGracePeriod": (
            "applies only with refreshTokenRotation; enable it or remove the grace period"
        ),
        "hostedZoneId": "applies only to customDomain; set customDomain or remove it",
    }


def test_mapping_advice_names_the_setting(
    cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *a, **k: warnings.append(message))
    run_main(stack_config("Pulumi.dev.yaml", attributeMapping={"email": "sub", "username": "sub"}))
    assert len(warnings) == 1
    assert warnings[0].startswith("attributeMapping maps email but not email_verified")
