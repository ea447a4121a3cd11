"""The pickled ``__provider``: by reference, stable, credential-free, loadable by the engine's process."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity._registry import ALL_KINDS
from pulumi_beyondidentity.application import ApplicationProvider

ROOT = Path(__file__).resolve().parents[3]
PROVIDERS = list(ALL_KINDS)
SECRETS = {
    "beyondidentity:tenantId": "000176d94fd7b4d1",
    "beyondidentity:apiToken": "api-token-SECRET-1",
    "beyondidentity:apiUrl": "http://127.0.0.1:9",
}


def configured(cls: type[BeyondIdentityProvider]) -> BeyondIdentityProvider:
    provider = cls()
    provider.configure(ConfigureRequest(Config(dict(SECRETS), "proj")))
    # Resolve settings and build the client so any captured state would exist.
    assert provider.client.settings.api_token == "api-token-SECRET-1"
    return provider


@pytest.mark.parametrize("cls", PROVIDERS)
def test_provider_pickles_by_reference_without_credentials(
    cls: type[BeyondIdentityProvider],
) -> None:
    blob = serialize_provider(configured(cls))
    raw = base64.b64decode(blob)
    assert b"api-token-SECRET-1" not in raw
    assert b"SECRET" not in raw
    assert cls.__module__.encode() in raw  # a reference to the installed module...
    assert len(raw) < 300  # ...not the class's bytecode
    assert blob == serialize_provider(cls())  # configuration leaves no trace
    assert cls.serialize_as_secret_always is False


def test_round_trip_in_a_subprocess_started_like_the_engine() -> None:
    blobs = [serialize_provider(configured(cls)) for cls in PROVIDERS]
    script = (
        "import base64, sys, dill\n"
        "for line in sys.stdin.read().split():\n"
        "    p = dill.loads(base64.b64decode(line))\n"
        "    print(type(p).__module__ + '.' + type(p).__name__, p._client is None, p._config is None)\n"
    )
    # The engine starts the provider process in the program directory with a fresh interpreter.
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="\n".join(blobs),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    lines = result.stdout.split("\n")
    assert lines[: len(PROVIDERS)] == [
        f"{cls.__module__}.{cls.__name__} True True" for cls in PROVIDERS
    ]


def test_serialized_provider_is_the_same_from_another_directory(tmp_path: Path) -> None:
    script = "from pulumi.dynamic.dynamic import serialize_provider\nfrom pulumi_beyondidentity.application import ApplicationProvider\nprint(serialize_provider(ApplicationProvider()))\n"
    other = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    assert other.stdout.strip() == serialize_provider(ApplicationProvider())
