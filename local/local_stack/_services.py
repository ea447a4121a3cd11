"""Start, check and stop the background services: the Beyond Identity emulator, moto, and
Cognito's hosted-UI / OAuth endpoints (``cognito_hosted_ui``, HTTPS, reading that moto).

Each runs in its own session (so a terminal's Ctrl-C does not reach it), writes a log, and has a
pid file holding its pid and port. moto records every request it serves (moto's recorder) into
the state directory and replays them on the next start, after the same seed, so the Cognito
objects come back with the same ids: a plain ``pulumi preview`` after a restart tells the truth.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ._layout import DevStack, Layout

HOST = "127.0.0.1"
# Any fixed value: what matters is that the first start and every replay use the same one.
MOTO_SEED = 20260101
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


class ServiceError(RuntimeError):
    """A service could not be started or stopped; the message says what to do."""


@dataclass(frozen=True)
class Service:
    """One background process of the local stack."""

    name: str
    """``emulator`` or ``moto`` (names the log and pid files)."""
    title: str
    """For messages."""
    port_option: str
    """The ``start`` option that overrides the port."""
    argv: Callable[[Layout, int], list[str]]
    env: Callable[[Layout], dict[str, str]]
    module: str
    """The ``python -m`` module it runs (how its pid is recognised)."""
    scheme: str = "http"


def _emulator_argv(layout: Layout, port: int) -> list[str]:
    tenant = DevStack.read(layout.checkout).tenant_id
    return [
        sys.executable,
        "-m",
        "beyondidentity_emulator",
        "--host",
        HOST,
        "--port",
        str(port),
        "--tenant-id",
        tenant,
        "--state-file",
        str(layout.emulator_state),
        # The dev stack declares its test user as an identity of the realm (the
        # `identities` setting); the sign-in page signs that identity in, never a
        # built-in one, so a stack that forgets it fails to sign in as a tenant would.
        "--no-virtual-test-identity",
    ]


def _emulator_env(layout: Layout) -> dict[str, str]:
    return {"BEYONDIDENTITY_EMULATOR_API_TOKEN": layout.api_token()}


def _moto_argv(_layout: Layout, port: int) -> list[str]:
    return [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)]


def _moto_env(layout: Layout) -> dict[str, str]:
    return {
        "MOTO_ENABLE_RECORDING": "true",
        "MOTO_RECORDER_FILEPATH": str(layout.moto_recording),
    }


def _cognito_argv(layout: Layout, port: int) -> list[str]:
    moto = status(layout, MOTO)
    if not moto.running:
        raise ServiceError("Cognito's endpoints read moto, which is not running")
    return [
        sys.executable,
        "-m",
        "cognito_hosted_ui",
        "--moto-url",
        f"http://{HOST}:{moto.port}",
        "--host",
        HOST,
        "--port",
        str(port),
        "--tls-dir",
        str(layout.cognito_tls),
    ]


def _no_env(_layout: Layout) -> dict[str, str]:
    return {}


EMULATOR = Service(
    "emulator",
    "Beyond Identity emulator",
    "--emulator-port",
    _emulator_argv,
    _emulator_env,
    "beyondidentity_emulator",
)
MOTO = Service("moto", "moto (AWS Cognito)", "--moto-port", _moto_argv, _moto_env, "moto.server")
# After moto: it reads moto's port from moto's pid file.
COGNITO = Service(
    "cognito",
    "Cognito hosted UI and OAuth endpoints",
    "--cognito-port",
    _cognito_argv,
    _no_env,
    "cognito_hosted_ui",
    scheme="https",
)
SERVICES = (EMULATOR, MOTO, COGNITO)


@dataclass(frozen=True)
class Status:
    """What the pid file and the process table say about a service."""

    service: Service
    pid: int | None
    port: int | None
    running: bool

    def describe(self) -> str:
        if self.running:
            url = f"{self.service.scheme}://{HOST}:{self.port}"
            return f"{self.service.title}: running, pid {self.pid}, {url}"
        if self.pid is not None:
            return f"{self.service.title}: stopped (stale pid file for pid {self.pid})"
        return f"{self.service.title}: stopped"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own child, not yet reaped) is gone for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _ours(pid: int, service: Service) -> bool:
    """The pid still runs our service (not a process that reused the pid)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            args = cmdline.read().split(b"\0")
    except OSError:
        return _alive(pid)  # no /proc (macOS): trust the pid file
    return service.module.encode() in args


def status(layout: Layout, service: Service) -> Status:
    path = layout.pid_file(service.name)
    try:
        recorded = json.loads(path.read_text())
        pid, port = int(recorded["pid"]), int(recorded["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return Status(service, None, None, False)
    return Status(service, pid, port, _alive(pid) and _ours(pid, service))


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers bind: connections of a stopped server left in TIME_WAIT do not count,
        # only a socket that listens.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _answers(service: Service, port: int) -> bool:
    if service.scheme == "https":
        # Its certificate names Cognito's hosts, not this address: accepting connections is
        # the sign of life (it listens only once its routes and certificate are ready).
        try:
            socket.create_connection((HOST, port), timeout=2.0).close()
        except OSError:
            return False
        return True
    try:
        httpx.get(f"http://{HOST}:{port}/moto-api/recorder/", timeout=2.0)
    except httpx.HTTPError:
        return False
    return True  # any HTTP answer, even a 404, means the server is up


def start(layout: Layout, service: Service, port: int, say: Callable[[str], None]) -> Status:
    """Start ``service`` on ``port`` unless it already runs; wait until it answers HTTP."""
    current = status(layout, service)
    if current.running:
        say(f"{current.describe()} (already)")
        return current
    if port_in_use(port):
        raise ServiceError(
            f"port {port} on {HOST} is taken by another program, so the {service.title} cannot "
            f"start. Stop that program, or choose another port: `start {service.port_option} "
            "<port>` (then the committed Pulumi.dev.yaml does not point at it: see local/README.md)"
        )
    layout.ensure_state()
    log_path = layout.log(service.name)
    env = {**os.environ, **service.env(layout)}
    with open(log_path, "ab") as log:
        # argv: this interpreter and fixed options (no shell, nothing from outside).
        process = subprocess.Popen(  # noqa: S603
            service.argv(layout, port),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=layout.state,
            start_new_session=True,
        )
    layout.pid_file(service.name).write_text(json.dumps({"pid": process.pid, "port": port}))
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(service, port):
        if process.poll() is not None:
            layout.pid_file(service.name).unlink(missing_ok=True)
            raise ServiceError(
                f"the {service.title} exited (status {process.returncode}) before answering on "
                f"port {port}; its log {log_path} ends with:\n{_tail(log_path)}"
            )
        if time.monotonic() > deadline:
            _terminate(process.pid)
            layout.pid_file(service.name).unlink(missing_ok=True)
            raise ServiceError(
                f"the {service.title} did not answer on port {port} within {START_TIMEOUT:.0f} s; "
                f"see {log_path}"
            )
        time.sleep(0.1)
    if service is MOTO:
        _restore_moto(layout, port, say)
    return status(layout, service)


def _restore_moto(layout: Layout, port: int, say: Callable[[str], None]) -> None:
    """Replay the recorded requests (which begin with the seed), or seed a fresh recording."""
    base = f"http://{HOST}:{port}/moto-api"
    recording = layout.moto_recording
    if recording.is_file() and b"/moto-api/seed" in recording.read_bytes():
        requests = sum(1 for _ in recording.open("rb"))
        started = time.monotonic()
        say(f"moto: replaying {requests} recorded requests ({recording.name})")
        httpx.post(f"{base}/recorder/replay-recording", timeout=600.0).raise_for_status()
        say(f"moto: state restored in {time.monotonic() - started:.1f} s")
    else:
        recording.unlink(missing_ok=True)
        httpx.post(f"{base}/seed", params={"a": MOTO_SEED}, timeout=10.0).raise_for_status()


def _tail(path: os.PathLike[str], lines: int = 15) -> str:
    try:
        with open(path, errors="replace") as log:
            return "".join(log.readlines()[-lines:])
    except OSError:
        return "(no log)"


def _terminate(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_TIMEOUT
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            break
        time.sleep(0.1)


def stop(layout: Layout, service: Service) -> Status:
    """Stop ``service`` if it runs (SIGTERM, then SIGKILL after a grace period)."""
    current = status(layout, service)
    if current.running and current.pid is not None:
        _terminate(current.pid)
    layout.pid_file(service.name).unlink(missing_ok=True)
    return current
