"""Reading resource properties as the analyzer sees them.

During a preview some inputs are not known yet (an id of a resource still to be created). The
policy SDK hands them over behind a proxy that raises ``UnknownValueError`` on access; reading
through :func:`lookup` turns that into :data:`UNKNOWN`, so a rule judges what is known and leaves
the rest to the update, where the engine analyzes the resolved inputs again before any change.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any, Final
from urllib.parse import urlsplit

from pulumi_policy.proxy import UnknownValueError


class _Unknown:
    """A value the engine does not know yet (preview)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()

LOOPBACK_HOSTS: Final = frozenset({"localhost"})


def lookup(props: Any, *path: str | int) -> Any:
    """The value at ``path`` (keys and list indexes), None if absent, UNKNOWN if not known yet.

    A list or map comes back as the SDK's proxy: its items may still be unknown (read them with
    ``lookup`` or :func:`strings` too)."""
    value = props
    try:
        for key in path:
            if isinstance(key, int):
                if not isinstance(value, Sequence) or isinstance(value, str):
                    return None
                if key >= len(value):
                    return None
                value = value[key]
            else:
                if not isinstance(value, Mapping):
                    return None
                if key not in value:
                    return None
                value = value[key]
    except UnknownValueError:
        return UNKNOWN
    return value


def strings(props: Any, *path: str | int) -> list[Any]:
    """A list of strings at ``path`` (items may be UNKNOWN); [] if absent."""
    value = lookup(props, *path)
    if value is None or value is UNKNOWN or isinstance(value, str):
        return [value] if isinstance(value, str) else []
    if not isinstance(value, Sequence):
        return []
    return [lookup(value, i) for i in range(len(value))]


def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 and ::1: addresses that never leave the machine."""
    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url: str, *, allow_loopback_http: bool) -> str | None:
    """Why ``url`` is not an acceptable redirect target, or None when it is."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme == "https" and host:
        return None
    if scheme == "http" and host and is_loopback_host(host):
        if allow_loopback_http:
            return None
        return "uses http on a loopback address, which this policy's configuration does not allow"
    if not host:
        return "is not an absolute URL"
    # The wording of pulumi_beyondidentity.rules.LOOPBACK_RULE (this pack cannot import it).
    return (
        f"uses {scheme or 'no scheme'}:, not https: (http is allowed only for loopback hosts: "
        "localhost, 127.0.0.0/8 and [::1])"
    )
