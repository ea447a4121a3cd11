"""The stand-in plugin's start and stop as the engine drives them (docs/performance.md, "A
quick start"): botocore is loaded on the first AWS call or by the warm-up thread once the port
is out, never before the port; SIGINT (how the engine stops a plugin) ends it cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2_grpc

LOCAL = Path(__file__).resolve().parents[3] / "local"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(LOCAL), os.environ.get("PYTHONPATH", "")])}


def test_importing_the_plugin_loads_no_aws_sdk() -> None:
    script = (
        "import json, sys\n"
        "import aws_standin, aws_standin.__main__\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=ENV
    )
    tops = {name.split(".")[0] for name in json.loads(done.stdout)}
    assert not tops & {"boto3", "botocore", "s3transfer", "httpx", "tenacity"}


def test_the_plugin_serves_then_exits_cleanly_on_sigint() -> None:
    plugin = subprocess.Popen(
        [sys.executable, "-m", "aws_standin", "127.0.0.1:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        assert plugin.stdout is not None
        port = int(plugin.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            info = provider_pb2_grpc.ResourceProviderStub(channel).GetPluginInfo(
                empty_pb2.Empty(), timeout=60
            )
        assert info.version == "7.51.1"
        plugin.send_signal(signal.SIGINT)
        _, err = plugin.communicate(timeout=60)  # a hang guard, not a timing
    finally:
        if plugin.poll() is None:
            plugin.kill()
            plugin.wait()
    assert plugin.returncode == 0
    assert b"Traceback" not in err, err.decode()
    assert b"Exception ignored" not in err, err.decode()
