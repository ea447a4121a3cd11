"""Reviewed plans through the real engine, with the real stack program on the S3 backend.

1. Review the first deployment (creates), apply that plan: it goes through.
2. Review a rename of the Beyond Identity application and a new Cognito domain prefix with the
   command line (``review_plan.py preview``): the summary shows the update with its properties,
   the replacement with the property forcing it, and the policy results.
3. Change the application's name again after the review, then ``review_plan.py apply`` the
   reviewed plan: the engine refuses the step that differs, and the unreviewed name never reaches
   Beyond Identity.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.engine_support import engine_env, pulumi_command, require_engine
from helpers.s3_backend import create_backend
from helpers.stack_harness import PROJECT, Deployment, base_config, program_dir
from pulumi import automation as auto

from beyondidentity_emulator import Emulator
from review_plan import main, render_markdown, run_apply, run_preview

pytestmark = pytest.mark.engine

POLICY_PACK = Path(__file__).resolve().parents[3] / "policy"


def _quiet(_line: str) -> None:
    """Engine output stays out of the test log."""


def review_stack(
    tmp_path: Path, emulator: Emulator, moto: str, env: dict[str, str]
) -> tuple[auto.Stack, Deployment]:
    """The real program's stack "review" with the base settings, on the given environment."""
    engine = require_engine()
    stack = auto.create_stack(
        "review",
        work_dir=str(program_dir(tmp_path)),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
    stack.set_all_config(base_config(emulator, moto), path=True)
    return stack, Deployment(stack, emulator, moto, tmp_path)


def review_and_apply_first_deployment(stack: auto.Stack, plan: Path) -> None:
    """The first deployment (creates only), reviewed then applied."""
    first = run_preview(stack, plan, policy_packs=[POLICY_PACK])
    assert not first.blocked, render_markdown(first)
    assert {c.op for c in first.changes} == {"create"}
    # The summary counts what `pulumi preview` counts: the engine's own summary.
    assert first.counts() == first.engine_counts == {"create": 11}
    assert "**Plan**: 11 to create, 0 unchanged." in render_markdown(first)
    assert (
        run_apply(
            stack,
            plan,
            expect_sha256=first.plan_sha256,
            policy_packs=[POLICY_PACK],
            on_output=_quiet,
        ).summary.result
        == "succeeded"
    )


def review_on_the_command_line(
    common: list[str], summary_file: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    """``review_plan.py preview`` as CI runs it; returns the reviewed plan's sha256."""
    assert main(["preview", *common, "--summary", str(summary_file)]) == 0, capsys.readouterr()
    summary = summary_file.read_text()
    # `pulumi preview`'s counts: the default provider's update is listed, not counted.
    assert "**Plan**: 1 to update, 1 to replace, 9 unchanged." in summary
    assert "**Note**" not in summary  # the engine's summary counted the same
    assert "| update | `default` (not counted) | `pulumi:providers:pulumi-python` |" in summary
    assert (
        "| update | `cognito-application` | `pulumi-python:dynamic/beyondidentity:Application` "
        "| display_name, protocol_config.redirect_uris[0] |" in summary
    )
    assert "| replace | `cognito-domain` | `aws:cognito/userPoolDomain:UserPoolDomain` " in summary
    assert "| domain (forces replacement) |" in summary
    assert "| advisory | `beyond-identity-pkce` | `cognito-application` |" in summary
    sha = re.search(r"sha256 `([0-9a-f]{64})`", summary)
    assert sha is not None, summary
    capsys.readouterr()
    return sha[1]


def test_reviewed_plan_is_applied_exactly(
    tmp_path: Path,
    emulator: Emulator,
    moto: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backend = create_backend(moto)
    env = engine_env(tmp_path, require_engine())
    env.update(backend.env())
    stack, deployment = review_stack(tmp_path, emulator, moto, env)
    plan = tmp_path / "review" / "plan.json"

    # 1. The first deployment, reviewed then applied.
    review_and_apply_first_deployment(stack, plan)
    app_id = deployment.outputs()["applicationId"]

    # 2. A change under review, through the command line as CI runs it.
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    deployment.set(f"{PROJECT}:applicationName", "AWS Cognito (renamed)")
    deployment.set(f"{PROJECT}:domainPrefix", "bi-e2e-moved")
    work_dir = stack.workspace.work_dir
    common = ["--stack", "review", "--cwd", str(work_dir), "--plan", str(plan)]
    sha = review_on_the_command_line(common, tmp_path / "review" / "summary.md", capsys)

    # 3. Someone changes the name after the review: the apply refuses it.
    deployment.set(f"{PROJECT}:applicationName", "Not what was reviewed")
    assert main(["apply", *common, "--expect-sha256", sha]) == 1
    refused = capsys.readouterr().err
    # The stack settings reach the engine as inputs of the dynamic providers' default provider,
    # so the refusal names the setting.
    assert "the plan was not applied" in refused
    assert "violates plan" in refused, refused
    assert "applicationName" in refused
    with deployment.bi() as api:
        realm = deployment.outputs()["realmId"]
        app = api.get(f"/realms/{realm}/applications/{app_id}").json()
    assert app["display_name"] == "AWS Cognito"
    assert backend.lock_keys() == []
