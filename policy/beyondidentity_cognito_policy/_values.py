"""Reading resource properties as the analyzer sees them.

During a preview some inputs are not known yet (an id of a resource still to be created). The
policy SDK hands them over behind a proxy that raises ``UnknownValueError`` on access; reading
through :func:`lookup` turns that into :data:`UNKNOWN`, so a rule judges what is known and leaves
the rest to the update, where the engine analyzes the resolved inputs again before any change.

The URL and loopback rules are the project's own (``pulumi_beyondidentity.rules``, installed in
the virtualenv the pack runs with), so the pack words them as the providers and component do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final
from urllib.parse import urlsplit

from pulumi_policy.proxy import UnknownValueError

from pulumi_beyondidentity import rules


class _Unknown:
    """A value the engine does not know yet (preview)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()


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


def url_problem(url: str, *, allow_loopback_http: bool) -> str | None:
    """Why ``url`` is not an acceptable redirect target, or None when it is.

    The project's URL rule (``pulumi_beyondidentity.rules``: https, http only on loopback), and
    with ``allow_loopback_http=False`` no http at all.
    """
    problem = rules.url_problem(url)
    if problem is not None:
        return problem
    if not allow_loopback_http and urlsplit(url).scheme.lower() == "http":
        return (
            f"must use https (this policy's configuration refuses http, also on loopback); "
            f"got {rules.quote(url)}"
        )
    return None
