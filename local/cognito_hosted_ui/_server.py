"""The emulator process part: TLS, a uvicorn server thread on a loopback port."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import httpx
import uvicorn
from starlette.types import ASGIApp

from ._endpoints import HostedUi
from ._pool import PoolDirectory
from ._routing import chromium_flags, cognito_client
from ._tls import TlsFiles, cognito_host_names, cognito_regions, make_tls_files
from ._tokens import PoolKeys

START_TIMEOUT = 10.0


def _loopback(host: str) -> str:
    address = ipaddress.ip_address("127.0.0.1" if host == "localhost" else host)
    if not address.is_loopback:
        raise ValueError(f"refusing to listen on {host!r}: loopback addresses only")
    return str(address)


class ThreadedServer:
    """An ASGI app served by uvicorn in a daemon thread on a loopback port (0 = free)."""

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        certfile: Path | None = None,
        keyfile: Path | None = None,
    ) -> None:
        self._app = app
        self._host = _loopback(host)
        self.port = port
        self._tls = (certfile, keyfile)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> ThreadedServer:
        """Bind, serve, and return once connections are accepted."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self._host, self.port))
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        certfile, keyfile = self._tls
        config = uvicorn.Config(
            self._app,
            log_config=None,
            access_log=False,
            lifespan="off",
            http="h11",
            ws="none",
            timeout_graceful_shutdown=1,
            ssl_certfile=str(certfile) if certfile else None,
            ssl_keyfile=str(keyfile) if keyfile else None,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"asgi-{self.port}", daemon=True
        )
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                sock.close()
                raise RuntimeError(f"the server failed to start on {self._host}:{self.port}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread (idempotent)."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(5)
        self._server = self._thread = None


class CognitoHostedUi:
    """Cognito's user-pool-domain endpoints over HTTPS on ``127.0.0.1:<port>``.

    ``moto_url`` is the moto server holding the deployed pools. ``port=0`` picks a free
    port. ``tls_dir`` keeps the CA and certificate (a temporary folder by default);
    ``regions`` limits the certificate's names (default: every Cognito region).
    """

    def __init__(
        self,
        moto_url: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tls_dir: str | Path | None = None,
        regions: tuple[str, ...] | None = None,
    ) -> None:
        self._host = _loopback(host)
        self._port = port
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if tls_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="cognito-hosted-ui-")
            tls_dir = self._tmp.name
        self.tls: TlsFiles = make_tls_files(
            Path(tls_dir), cognito_host_names(regions or cognito_regions())
        )
        # The emulator's own outgoing calls (to the identity provider) are plain clients.
        self._http = httpx.Client(timeout=10.0)
        self.pools = PoolDirectory(moto_url)
        self.ui = HostedUi(self.pools, PoolKeys(), self._http)
        self._thread: ThreadedServer | None = None

    @property
    def endpoint(self) -> str:
        """``https://127.0.0.1:<port>``: where Cognito host names must be sent."""
        if not self._port:
            raise RuntimeError("not started")
        return f"https://{self._host}:{self._port}"

    def start(self) -> CognitoHostedUi:
        """Serve in a background thread; return once connections are accepted."""
        self._thread = ThreadedServer(
            self.ui.app(),
            self._host,
            self._port,
            certfile=self.tls.server_cert,
            keyfile=self.tls.server_key,
        ).start()
        self._port = self._thread.port
        return self

    def stop(self) -> None:
        """Stop serving (idempotent)."""
        if self._thread is not None:
            self._thread.stop()
        self._thread = None
        self._http.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> CognitoHostedUi:
        return self.start() if self._thread is None else self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def ca_context(self) -> ssl.SSLContext:
        """A TLS context that trusts this emulator's CA."""
        return self.tls.client_context()

    def client(self, **kwargs: object) -> httpx.Client:
        """An httpx client whose requests to Cognito host names reach this emulator."""
        return cognito_client(self.endpoint, self.ca_context(), **kwargs)

    def chromium_flags(self) -> list[str]:
        """Chromium switches mapping Cognito's host names here and trusting the certificate."""
        return chromium_flags(self.endpoint, self.tls.spki_sha256())
