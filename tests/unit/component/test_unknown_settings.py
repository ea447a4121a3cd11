"""Misspelled stack settings fail before anything is registered, naming the closest setting.

Under Pulumi mocks, with the config handed over as the engine hands it (``set_all_config``, or
the ``PULUMI_CONFIG`` variable the language host sets).
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pulumi
import pytest
from helpers.cognito_mocks import FakeCloud

from beyondidentity_cognito import (
    STACK_SETTINGS,
    UnknownSettingsError,
    args_from_config,
    stack_config_keys,
    unknown_setting_problems,
)
from pulumi_beyondidentity import CONFIG_KEYS

MAIN = Path(__file__).resolve().parents[3] / "__main__.py"
PROJECT = "beyondidentity-cognito"
DEV = {
    "beyondidentity:tenantId": "000176d94fd7b4d1",
    "beyondidentity:apiUrl": "http://127.0.0.1:8787",
    "aws:region": "us-east-1",
    f"{PROJECT}:domainPrefix": "bi-dev-local",
    f"{PROJECT}:callbackUrls": json.dumps(["http://localhost:3000"]),
}


def program_error(config: dict[str, str]) -> UnknownSettingsError:
    """Runs ``__main__.py`` with ``config``; it must fail on unknown settings."""
    pulumi.runtime.set_all_config(config)
    with pytest.raises(UnknownSettingsError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    return caught.value


@pytest.mark.parametrize(
    ("key", "line"),
    [
        (
            f"{PROJECT}:domainPrefx",
            "domainPrefx: not a setting of this stack; did you mean domainPrefix?",
        ),
        (
            f"{PROJECT}:tokenExpiresAftr",
            "tokenExpiresAftr: not a setting of this stack; did you mean tokenExpiresAfter?",
        ),
        (
            f"{PROJECT}:DomainPrefix",
            "DomainPrefix: not a setting of this stack; did you mean domainPrefix?",
        ),
        (
            "beyondidentity:apiTokn",
            "beyondidentity:apiTokn: not a setting of this stack; "
            "did you mean beyondidentity:apiToken?",
        ),
        (
            "beyondidentity:tenantID",
            "beyondidentity:tenantID: not a setting of this stack; "
            "did you mean beyondidentity:tenantId?",
        ),
    ],
)
def test_a_typo_fails_the_program_with_the_closest_setting(
    cloud: FakeCloud, key: str, line: str
) -> None:
    error = program_error({**DEV, key: "oops-typo"})
    assert str(error) == line
    assert not cloud.log  # nothing registered, not even the component


def test_keys_close_to_nothing_say_how_to_remove_them(cloud: FakeCloud) -> None:
    error = program_error({**DEV, f"{PROJECT}:flavour": "x", "beyondidentity:zzz": "y"})
    assert str(error).splitlines() == [
        "flavour: not a setting of this stack; `pulumi config rm flavour` removes it",
        "beyondidentity:zzz: not a setting of this stack; the Beyond Identity providers read "
        + ", ".join(sorted(k.partition(":")[2] for k in CONFIG_KEYS)),
    ]
    assert [p.argument for p in error.problems] == ["flavour", "beyondidentity:zzz"]


def test_every_known_key_and_other_namespaces_pass(cloud: FakeCloud) -> None:
    config = {f"{PROJECT}:{s.key}": "" for s in STACK_SETTINGS}
    config.update({key: "" for key in CONFIG_KEYS})
    config.update({"aws:endpoints": "[]", "other-project:domainPrefx": "x"})
    pulumi.runtime.set_all_config(config)
    assert unknown_setting_problems(PROJECT, {s.key for s in STACK_SETTINGS}) == []


def test_the_engines_config_variable_is_judged_too(
    cloud: FakeCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A language host that hands the config over only as PULUMI_CONFIG (upstream's does).
    pulumi.runtime.set_all_config({})
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({**DEV, f"{PROJECT}:pkc": "s256"}))
    assert f"{PROJECT}:pkc" in stack_config_keys()
    with pytest.raises(UnknownSettingsError, match=r"^pkc: .*did you mean pkce\?$"):
        args_from_config()


def test_a_consumer_declares_its_own_settings(cloud: FakeCloud) -> None:
    pulumi.runtime.set_all_config(
        {**DEV, f"{PROJECT}:environment": "staging", f"{PROJECT}:domainPrefx": "x"}
    )
    with pytest.raises(UnknownSettingsError) as caught:
        args_from_config(own_settings=["environment"])
    assert [p.argument for p in caught.value.problems] == ["domainPrefx"]


def test_a_namespace_of_its_own_leaves_the_projects_keys_alone(cloud: FakeCloud) -> None:
    # The component's settings under `login:`; the project's namespace is the program's own.
    pulumi.runtime.set_all_config(
        {
            f"{PROJECT}:environment": "staging",
            "login:domainPrefix": "my-login",
            "login:callbackUrls": json.dumps(["https://app.example.com/callback"]),
        }
    )
    args = args_from_config(pulumi.Config("login"))
    assert args.domain_prefix == "my-login"
    pulumi.runtime.set_all_config({"login:calbackUrls": "[]"})
    with pytest.raises(UnknownSettingsError) as caught:
        args_from_config(pulumi.Config("login"))
    assert str(caught.value) == (
        "login:calbackUrls: not a setting of this stack; did you mean login:callbackUrls?"
    )


def test_a_subset_of_settings_makes_the_others_unknown(cloud: FakeCloud) -> None:
    subset = tuple(s for s in STACK_SETTINGS if s.key in ("domainPrefix", "callbackUrls"))
    pulumi.runtime.set_all_config({**DEV, f"{PROJECT}:pkce": "s256"})
    with pytest.raises(UnknownSettingsError, match=r"^pkce: not a setting of this stack"):
        args_from_config(settings=subset)
