"""``pulumi-analyzer-policy-python``, the launcher engines use for a Python policy pack when they
find no python language host: started the way the engine starts it (in the pack's folder, with
the engine address, the pack path and the runtime options), it serves our pack's analyzer."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2
from helpers.engine_support import REPO_ROOT
from pulumi.runtime.proto import analyzer_pb2_grpc

from beyondidentity_cognito_policy import PACK_NAME, RULES

LAUNCHER = REPO_ROOT / "engine" / "launchers" / "pulumi-analyzer-policy-python"
PACK = REPO_ROOT / "policy"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    venv = (REPO_ROOT / ".venv").resolve()
    if not (venv / "bin" / "python").exists():
        pytest.skip(f"the project virtualenv {venv} is missing: run `make venv`")
    # The engine passes the PulumiPolicy.yaml runtime options as -<name>=<value>.
    proc = subprocess.Popen(
        [str(LAUNCHER), "127.0.0.1:1", ".", "-virtualenv=../.venv"],
        cwd=PACK,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        yield proc
    finally:
        proc.kill()
        proc.wait(10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_launcher_serves_the_pack(served: subprocess.Popen[bytes]) -> None:
    assert served.stdout is not None
    line = served.stdout.readline().decode().strip()
    assert line.isdigit(), (line, served.stderr.read().decode() if served.stderr else "")
    with grpc.insecure_channel(f"127.0.0.1:{line}") as channel:
        info = analyzer_pb2_grpc.AnalyzerStub(channel).GetAnalyzerInfo(
            empty_pb2.Empty(), timeout=30
        )
    assert info.name == PACK_NAME
    assert {p.name for p in info.policies} == {r.name for r in RULES}


def test_launcher_names_a_missing_virtualenv(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(LAUNCHER), "127.0.0.1:1", ".", "-virtualenv=no-such-venv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert f"{tmp_path}/no-such-venv" in result.stderr
    assert "python3 -m venv" in result.stderr
