"""User errors as one message in the CLI, without Python traceback frames.

Pulumi's dynamic-provider server (``python -m pulumi.dynamic``, which the engine starts for
dynamic resources, with the official CLI as with ours) answers every exception from a provider
method with ``traceback.format_exc()``: the CLI then prints ``Traceback (most recent call
last)`` and the server's and the provider's frames before the message, even for a refused
credential or a 409 that the user fixes in the console.

The server looks its ``traceback`` module up at call time. :func:`install` gives it one whose
``format_exc`` renders this package's errors (:class:`BeyondIdentityError`: every refusal,
configuration problem or unknown outcome, which carry their full explanation and never a
credential) as their message alone; anything else, a bug, keeps its full traceback. Nothing is
changed outside that server process.
"""

from __future__ import annotations

import sys
import threading
import traceback
import types
from typing import Any

from ._errors import BeyondIdentityError

_SERVER_MODULE = "pulumi.dynamic.__main__"
_installed = False
_lock = threading.Lock()


class _PlainTraceback(types.ModuleType):
    """The ``traceback`` module, except that ``format_exc`` keeps user errors plain."""

    def __init__(self) -> None:
        super().__init__("traceback")

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    @staticmethod
    def format_exc(limit: int | None = None, chain: bool = True) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, BeyondIdentityError):
            return plain_message(error)
        return traceback.format_exc(limit=limit, chain=chain)


def plain_message(error: BaseException) -> str:
    """The message of an error, with its type when the message alone would not say much."""
    text = str(error).strip()
    return text or type(error).__name__


def install() -> bool:
    """Make the running dynamic-provider server report user errors plainly.

    Returns True when the server was found (the current process is the provider process);
    elsewhere (the program, tests) nothing changes.
    """
    global _installed
    with _lock:
        if _installed:
            return True
        server = sys.modules.get("__main__")
        spec = getattr(server, "__spec__", None)
        if (
            server is None
            or getattr(spec, "name", None) != _SERVER_MODULE
            or getattr(server, "traceback", None) is not traceback
        ):
            return False
        server.traceback = _PlainTraceback()  # type: ignore[attr-defined]
        _installed = True
        return True
