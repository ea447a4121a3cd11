"""Which input properties arrive as Pulumi secrets.

The engine sends a resource's inputs to the analyzer with their secret marks, but the policy SDK
(pulumi-policy 1.21) unwraps secrets before a validation sees them, and offers no public way to
ask whether a value was one. A rule about secrets needs exactly that, so we keep the wire form of
the request: the SDK's analyzer service handles one ``Analyze`` request per resource on one gRPC
worker thread and calls every policy's validation from there, so a thread-local set on entry holds
the inputs being validated.

This wraps ``pulumi_policy.policy._PolicyAnalyzerServicer.Analyze``; the check below fails loudly
if a future SDK renames it (the pin in requirements.txt and the engine tests guard the behaviour).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, Final

import pulumi_policy.policy as _sdk_policy
from google.protobuf import json_format

# The wire form of a secret value: {SECRET_SIG_KEY: SECRET_SIG_VALUE, "value": ...}.
SECRET_SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
SECRET_SIG_VALUE: Final = "1b47061264138c4ac30d75fd1eb44270"

_current = threading.local()
_installed = False


def install() -> None:
    """Keep the wire form of each analyzed resource's inputs (idempotent)."""
    global _installed
    if _installed:
        return
    servicer: Any = getattr(_sdk_policy, "_PolicyAnalyzerServicer", None)
    original: Callable[..., Any] | None = getattr(servicer, "Analyze", None)
    if servicer is None or original is None:
        raise RuntimeError(
            "pulumi_policy.policy._PolicyAnalyzerServicer.Analyze is gone: this pulumi-policy "
            "version is not supported by the client-secret-as-secret rule (pin "
            "pulumi-policy==1.21.0)"
        )

    def analyze(self: Any, request: Any, context: Any) -> Any:
        _current.wire = json_format.MessageToDict(request.properties)
        try:
            return original(self, request, context)
        finally:
            _current.wire = None

    servicer.Analyze = analyze
    _installed = True


def set_wire_properties(props: Mapping[str, Any] | None) -> None:
    """Set the wire form by hand (unit tests build validation arguments without a request)."""
    _current.wire = props


def wire_properties() -> Mapping[str, Any] | None:
    """The wire form of the inputs being validated on this thread, if known."""
    wire = getattr(_current, "wire", None)
    return wire if isinstance(wire, Mapping) else None


def is_secret(wire: Any) -> bool:
    """Whether a wire-form value is a secret."""
    return isinstance(wire, Mapping) and wire.get(SECRET_SIG_KEY) == SECRET_SIG_VALUE


def wire_value(props: Mapping[str, Any] | None, *path: str) -> tuple[bool, Any]:
    """Follow ``path`` through the wire form; returns (found, value). A secret on the way (e.g. a
    whole map marked secret) is returned as the secret itself."""
    value: Any = props
    for key in path:
        if is_secret(value):
            return True, value
        if not isinstance(value, Mapping) or key not in value:
            return False, None
        value = value[key]
    return True, value
