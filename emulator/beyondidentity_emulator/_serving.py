"""Serving an ASGI app with uvicorn in a daemon thread on a loopback address.

The emulator serves itself this way; the other local fakes (Cognito's hosted UI) reuse
:class:`LoopbackServer` so every fake binds, starts and stops the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0


def ensure_loopback(host: str) -> str:
    """Return the address to bind for ``host``; raise ``ValueError`` unless it is loopback.

    ``localhost`` maps to ``127.0.0.1`` so URLs (and OIDC issuers) are stable.
    """
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise ValueError(
            f"refusing to listen on {host!r}: loopback addresses only "
            "(127.0.0.0/8, ::1 or localhost); this server has no real security and must not "
            "be exposed"
        )
    return host


class _PromptServer(uvicorn.Server):
    """A uvicorn server that stops within milliseconds instead of ~0.2 s.

    uvicorn polls ``should_exit`` every 100 ms and sleeps another 100 ms while
    shutting down; tests start and stop a server per test, so both waits are
    replaced: the main loop wakes as soon as :meth:`request_exit` is called, and
    shutdown polls briefly for open connections and tasks to finish.
    """

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    def request_exit(self) -> None:
        """Ask the server to stop (thread-safe)."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        deadline = time.monotonic() + (self.config.timeout_graceful_shutdown or 1)
        while (self.server_state.connections or self.server_state.tasks) and not self.force_exit:
            if time.monotonic() > deadline:
                for task in self.server_state.tasks:
                    task.cancel()
                break
            await asyncio.sleep(0.002)
        for server in self.servers:
            await server.wait_closed()
        if not self.force_exit:
            await self.lifespan.shutdown()


def _bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose
    # proto says TCP, and without it every keep-alive response waits ~40 ms for
    # a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class LoopbackServer:
    """An ASGI app served by uvicorn in a daemon thread on a loopback address.

    ``host`` must be loopback (see :func:`ensure_loopback`); ``port=0`` picks a free port at
    :meth:`start`, and :attr:`port` keeps it for later restarts. ``certfile``/``keyfile``
    serve HTTPS. ``name`` names the thread and the start error.
    """

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        certfile: Path | None = None,
        keyfile: Path | None = None,
        name: str = "server",
    ) -> None:
        self._app = app
        self.host = ensure_loopback(host)
        self.port = port
        self._tls = (certfile, keyfile)
        self._name = name
        self._server: _PromptServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> LoopbackServer:
        """Bind, serve, and return once connections are accepted."""
        if self._thread is not None:
            raise RuntimeError(f"the {self._name} is already running")
        sock = _bound_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        server = _PromptServer(self._config())
        thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [sock]},
            name=f"{self._name.replace(' ', '-')}-{self.port}",
            daemon=True,
        )
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                thread.join(STOP_TIMEOUT)
                self._server = self._thread = None
                sock.close()
                raise RuntimeError(f"the {self._name} failed to start on {self.host}:{self.port}")
            time.sleep(0.005)
        return self

    def _config(self) -> uvicorn.Config:
        certfile, keyfile = self._tls
        return uvicorn.Config(
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

    def stop(self) -> None:
        """Stop serving and wait for the server thread (idempotent)."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.request_exit()
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            server.force_exit = True
            thread.join(STOP_TIMEOUT)
        self._server = self._thread = None
