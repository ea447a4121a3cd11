"""The policy pack in the real engine: `pulumi preview --policy-pack policy`.

* A small program (programs/violations) whose resources each break one rule (the ``ok-*`` ones
  none), on a stack tagged production: the preview reports exactly the expected violations, each
  on its resource, and the mandatory ones fail it. (A preview analyzes every resource and fails at
  the end; ``pulumi up`` stops before the first resource that violates a mandatory rule.)
* The same program with a policy config file (``--policy-pack-config``): every rule advisory,
  one off, caps raised: the preview reports exactly the remaining violations and succeeds.
* The real stack program with the dev settings: the preview passes with one advisory note (PKCE
  disabled, as in the guide), though its pool is unprotected, because dev is not production.

Engine runs: three previews; nothing is deployed.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers.engine_support import REPO_ROOT, engine_env, pulumi_command, require_engine
from helpers.stack_harness import new_deployment
from pulumi import automation as auto

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

POLICY_PACK = REPO_ROOT / "policy"
VIOLATIONS = Path(__file__).resolve().parent / "programs" / "violations"

M, A = "mandatory", "advisory"
EXPECTED = Counter(
    {
        ("redirect-urls-https", "client-http-callback", M): 1,
        ("public-client-pkce", "client-implicit", M): 1,
        ("public-client-pkce", "app-public-plain-pkce", M): 1,
        ("production-no-password-sign-in", "client-password", M): 1,
        ("cognito-token-validity", "client-long-tokens", M): 1,
        ("production-user-pool-protection", "pool-unprotected", M): 2,
        ("local-user-mfa", "pool-no-mfa", M): 1,
        ("identity-provider-issuer", "idp-foreign-issuer", M): 1,
        ("client-secret-as-secret", "idp-plain-secret", M): 1,
        ("beyond-identity-token-lifetime", "app-long-tokens", M): 1,
        ("beyond-identity-pkce", "app-public-plain-pkce", A): 1,
        ("beyond-identity-pkce", "app-pkce-disabled", A): 1,
    }
)


class Events:
    """Policy events and errors of one engine run."""

    def __init__(self) -> None:
        self.violations: Counter[tuple[str, str, str]] = Counter()
        self.messages: list[str] = []

    def __call__(self, event: auto.EngineEvent) -> None:
        policy = event.policy_event
        if policy is not None:
            assert policy.policy_pack_name == "beyondidentity-cognito"
            name = (policy.resource_urn or "").rsplit("::", 1)[-1]
            self.violations[(policy.policy_name, name, policy.enforcement_level)] += 1
            self.messages.append(policy.message)


def _quiet(_line: str) -> None:
    """Engine output stays out of the test log."""


def _violations_stack(tmp_path: Path, moto_url: str, emulator: Emulator) -> auto.Stack:
    """The violations program on a production-tagged stack; the providers check their
    credentials against the emulator at preview."""
    engine = require_engine()
    program = tmp_path / "violations"
    program.mkdir()
    shutil.copy(VIOLATIONS / "__main__.py", program / "__main__.py")
    options = {"virtualenv": sys.prefix} if sys.prefix != sys.base_prefix else {}
    (program / "Pulumi.yaml").write_text(
        json.dumps({"name": "policy-violations", "runtime": {"name": "python", "options": options}})
    )
    env = engine_env(tmp_path, engine)
    stack = auto.create_stack(
        "prod",
        work_dir=str(program),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
    stack.set_all_config(
        {
            "aws:region": auto.ConfigValue("us-east-1"),
            "aws:endpoints[0].cognitoidp": auto.ConfigValue(moto_url),
            "aws:accessKey": auto.ConfigValue("test"),
            "aws:secretKey": auto.ConfigValue("test", secret=True),
            "beyondidentity:tenantId": auto.ConfigValue(emulator.tenant_id),
            "beyondidentity:apiToken": auto.ConfigValue(emulator.api_token, secret=True),
            "beyondidentity:apiUrl": auto.ConfigValue(emulator.url),
            "beyondidentity:authUrl": auto.ConfigValue(emulator.url),
        },
        path=True,
    )
    stack.set_tag("environment", "production")
    return stack


def _preview(stack: auto.Stack, **kwargs: Any) -> tuple[Events, auto.CommandError | None]:
    events = Events()
    try:
        stack.preview(
            policy_packs=[str(POLICY_PACK)],
            on_event=events,
            on_output=_quiet,
            color="never",
            **kwargs,
        )
    except auto.CommandError as e:
        return events, e
    return events, None


def test_each_rule_reports_exactly_its_violation(
    tmp_path: Path, moto_url: str, emulator: Emulator
) -> None:
    stack = _violations_stack(tmp_path, moto_url, emulator)
    events, error = _preview(stack)
    # The engine analyzes every resource of a preview and reports each violation.
    assert events.violations == EXPECTED, "\n".join(events.messages)
    # Mandatory violations fail the preview.
    assert error is not None
    for message in events.messages:
        # Every message names its resource, the setting and the fix; no secret value leaks.
        assert any(f"'{name}'" in message for _, name, _ in EXPECTED), message
        assert "Fix:" in message, message
        assert "bi-secret" not in message, message
    assert any("'client-http-callback'" in m and "callbackUrls[0]" in m for m in events.messages)


def test_policy_config_file_tunes_levels_and_caps(
    tmp_path: Path, moto_url: str, emulator: Emulator
) -> None:
    """All rules advisory (so the preview runs to the end and reports every violation), one rule
    off, one cap raised, password sign-in allowed."""
    stack = _violations_stack(tmp_path, moto_url, emulator)
    config = tmp_path / "policy-config.json"
    config.write_text(
        json.dumps(
            {
                "all": "advisory",
                "local-user-mfa": "disabled",
                "cognito-token-validity": {"maxAccessTokenMinutes": 720},
                "production-no-password-sign-in": {"allowPasswordSignIn": True},
            }
        )
    )
    events, error = _preview(stack, policy_pack_configs=[str(config)])
    expected = Counter(
        {
            (policy, name, A): n
            for (policy, name, _), n in EXPECTED.items()
            if name not in ("pool-no-mfa", "client-long-tokens", "client-password")
        }
    )
    assert events.violations == expected, "\n".join(events.messages)
    assert error is None, str(error)


def test_dev_stack_passes_with_advisory_notes_only(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    deployment = new_deployment(tmp_path, emulator, moto)
    events, error = _preview(deployment.stack)
    assert error is None, str(error)
    assert events.violations == Counter({("beyond-identity-pkce", "cognito-application", A): 1})
