"""``python -m local_stack``: start, status, env, stop, reset, a taken port, and Cognito and
Beyond Identity state that survive a restart (moto's recorder, the emulator's state file)."""

from __future__ import annotations

import os
import socket
import ssl
import stat
from typing import Any

import boto3
import httpx
from local_stack_support import REPO, LocalStack

from cognito_hosted_ui import cognito_client
from local_stack import AWS_PLUGIN_VERSION


def cognito(stack: LocalStack) -> Any:
    return boto3.client(
        "cognito-idp",
        endpoint_url=stack.moto_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local-stack-test",
    )


def env_of(stack: LocalStack) -> dict[str, str]:
    lines = stack.run("env").stdout.splitlines()
    exports = [line.removeprefix("export ") for line in lines if line.startswith("export ")]
    assert all(line.startswith("#") for line in lines if not line.startswith("export "))
    return dict(line.split("=", 1) for line in exports)


def test_start_status_env_stop(stack: LocalStack) -> None:
    dev_stack = (REPO / "Pulumi.dev.yaml").read_bytes()
    started = stack.start()
    assert "ready in" in started.stderr
    status = stack.run("status")
    assert "running, pid" in status.stdout
    assert f"http://127.0.0.1:{stack.emulator_port}" in status.stdout
    assert f"http://127.0.0.1:{stack.moto_port}" in status.stdout
    assert f"https://127.0.0.1:{stack.cognito_port}" in status.stdout
    for name in ("emulator", "moto", "cognito"):
        assert (stack.state / f"{name}.pid").is_file()
        assert (stack.state / f"{name}.log").is_file()

    env = env_of(stack)
    token = (stack.state / "emulator-api-token").read_text().strip()
    assert env["BEYOND_IDENTITY_API_TOKEN"] == token
    assert stat.S_IMODE(os.stat(stack.state / "emulator-api-token").st_mode) == 0o600
    assert env["PULUMI_BACKEND_URL"] == (stack.state / "backend").as_uri()
    assert env["PULUMI_HOME"] == str(stack.state / "pulumi-home")
    assert env["PULUMI_CONFIG_PASSPHRASE"]
    # The management API answers with the printed token.
    tenant = "000176d94fd7b4d1"
    answer = httpx.get(
        f"{stack.emulator_url}/v1/tenants/{tenant}/realms",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    # Cognito's endpoints: reached under Cognito's host names, reading this moto.
    assert env["COGNITO_HOSTED_UI_ENDPOINT"] == f"https://127.0.0.1:{stack.cognito_port}"
    ca = ssl.create_default_context(cafile=env["COGNITO_HOSTED_UI_CA"])
    with cognito_client(env["COGNITO_HOSTED_UI_ENDPOINT"], ca) as http:
        issuer = "https://cognito-idp.us-east-1.amazonaws.com"
        assert http.get(f"{issuer}/us-east-1_none/.well-known/jwks.json").status_code == 404
        pool = cognito(stack).create_user_pool(PoolName="seen")["UserPool"]["Id"]
        assert http.get(f"{issuer}/{pool}/.well-known/jwks.json").json()["keys"]
    assert "--host-resolver-rules=" in stack.run("env").stdout

    # The stand-in is a plugin of the local PULUMI_HOME, in pulumi's own cache layout.
    plugin = stack.state / f"pulumi-home/plugins/resource-aws-v{AWS_PLUGIN_VERSION}"
    launcher = plugin / "pulumi-resource-aws"
    assert os.access(launcher, os.X_OK)
    assert str(REPO / "local") in launcher.read_text()

    again = stack.start()
    assert again.stderr.count("(already)") == 3
    stack.run("stop")
    stopped = stack.run("status", check=False)
    assert stopped.returncode == 3
    assert stopped.stdout.count(": stopped") == 3
    assert not (stack.state / "moto.pid").exists()
    assert (REPO / "Pulumi.dev.yaml").read_bytes() == dev_stack


def test_a_taken_port_is_reported(stack: LocalStack) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", stack.moto_port))
        squatter.listen()
        result = stack.run(
            "start",
            "--emulator-port",
            str(stack.emulator_port),
            "--moto-port",
            str(stack.moto_port),
            check=False,
        )
    assert result.returncode == 1
    assert f"port {stack.moto_port} on 127.0.0.1 is taken by another program" in result.stderr
    assert "--moto-port <port>" in result.stderr
    assert "Traceback" not in result.stderr


def test_state_survives_a_restart_and_reset_empties_it(stack: LocalStack) -> None:
    stack.start()
    idp = cognito(stack)
    pool = idp.create_user_pool(PoolName="survivor")["UserPool"]["Id"]
    client = idp.create_user_pool_client(UserPoolId=pool, ClientName="web", GenerateSecret=True)
    client_id = client["UserPoolClient"]["ClientId"]
    secret = client["UserPoolClient"]["ClientSecret"]
    idp.create_user_pool_domain(UserPoolId=pool, Domain="survivor-local")
    token = (stack.state / "emulator-api-token").read_text().strip()
    realms = f"{stack.emulator_url}/v1/tenants/000176d94fd7b4d1/realms"
    headers = {"Authorization": f"Bearer {token}"}
    realm = httpx.post(realms, headers=headers, json={"realm": {"display_name": "kept"}}).json()

    stack.run("stop")
    restarted = stack.start()
    assert "moto: replaying" in restarted.stderr

    idp = cognito(stack)
    # Same ids and secret: the recording is replayed after the same seed.
    again = idp.describe_user_pool_client(UserPoolId=pool, ClientId=client_id)["UserPoolClient"]
    assert again["ClientSecret"] == secret
    assert (
        idp.describe_user_pool_domain(Domain="survivor-local")["DomainDescription"]["UserPoolId"]
        == pool
    )
    assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [pool]
    assert httpx.get(f"{realms}/{realm['id']}", headers=headers).status_code == 200

    # A second restart replays the requests made since the first one too.
    idp.delete_user_pool_domain(UserPoolId=pool, Domain="survivor-local")
    stack.run("stop")
    stack.start()
    assert (
        cognito(stack).describe_user_pool_domain(Domain="survivor-local")["DomainDescription"] == {}
    )

    stack.run("reset")
    assert not stack.state.exists()
    stack.start()
    assert cognito(stack).list_user_pools(MaxResults=10)["UserPools"] == []
    new_token = (stack.state / "emulator-api-token").read_text().strip()
    listed = httpx.get(realms, headers={"Authorization": f"Bearer {new_token}"}).json()
    assert realm["id"] not in {r["id"] for r in listed["realms"]}


def test_the_old_demo_state_is_named_not_reused(stack: LocalStack) -> None:
    (stack.state / "program").mkdir(parents=True)
    result = stack.run("start", check=False)
    assert result.returncode == 1
    assert "old demo's state" in result.stderr
    assert "local-reset" in result.stderr
    stack.run("reset")
    assert not stack.state.exists()
