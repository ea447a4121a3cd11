"""Where the local stack keeps its files, and which ports and tenant it uses."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

PACKAGE_CHECKOUT = Path(__file__).resolve().parents[2]


def find_checkout(start: Path | None = None) -> Path:
    """The checkout the command runs in: the nearest directory, from ``start`` (default: the
    working directory) up, holding ``Pulumi.yaml`` and ``local/``; else this package's own."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "Pulumi.yaml").is_file() and (directory / "local").is_dir():
            return directory
    return PACKAGE_CHECKOUT


STACK_FILE = "Pulumi.dev.yaml"
# Protects nothing (the dev stack's only secret is the emulator's token, kept out of the stack
# file): it opens the passphrase secrets provider whose salt Pulumi.dev.yaml commits.
PASSPHRASE = "local-stack-only"
EMULATOR_PORT_ENV = "LOCAL_STACK_EMULATOR_PORT"
MOTO_PORT_ENV = "LOCAL_STACK_MOTO_PORT"
COGNITO_PORT_ENV = "LOCAL_STACK_COGNITO_PORT"
# Cognito's endpoints (cognito_hosted_ui) are reached by host mapping, so no stack file names
# their port; this default only has to be stable.
COGNITO_PORT = 8443
STATE_DIR_ENV = "LOCAL_STACK_DIR"
BACKEND_ENV = "LOCAL_STACK_BACKEND"
BACKENDS = ("file", "s3")
# The team backend on the local moto: a bucket of its S3, path-style, plain http on loopback.
S3_BUCKET = "pulumi-state"
S3_REGION = "us-east-1"
# moto accepts any keys; these only ever reach the local moto server.
S3_ACCESS_KEY = "local-stack"
S3_SECRET_KEY = "local-stack-only"


def _port(url: Any, what: str) -> int:
    port = urlsplit(str(url)).port
    if port is None:
        raise ValueError(f"{STACK_FILE}: {what} has no port: {url!r}")
    return port


@dataclass(frozen=True)
class DevStack:
    """What the committed dev stack file says about the local services."""

    tenant_id: str
    emulator_port: int
    moto_port: int

    @classmethod
    def read(cls, checkout: Path) -> DevStack:
        config = yaml.safe_load((checkout / STACK_FILE).read_text())["config"]
        return cls(
            tenant_id=str(config["beyondidentity:tenantId"]),
            emulator_port=_port(config["beyondidentity:apiUrl"], "beyondidentity:apiUrl"),
            moto_port=_port(config["aws:endpoints"][0]["cognitoidp"], "aws:endpoints cognitoidp"),
        )


class _InState:
    """``layout.<attribute>``: the file or folder ``name`` in the layout's state directory."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, layout: Layout, owner: type[Layout] | None = None) -> Path:
        return layout.state / self.name


@dataclass(frozen=True)
class Layout:
    """The files of one local stack, under ``state``, for the checkout at ``checkout``."""

    checkout: Path
    state: Path

    @classmethod
    def default(cls, state: Path | None = None, checkout: Path | None = None) -> Layout:
        """``state``, else ``$LOCAL_STACK_DIR``, else ``<checkout>/.pulumi-state``."""
        checkout = checkout or find_checkout()
        chosen = state or Path(os.environ.get(STATE_DIR_ENV) or checkout / ".pulumi-state")
        return cls(checkout, chosen.resolve())

    backend = _InState("backend")
    pulumi_home = _InState("pulumi-home")
    token_file = _InState("emulator-api-token")
    emulator_state = _InState("emulator-state.json")
    moto_recording = _InState("moto-recording.jsonl")
    #: The CA and certificate of Cognito's endpoints (new at every start).
    cognito_tls = _InState("cognito-tls")
    ports_file = _InState("ports.json")
    backend_file = _InState("backend.json")

    def backend_kind(self, given: str | None = None) -> str:
        """The state backend: given, else ``$LOCAL_STACK_BACKEND``, else the last one started
        with, else ``file``."""
        saved = ""
        if self.backend_file.is_file():
            saved = str(json.loads(self.backend_file.read_text()).get("kind", ""))
        kind = given or os.environ.get(BACKEND_ENV) or saved or "file"
        if kind not in BACKENDS:
            raise ValueError(
                f"unknown state backend {kind!r} (--backend or ${BACKEND_ENV}): use "
                + " or ".join(BACKENDS)
            )
        return kind

    def save_backend(self, kind: str) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        self.backend_file.write_text(json.dumps({"kind": kind}) + "\n")

    @staticmethod
    def s3_backend_url(moto_port: int) -> str:
        """``pulumi login`` URL of the bucket on the local moto server."""
        return (
            f"s3://{S3_BUCKET}?endpoint=127.0.0.1:{moto_port}&disableSSL=true"
            f"&s3ForcePathStyle=true&region={S3_REGION}"
        )

    @property
    def python(self) -> Path:
        return self.checkout / ".venv" / "bin" / "python"

    @property
    def engine_bin(self) -> Path:
        return self.checkout / ".engine" / "bin"

    def ensure_state(self) -> Path:
        """The state directory, private to the user (0700): the emulator's state, moto's
        recording (request bodies: the identity provider's client secret) and the logs hold the
        local stack's credentials."""
        self.state.mkdir(parents=True, exist_ok=True)
        self.state.chmod(0o700)
        return self.state

    def log(self, service: str) -> Path:
        return self.state / f"{service}.log"

    def pid_file(self, service: str) -> Path:
        return self.state / f"{service}.pid"

    def api_token(self) -> str:
        """The emulator's management API token, made once per state directory (mode 0600)."""
        if self.token_file.is_file():
            token = self.token_file.read_text().strip()
            if token:
                return token
        self.ensure_state()
        token = secrets.token_urlsafe(32)
        fd = os.open(self.token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(token + "\n")
        return token

    def ports(
        self, emulator: int | None = None, moto: int | None = None, cognito: int | None = None
    ) -> dict[str, int]:
        """The ports to use: given, else from the environment, else the last ones used, else
        the dev stack's."""
        dev = DevStack.read(self.checkout)
        saved: dict[str, int] = {}
        if self.ports_file.is_file():
            saved = json.loads(self.ports_file.read_text())

        def pick(given: int | None, env: str, key: str, fallback: int) -> int:
            if given is not None:
                return given
            if os.environ.get(env):
                return int(os.environ[env])
            return int(saved.get(key, fallback))

        return {
            "emulator": pick(emulator, EMULATOR_PORT_ENV, "emulator", dev.emulator_port),
            "moto": pick(moto, MOTO_PORT_ENV, "moto", dev.moto_port),
            "cognito": pick(cognito, COGNITO_PORT_ENV, "cognito", COGNITO_PORT),
        }

    def save_ports(self, ports: dict[str, int]) -> None:
        self.ensure_state()
        self.ports_file.write_text(json.dumps(ports) + "\n")
