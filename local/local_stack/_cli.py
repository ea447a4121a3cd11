"""``python -m local_stack start|stop|status|env|reset``: the local stack's lifecycle."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import _services as services
from ._layout import (
    BACKENDS,
    PASSPHRASE,
    S3_ACCESS_KEY,
    S3_BUCKET,
    S3_REGION,
    S3_SECRET_KEY,
    DevStack,
    Layout,
)
from ._plugin import install_standin

USAGE_HINT = 'eval "$(.venv/bin/python -m local_stack env)"'


def _say(message: str) -> None:
    print(f"== {message}", file=sys.stderr, flush=True)


def environment(layout: Layout) -> dict[str, str]:
    """The variables under which ``pulumi`` runs the dev stack on the local stack, by hand.

    Nothing in them is written to the committed ``Pulumi.dev.yaml``: the Beyond Identity token
    comes from ``BEYOND_IDENTITY_API_TOKEN`` (read by the providers when the stack sets none),
    the passphrase opens the secrets provider whose salt the stack file commits, and state and
    plugins stay in the (git-ignored) state directory.
    """
    env = {
        "PULUMI_BACKEND_URL": layout.backend.as_uri(),
        "PULUMI_HOME": str(layout.pulumi_home),
        "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": str(layout.python if layout.python.exists() else sys.executable),
        "BEYOND_IDENTITY_API_TOKEN": layout.api_token(),
    }
    if layout.backend_kind() == "s3":
        env["PULUMI_BACKEND_URL"] = layout.s3_backend_url(layout.ports()["moto"])
        # For Pulumi's S3 client only; moto takes any keys, and the AWS stand-in reads none.
        env["AWS_ACCESS_KEY_ID"] = S3_ACCESS_KEY
        env["AWS_SECRET_ACCESS_KEY"] = S3_SECRET_KEY
        env["AWS_REGION"] = S3_REGION
    cognito = services.status(layout, services.COGNITO)
    if cognito.running:
        # For clients that map Cognito's host names to it (scripts/sign_in_through_cognito.py).
        env["COGNITO_HOSTED_UI_ENDPOINT"] = f"https://{services.HOST}:{cognito.port}"
        env["COGNITO_HOSTED_UI_CA"] = str(layout.cognito_tls / "ca.pem")
    engine = layout.engine_bin
    path = os.environ.get("PATH", os.defpath)
    if (engine / "pulumi").is_file() and str(engine) not in path.split(os.pathsep):
        env["PATH"] = os.pathsep.join([str(engine), path])
    return env


def _prepare(layout: Layout) -> None:
    layout.ensure_state()
    layout.backend.mkdir(parents=True, exist_ok=True)
    install_standin(layout.pulumi_home, layout.checkout / "local", Path(sys.executable))


def ensure_state_bucket(moto_port: int) -> bool:
    """Create the state bucket on the local moto unless it exists; True when it was created."""
    import boto3  # the project virtualenv's; only the S3 backend needs it

    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://{services.HOST}:{moto_port}",
        region_name=S3_REGION,
        aws_access_key_id=S3_ACCESS_KEY,
        aws_secret_access_key=S3_SECRET_KEY,
    )
    if S3_BUCKET in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        return False
    s3.create_bucket(Bucket=S3_BUCKET)
    return True


def cmd_start(layout: Layout, args: argparse.Namespace) -> int:
    ports = layout.ports(args.emulator_port, args.moto_port, args.cognito_port)
    backend = layout.backend_kind(args.backend)
    if (layout.state / "program").is_dir():
        # Left by the demo before the local stack existed: its stack has another passphrase.
        print(
            f"ERROR: {layout.state} holds the old demo's state (program/), which the local stack "
            "cannot reuse; `make local-reset` (python -m local_stack reset) empties it",
            file=sys.stderr,
        )
        return 1
    _prepare(layout)
    for service in services.SERVICES:
        port = ports[service.name]
        current = services.status(layout, service)
        if current.running:
            _say(f"{current.describe()} (already)")
            continue
        started = time.monotonic()
        _say(f"starting: {service.title} on {services.HOST}:{port}")
        try:
            ready = services.start(layout, service, port, _say)
        except services.ServiceError as exc:
            print(f"ERROR: {exc}", file=sys.stderr)
            return 1
        _say(f"{ready.describe()} (ready in {time.monotonic() - started:.1f} s)")
    layout.save_ports(ports)
    layout.save_backend(backend)
    if backend == "s3":
        # moto's recorder keeps the bucket and the state objects across restarts too.
        created = ensure_state_bucket(ports["moto"])
        _say(
            f"state backend: {layout.s3_backend_url(ports['moto'])} "
            f"({'bucket created' if created else 'bucket kept'}; locking by lock objects)"
        )
    dev = DevStack.read(layout.checkout)
    if (ports["emulator"], ports["moto"]) != (dev.emulator_port, dev.moto_port):
        _say(
            f"note: Pulumi.dev.yaml points at ports {dev.emulator_port} and {dev.moto_port}; "
            "a stack for these ports needs its own endpoints (see local/README.md)"
        )
    _say(f"logs and state in {layout.state}; for `pulumi` by hand: {USAGE_HINT}")
    return 0


def cmd_stop(layout: Layout, _args: argparse.Namespace) -> int:
    for service in services.SERVICES:
        was = services.stop(layout, service)
        _say(f"{service.title}: {'stopped' if was.running else 'was not running'}")
    return 0


def cmd_status(layout: Layout, _args: argparse.Namespace) -> int:
    states = [services.status(layout, s) for s in services.SERVICES]
    for state in states:
        print(state.describe())
    print(f"state: {layout.state}")
    kind = layout.backend_kind()
    where = layout.s3_backend_url(layout.ports()["moto"]) if kind == "s3" else layout.backend
    print(f"pulumi state backend: {kind} ({where})")
    return 0 if all(s.running for s in states) else 3


def cmd_env(layout: Layout, _args: argparse.Namespace) -> int:
    print(f"# the local stack ({layout.state}); apply with: {USAGE_HINT}")
    for key, value in environment(layout).items():
        if key == "PATH":
            # `$PATH` left for the shell that evals this: the engine goes in front of that
            # shell's own PATH (as local/README.md shows), not of a copy of ours.
            print(f'export PATH={shlex.quote(str(layout.engine_bin))}:"$PATH"')
        else:
            print(f"export {key}={shlex.quote(value)}")
    cognito = services.status(layout, services.COGNITO)
    if cognito.running:
        print(
            "# a browser on the dev stack's hostedUiUrl: chromium --user-data-dir=$(mktemp -d) "
            + " ".join(shlex.quote(f) for f in _chromium_flags(layout, cognito.port or 0))
            + ' "$(pulumi stack output hostedUiUrl)"'
        )
    if not all(services.status(layout, s).running for s in services.SERVICES):
        print(
            "# note: the local stack is not running: .venv/bin/python -m local_stack start",
            file=sys.stderr,
        )
    return 0


def _chromium_flags(layout: Layout, port: int) -> list[str]:
    from cognito_hosted_ui import chromium_flags
    from cognito_hosted_ui._tls import TlsFiles

    tls = TlsFiles(
        layout.cognito_tls / "ca.pem",
        layout.cognito_tls / "server.pem",
        layout.cognito_tls / "server-key.pem",
    )
    return chromium_flags(f"https://{services.HOST}:{port}", tls.spki_sha256())


def cmd_reset(layout: Layout, _args: argparse.Namespace) -> int:
    cmd_stop(layout, _args)
    if layout.state.exists():
        shutil.rmtree(layout.state)
    _say(f"removed {layout.state}: no Cognito objects, no realms, no stack state")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m local_stack",
        description=(
            "The offline local stack: Beyond Identity emulator, moto and Cognito's endpoints "
            "on loopback."
        ),
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        help="where state, logs and pid files live (default $LOCAL_STACK_DIR or .pulumi-state)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="start the services in the background (idempotent)")
    start.add_argument("--emulator-port", type=int, help="default: Pulumi.dev.yaml's (8787)")
    start.add_argument("--moto-port", type=int, help="default: Pulumi.dev.yaml's (5000)")
    start.add_argument(
        "--backend",
        choices=BACKENDS,
        help="where `env` points Pulumi's state: a folder (file, the default) or a bucket on the "
        "local moto's S3 (s3), the way a team shares state; remembered until reset",
    )
    start.add_argument("--cognito-port", type=int, help="Cognito's endpoints (default 8443)")
    sub.add_parser("stop", help="stop the services (their state stays)")
    sub.add_parser("status", help="show what runs (exit 3 unless all run)")
    sub.add_parser("env", help="print `export` lines for running pulumi by hand")
    sub.add_parser("reset", help="stop and delete all local state: back to empty")
    return parser


COMMANDS = {
    "start": cmd_start,
    "stop": cmd_stop,
    "status": cmd_status,
    "env": cmd_env,
    "reset": cmd_reset,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    args = _parser().parse_args(argv)
    layout = Layout.default(args.state_dir)
    try:
        return COMMANDS[args.command](layout, args)
    except ValueError as exc:  # a bad $LOCAL_STACK_BACKEND, named by the message
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
