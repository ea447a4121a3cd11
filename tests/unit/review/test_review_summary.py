"""The review summary, built from engine events the way a preview delivers them (no engine)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi import automation as auto

from review_plan import EventCollector, Review, input_changes, main, render_markdown, run_apply

URN = "urn:pulumi:dev::beyondidentity-cognito::beyondidentity:index:CognitoFederation${}::{}"


def step(op: str, kind: str, name: str, **meta: Any) -> auto.EngineEvent:
    data = {
        "op": op,
        "urn": URN.format(kind, name),
        "type": kind,
        "provider": "",
        **meta,
    }
    return auto.EngineEvent.from_json(
        {"sequence": 1, "timestamp": 0, "resourcePreEvent": {"metadata": data}}
    )


def policy(level: str, name: str, resource: str, message: str) -> auto.EngineEvent:
    return auto.EngineEvent.from_json(
        {
            "sequence": 2,
            "timestamp": 0,
            "policyEvent": {
                "message": message,
                "color": "never",
                "policyName": name,
                "policyPackName": "beyondidentity-cognito",
                "policyPackVersion": "0.1.0",
                "policyPackVersionTag": "0.1.0",
                "enforcementLevel": level,
                "resourceUrn": URN.format("t", resource),
            },
        }
    )


def collect(*events: auto.EngineEvent) -> Review:
    collector = EventCollector("dev")
    for event in events:
        collector(event)
    return collector.review


def test_summary_lists_changes_with_their_properties_and_policies() -> None:
    review = collect(
        step("same", "pulumi:pulumi:Stack", "beyondidentity-cognito-dev"),
        step("same", "aws:cognito/userPool:UserPool", "cognito-user-pool"),
        # Default providers: listed, never counted (as `pulumi preview` counts).
        step("same", "pulumi:providers:aws", "default_7_1_0"),
        step(
            "update",
            "pulumi:providers:pulumi-python",
            "default",
            diffs=["beyondidentity-cognito:applicationName"],
        ),
        step(
            "update",
            "pulumi-python:dynamic/beyondidentity:Application",
            "cognito-application",
            diffs=["display_name"],
            detailedDiff={"display_name": {"diffKind": "update", "inputDiff": True}},
        ),
        step(
            "replace",
            "aws:cognito/userPoolDomain:UserPoolDomain",
            "cognito-domain",
            keys=["domain"],
            detailedDiff={
                "domain": {"diffKind": "update-replace", "inputDiff": True},
                "tags": {"diffKind": "add", "inputDiff": True},
            },
        ),
        step("create-replacement", "aws:cognito/userPoolDomain:UserPoolDomain", "cognito-domain"),
        step("create", "aws:cognito/userPoolClient:UserPoolClient", "extra|client"),
        step("delete", "aws:cognito/userPoolClient:UserPoolClient", "old-client"),
        policy(
            "advisory",
            "beyond-identity-pkce",
            "cognito-application",
            "pkce is 'disabled'. Fix: s256",
        ),
    )
    text = render_markdown(review)
    # The stack counts as unchanged, as in `pulumi preview`'s "2 unchanged".
    assert "**Plan**: 1 to create, 1 to update, 1 to replace, 1 to delete, 2 unchanged." in text
    assert (
        "| update | `default` (not counted) | `pulumi:providers:pulumi-python` "
        "| beyondidentity-cognito:applicationName |" in text
    )
    assert "Pulumi's default providers (`default...`) are listed but not counted" in text
    assert "**Note**" not in text  # no engine summary to compare with
    assert "**Policies**: 0 mandatory violation(s), 1 advisory note(s)." in text
    assert (
        "| update | `cognito-application` | `pulumi-python:dynamic/beyondidentity:Application` "
        "| display_name |" in text
    )
    assert "| replace | `cognito-domain` |" in text
    assert "domain (forces replacement), tags |" in text
    assert "`extra\\|client`" in text  # table-safe
    assert (
        "| advisory | `beyond-identity-pkce` | `cognito-application` | pkce is 'disabled'. Fix: s256 |"
        in text
    )
    assert "Blocked" not in text
    assert not review.blocked


def test_counts_that_differ_from_the_engines_are_said() -> None:
    review = collect(step("same", "pulumi:pulumi:Stack", "s"), step("create", "t:m:T", "r"))
    review.engine_counts = {"create": 1, "same": 1}
    assert "**Note**" not in render_markdown(review)
    review.engine_counts = {"create": 2, "same": 1}
    assert (
        "**Note**: the engine's own summary (`pulumi preview`) counted 2 to create, 1 unchanged."
        in render_markdown(review)
    )


def test_a_mandatory_violation_blocks_the_review() -> None:
    review = collect(
        step("create", "aws:cognito/userPool:UserPool", "pool"),
        policy("mandatory", "local-user-mfa", "pool", "mfaConfiguration is OFF. Fix: OPTIONAL"),
    )
    assert review.blocked
    text = render_markdown(review)
    assert "**Blocked**" in text
    assert "| mandatory | `local-user-mfa` | `pool` |" in text
    assert "up --plan" not in text


def test_replace_without_a_detailed_diff_names_the_replace_keys() -> None:
    review = collect(step("replace", "t:m:T", "r", keys=["b", "a"]))
    assert review.changes[0].properties == ["a (forces replacement)", "b (forces replacement)"]


def test_apply_refuses_a_missing_or_different_plan_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    stack: Any = object()  # never reached: the checks come first
    with pytest.raises(FileNotFoundError, match=r"review_plan\.py preview"):
        run_apply(stack, plan)
    plan.write_text("{}")
    with pytest.raises(ValueError, match="not the one reviewed"):
        run_apply(stack, plan, expect_sha256="00" * 32)


def test_cli_without_a_pulumi_cli_says_so_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["apply", "--stack", "nope", "--cwd", str(tmp_path)]) == 2
    assert "the Pulumi CLI is not on PATH" in capsys.readouterr().err


def test_dynamic_resources_show_the_input_paths_that_change() -> None:
    old = {"display_name": "a", "protocol_config": {"redirect_uris": ["x", "y"], "pkce": "s256"}}
    new = {"display_name": "b", "protocol_config": {"redirect_uris": ["x", "z"], "pkce": "s256"}}
    review = collect(
        step(
            "update",
            "pulumi-python:dynamic/beyondidentity:Application",
            "app",
            old={"type": "t", "urn": "u", "inputs": old},
            new={"type": "t", "urn": "u", "inputs": new},
        )
    )
    assert review.changes[0].properties == ["display_name", "protocol_config.redirect_uris[1]"]
    assert input_changes({"a": [1]}, {"a": [1, 2], "b": 1}) == ["a", "b"]
    assert input_changes({"a": 1}, {"a": 1}) == []
