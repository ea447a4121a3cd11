"""A YAML program (``runtime: yaml``) through the real engine and the YAML language host.

``make engine`` builds ``pulumi-language-yaml`` from the served ``github.com/pulumi/pulumi-yaml``
module (``engine/yaml/go.mod``). The program declares ``poolkit:index:Pool``, the component of the
throwaway ``poolkit`` plugin package beside this file (named under ``packages:``, as
``pulumi package add`` writes it); the component's user pool goes through the AWS stand-in plugin
into moto. Checked: preview, up (the pool in moto with the program's tags, the component's outputs
as stack outputs), a setting change planned and applied as exactly one in-place update, an empty
second preview, destroy leaving moto empty.

A YAML program cannot declare ``aws:cognito:UserPool`` itself here: the YAML host type-checks
every resource against the provider's schema, and the stand-in's schema lists no resources.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.aws import moto_client
from helpers.engine_support import engine_env, pulumi_command, require_engine
from helpers.language_support import REGION, copy_poolkit, standin_config
from pulumi import automation as auto

pytestmark = pytest.mark.engine

# JSON is YAML: the program is written with json.dumps, so no quoting can go wrong.
PROGRAM: dict[str, Any] = {
    "name": "yaml-host-engine",
    "runtime": "yaml",
    "config": {"environment": {"type": "string", "default": "dev"}},
    "resources": {
        "pool": {
            "type": "poolkit:index:Pool",
            "properties": {"poolName": "yaml-pool", "environment": "${environment}"},
        }
    },
    "outputs": {"poolId": "${pool.poolId}", "poolArn": "${pool.arn}"},
}


def require_yaml_host(engine: Path) -> None:
    """Fail (not skip) when the engine directory lacks the YAML host: `make engine` builds it."""
    host = engine / "pulumi-language-yaml"
    assert host.is_file(), f"{host} is missing: run `make engine` (it builds the YAML host)"


def yaml_stack(tmp_path: Path, moto_url: str) -> auto.Stack:
    engine = require_engine()
    require_yaml_host(engine)
    plugin = copy_poolkit(tmp_path)
    program = tmp_path / "program"
    program.mkdir()
    (program / "Pulumi.yaml").write_text(
        json.dumps({**PROGRAM, "packages": {"poolkit": str(plugin)}}), encoding="utf-8"
    )
    env = engine_env(tmp_path, engine)
    stack = auto.create_or_select_stack(
        "dev",
        work_dir=str(program),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
    stack.set_all_config(standin_config(moto_url), path=True)
    return stack


def pool_tags(cognito: Any, pool_id: str) -> dict[str, str]:
    tags: dict[str, str] = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"][
        "UserPoolTags"
    ]
    return tags


def test_yaml_program_lifecycle(moto: str, tmp_path: Path) -> None:
    stack = yaml_stack(tmp_path, moto)
    cognito = moto_client("cognito-idp", moto, REGION)

    preview = stack.preview(color="never")
    # the stack, the component and its pool (providers are not counted)
    assert preview.change_summary == {auto.OpType.CREATE: 3}
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []

    up = stack.up(color="never")
    assert up.summary.result == "succeeded"
    assert up.summary.resource_changes == {"create": 3}
    pool_id = up.outputs["poolId"].value
    assert up.outputs["poolArn"].value == (
        f"arn:aws:cognito-idp:{REGION}:123456789012:userpool/{pool_id}"
    )
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Name"] == "yaml-pool"
    assert pool_tags(cognito, pool_id) == {"project": "poolkit", "environment": "dev"}
    stack.preview(color="never", expect_no_changes=True)

    stack.set_config("environment", auto.ConfigValue("staging"))
    preview = stack.preview(color="never")
    assert preview.change_summary == {auto.OpType.UPDATE: 1, auto.OpType.SAME: 2}
    up = stack.up(color="never")
    assert up.summary.resource_changes == {"update": 1, "same": 2}
    assert up.outputs["poolId"].value == pool_id
    assert pool_tags(cognito, pool_id) == {"project": "poolkit", "environment": "staging"}
    stack.preview(color="never", expect_no_changes=True)

    down = stack.destroy(color="never")
    assert down.summary.result == "succeeded"
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
