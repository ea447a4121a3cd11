"""``python -m local_stack``: start, status, env, stop, reset, a taken port, and Cognito and
Beyond Identity state that survive a restart (moto's recorder, the emulator's state file)."""

from __future__ import annotations

import os
import shlex
import socket
import ssl
import stat
import subprocess
import sys
from typing import Any

import boto3
import httpx
from helpers.local_stack_support import REPO, LocalStack, free_port

from cognito_hosted_ui import cognito_client
from local_stack import AWS_PLUGIN_VERSION
from local_stack._services import port_in_use


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
    # Values are shell-quoted where needed (an S3 backend URL holds '&').
    return {k: shlex.split(v)[0] for k, v in (line.split("=", 1) for line in exports)}


def check_status_after_start(stack: LocalStack) -> None:
    """The first start reports ready, and status lists the three services and their files."""
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


def check_env(stack: LocalStack) -> None:
    """The printed environment: private token and state, and endpoints that answer."""
    env = env_of(stack)
    token = (stack.state / "emulator-api-token").read_text().strip()
    assert env["BEYOND_IDENTITY_API_TOKEN"] == token
    assert stat.S_IMODE(os.stat(stack.state / "emulator-api-token").st_mode) == 0o600
    # The recording and the emulator state hold local credentials: the directory is private.
    assert stat.S_IMODE(os.stat(stack.state).st_mode) == 0o700
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
    check_path_is_the_shells(stack)


def check_path_is_the_shells(stack: LocalStack) -> None:
    """``eval "$(... env)"`` puts the engine in front of the evaluating shell's own PATH: the
    output says ``:"$PATH"`` (as local/README.md shows), not a copy of the PATH it ran with."""
    script = (
        f"PATH=/usr/bin:/bin; out=$({shlex.quote(sys.executable)} -m local_stack --state-dir "
        f'{shlex.quote(str(stack.state))} env); eval "$out"; printf "%s\n" "$out" "$PATH"'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=stack.checkout,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    *printed, path = done.stdout.splitlines()
    engine = stack.checkout / ".engine" / "bin"
    if (engine / "pulumi").is_file():
        assert f'export PATH={shlex.quote(str(engine))}:"$PATH"' in printed
        assert path == f"{engine}:/usr/bin:/bin"
    else:  # no engine built: nothing to put on PATH
        assert not [line for line in printed if line.startswith("export PATH=")]
        assert path == "/usr/bin:/bin"


def check_restart_and_stop(stack: LocalStack) -> None:
    """A second start finds all three running; stop ends them and status says so."""
    again = stack.start()
    assert again.stderr.count("(already)") == 3
    stack.run("stop")
    stopped = stack.run("status", check=False)
    assert stopped.returncode == 3
    assert stopped.stdout.count(": stopped") == 3
    assert not (stack.state / "moto.pid").exists()


def test_start_status_env_stop(stack: LocalStack) -> None:
    dev_stack = (REPO / "Pulumi.dev.yaml").read_bytes()
    check_status_after_start(stack)
    check_env(stack)

    # The stand-in is a plugin of the local PULUMI_HOME, in pulumi's own cache layout.
    plugin = stack.state / f"pulumi-home/plugins/resource-aws-v{AWS_PLUGIN_VERSION}"
    launcher = plugin / "pulumi-resource-aws"
    assert os.access(launcher, os.X_OK)
    assert str(REPO / "local") in launcher.read_text()

    check_restart_and_stop(stack)
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


def test_connections_of_a_stopped_server_do_not_hold_its_port() -> None:
    # A server that closed its connections first leaves them in TIME_WAIT on its port; the
    # services bind with SO_REUSEADDR, so a restart must not call that port taken.
    port = free_port()
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen()
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server side closes first: TIME_WAIT is on the server's port
        client.close()
        assert port_in_use(port)
    assert not port_in_use(port)


def test_s3_state_backend(stack: LocalStack) -> None:
    """``start --backend s3``: the state bucket on the local moto, ``env`` pointing Pulumi at it,
    and both kept across a restart (moto's recorder) until reset."""
    started = stack.start("--backend", "s3")
    assert "bucket created" in started.stderr
    env = env_of(stack)
    assert env["PULUMI_BACKEND_URL"] == (
        f"s3://pulumi-state?endpoint=127.0.0.1:{stack.moto_port}&disableSSL=true"
        "&s3ForcePathStyle=true&region=us-east-1"
    )
    assert "pulumi state backend: s3" in stack.run("status").stdout
    s3 = boto3.client(
        "s3",
        endpoint_url=stack.moto_url,
        region_name="us-east-1",
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    s3.put_object(Bucket="pulumi-state", Key=".pulumi/meta.yaml", Body=b"version: 1\n")

    # Remembered: a plain start keeps the S3 backend, and the bucket comes back with its objects.
    stack.run("stop")
    again = stack.start()
    assert "bucket kept" in again.stderr
    assert s3.get_object(Bucket="pulumi-state", Key=".pulumi/meta.yaml")["Body"].read() == (
        b"version: 1\n"
    )
    assert env_of(stack)["PULUMI_BACKEND_URL"].startswith("s3://pulumi-state?")

    stack.run("reset")  # forgets the choice with everything else
    assert env_of(stack)["PULUMI_BACKEND_URL"] == (stack.state / "backend").as_uri()


def test_an_unknown_backend_is_named(stack: LocalStack) -> None:
    bad = stack.run("start", "--backend", "gcs", check=False)
    assert bad.returncode == 2
    assert "invalid choice: 'gcs'" in bad.stderr
    result = subprocess.run(
        [sys.executable, "-m", "local_stack", "--state-dir", str(stack.state), "env"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "LOCAL_STACK_BACKEND": "azure"},
    )
    assert result.returncode == 1
    assert "unknown state backend 'azure'" in result.stderr
    assert "LOCAL_STACK_BACKEND" in result.stderr
    assert "Traceback" not in result.stderr
