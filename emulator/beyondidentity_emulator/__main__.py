"""Command line: ``python -m beyondidentity_emulator``.

Starts the emulator, prints (stdout, flushed) the line
``Beyond Identity emulator listening on http://HOST:PORT`` followed by one
``key: value`` line each for ``url``, ``tenant_id``, ``admin_realm_id``,
``management_application_id``, ``management_client_id``,
``management_client_secret`` and ``management_token_url`` (plus ``state_file``
when one is used), then serves until SIGINT or SIGTERM and exits 0.

Exit status 2 for bad arguments (including a non-loopback ``--host``) or an
unusable state file; 1 when the server cannot start (e.g. the port is taken).
The API token can also come from ``BEYONDIDENTITY_EMULATOR_API_TOKEN`` so it
need not appear in the process list.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from ._server import DEFAULT_TEST_USER_EMAIL, Emulator
from ._store import StateFileError

API_TOKEN_ENV = "BEYONDIDENTITY_EMULATOR_API_TOKEN"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m beyondidentity_emulator",
        description="Emulate a Beyond Identity tenant (management API + OIDC) on loopback.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one (default)")
    parser.add_argument("--tenant-id", required=True, help="tenant ID: 16 lowercase hex characters")
    parser.add_argument(
        "--api-token",
        default=os.environ.get(API_TOKEN_ENV),
        help=f"static bearer token for the management API (or set {API_TOKEN_ENV})",
    )
    parser.add_argument("--state-file", help="JSON file that keeps the state across restarts")
    parser.add_argument(
        "--test-user-email",
        default=DEFAULT_TEST_USER_EMAIL,
        help="the identity the authorize endpoint signs in by default (the realm's identity "
        f"with this email, or the virtual one; default {DEFAULT_TEST_USER_EMAIL})",
    )
    parser.add_argument(
        "--accept-repeated-keys",
        action="store_true",
        help="accept a realm name, a resource-server identifier or a group name that is "
        "already used (the contract documents no 409 on those creates; default: answer 409)",
    )
    parser.add_argument(
        "--virtual-test-identity",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="sign the test user in as a built-in identity in realms that have no identity "
        "(default: on)",
    )
    return parser


def _emulator(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Emulator:
    """The emulator the arguments describe; a bad argument exits 2 through ``parser``."""
    if not args.api_token:
        parser.error(f"--api-token is required (or set {API_TOKEN_ENV})")
    settings = {
        "tenant_id": args.tenant_id,
        "api_token": args.api_token,
        "host": args.host,
        "port": args.port,
        "state_file": args.state_file,
        "test_user_email": args.test_user_email,
        "accept_repeated_keys": args.accept_repeated_keys,
        "virtual_test_identity": args.virtual_test_identity,
    }
    try:
        return Emulator(**settings)
    except (ValueError, StateFileError) as exc:
        parser.error(str(exc))


def _serve_until_signalled(emulator: Emulator, banner: str) -> None:
    """Let SIGINT and SIGTERM stop the emulator cleanly, print ``banner``, serve until then."""
    stop = threading.Event()

    def _request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _request_stop)
    signal.signal(signal.SIGINT, _request_stop)
    print(banner, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        emulator.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator until interrupted; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    emulator = _emulator(parser, args)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    try:
        emulator.start()
    except (OSError, RuntimeError) as exc:
        print(f"error: cannot start the emulator: {exc}", file=sys.stderr, flush=True)
        return 1
    lines = [f"Beyond Identity emulator listening on {emulator.url}"]
    lines += [f"{key}: {value}" for key, value in emulator.info().items()]
    if args.state_file:
        lines.append(f"state_file: {args.state_file}")
    _serve_until_signalled(emulator, "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
