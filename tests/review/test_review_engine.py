"""Reviewed plans through the real engine, with the real stack program on the S3 backend.

1. Review the first deployment (creates), apply that plan: it goes through.
2. Review a rename of the Beyond Identity application and a new Cognito domain prefix: the summary
   shows the update with its property and the replacement with the property forcing it, and the
   policy results.
3. Change the application's name again after the review, then apply the reviewed plan: the engine
   refuses the step that differs, and the unreviewed name never reaches Beyond Identity.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import engine_env, pulumi_command, require_engine
from pulumi import automation as auto
from s3_backend import create_backend
from stack_harness import PROJECT, Deployment, base_config, program_dir

from beyondidentity_emulator import Emulator
from review_plan import render_markdown, run_apply, run_preview

pytestmark = pytest.mark.engine

POLICY_PACK = Path(__file__).resolve().parents[2] / "policy"


def _quiet(_line: str) -> None:
    """Engine output stays out of the test log."""


def test_reviewed_plan_is_applied_exactly(tmp_path: Path, emulator: Emulator, moto: str) -> None:
    backend = create_backend(moto)
    engine = require_engine()
    env = engine_env(tmp_path, engine)
    env.update(backend.env())
    stack = auto.create_stack(
        "review",
        work_dir=str(program_dir(tmp_path)),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
    stack.set_all_config(base_config(emulator, moto), path=True)
    deployment = Deployment(stack, emulator, moto, tmp_path)
    plan = tmp_path / "review" / "plan.json"

    # 1. The first deployment, reviewed then applied.
    first = run_preview(stack, plan, policy_packs=[POLICY_PACK])
    assert not first.blocked, render_markdown(first)
    assert {c.op for c in first.changes} == {"create"}
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
    app_id = deployment.outputs()["applicationId"]

    # 2. A change under review.
    deployment.set(f"{PROJECT}:applicationName", "AWS Cognito (renamed)")
    deployment.set(f"{PROJECT}:domainPrefix", "bi-e2e-moved")
    review = run_preview(stack, plan, policy_packs=[POLICY_PACK])
    summary = render_markdown(review)
    assert not review.blocked, summary
    ops = {(c.op, c.urn.rsplit("::", 1)[-1]): c.properties for c in review.changes}
    assert ops[("update", "cognito-application")] == [
        "display_name",
        "protocol_config.redirect_uris[0]",
    ], summary
    assert ops[("replace", "cognito-domain")][0] == "domain (forces replacement)", summary
    assert "| advisory | `beyond-identity-pkce` | `cognito-application` |" in summary
    assert f"sha256 `{review.plan_sha256}`" in summary
    (tmp_path / "summary.md").write_text(summary)

    # 3. Someone changes the name after the review: the apply refuses it.
    deployment.set(f"{PROJECT}:applicationName", "Not what was reviewed")
    with pytest.raises(auto.CommandError) as refused:
        run_apply(
            stack,
            plan,
            expect_sha256=review.plan_sha256,
            policy_packs=[POLICY_PACK],
            on_output=_quiet,
        )
    # The stack settings reach the engine as inputs of the dynamic providers' default provider,
    # so the refusal names the setting.
    assert "violates plan" in str(refused.value)
    assert "applicationName" in str(refused.value)
    with deployment.bi() as api:
        realm = deployment.outputs()["realmId"]
        app = api.get(f"/realms/{realm}/applications/{app_id}").json()
    assert app["display_name"] != "Not what was reviewed"
    assert backend.lock_keys() == []
