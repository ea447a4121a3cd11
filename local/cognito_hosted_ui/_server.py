"""The emulator process part: TLS, and the emulator package's loopback server thread."""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path
from types import TracebackType

import httpx

from beyondidentity_emulator import LoopbackServer, ensure_loopback

from ._endpoints import HostedUi
from ._pool import PoolDirectory
from ._routing import chromium_flags, cognito_client
from ._tls import TlsFiles, cognito_host_names, cognito_regions, make_tls_files
from ._tokens import PoolKeys


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
        self._host = ensure_loopback(host)
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
        self._thread: LoopbackServer | None = None

    @property
    def endpoint(self) -> str:
        """``https://127.0.0.1:<port>``: where Cognito host names must be sent."""
        if not self._port:
            raise RuntimeError("not started")
        return f"https://{self._host}:{self._port}"

    def start(self) -> CognitoHostedUi:
        """Serve in a background thread; return once connections are accepted."""
        self._thread = LoopbackServer(
            self.ui.app(),
            self._host,
            self._port,
            certfile=self.tls.server_cert,
            keyfile=self.tls.server_key,
            name="cognito hosted ui",
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
