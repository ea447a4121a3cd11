"""``python -m cognito_hosted_ui --moto-url http://127.0.0.1:5000 [--port N] [--tls-dir DIR]``

Serves Cognito's user-pool-domain endpoints for the pools in that moto server, prints one
JSON line (endpoint, CA file, Chromium switches) and runs until interrupted.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from ._server import CognitoHostedUi


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cognito_hosted_ui", description=__doc__)
    parser.add_argument("--moto-url", required=True, help="the moto server (loopback)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--tls-dir", default=None, help="where to write the CA and certificate")
    parser.add_argument("--region", action="append", help="regions to cover (default: all)")
    args = parser.parse_args(argv)
    try:
        ui = CognitoHostedUi(
            args.moto_url,
            host=args.host,
            port=args.port,
            tls_dir=Path(args.tls_dir) if args.tls_dir else None,
            regions=tuple(args.region) if args.region else None,
        ).start()
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"cognito_hosted_ui: {exc}", file=sys.stderr)
        return 2
    print(
        json.dumps(
            {
                "endpoint": ui.endpoint,
                "ca_file": str(ui.tls.ca_cert),
                "chromium_flags": ui.chromium_flags(),
            }
        ),
        flush=True,
    )
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    ui.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
