"""Hypothesis strategies for hostile inputs, and an independent oracle for accepted URLs.

The oracle does not reuse ``pulumi_beyondidentity.rules``: it states, with the standard
library alone, what any URL a check lets through must satisfy (it parses, its host is a
plain DNS name or IP address within the DNS limits, it has no control characters, plain
http only on loopback), so a hole in the rules shows up as an accepted value it refutes.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from hypothesis import strategies as st

# Hosts that broke or nearly broke the rules, plus generated long names and labels.
_HOSTS = st.one_of(
    st.sampled_from(
        [
            "example.com",
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.0.0.2",
            "127.1",
            "[::1]",
            "[::1",
            "::1]",
            "[nope]",
            "[::ffff:127.0.0.1]",
            "exa\uff03mple.com",
            "exa\u00e9mple.com",
            "exa\u200bmple.com",
            "xn--exmple-cua.com",
            "300.1.1.1",
            "a_b.com",
            "-bad.com",
            "bad-.com",
            "example.com.",
            "user:pw@example.com",
            "@example.com",
            "",
            "exa mple.com",
            "exa\tmple.com",
            "exa\x00mple.com",
        ]
    ),
    st.from_regex(r"\A[a-z0-9-]{1,70}(\.[a-z0-9-]{1,70}){0,4}\Z"),
    st.lists(st.sampled_from(["a", "abc", "x" * 63, "y" * 64]), min_size=1, max_size=9).map(
        ".".join
    ),
    st.text(max_size=12),
)
_PORTS = st.one_of(
    st.just(""),
    st.integers(-5, 70_000).map(lambda p: f":{p}"),
    st.text(max_size=4).map(lambda t: f":{t}"),
)
_PATHS = st.one_of(
    st.sampled_from(["", "/", "/cb", "/authenticator/", "/a?b=c", "/a#frag", "/p\r\nX: y"]),
    st.text(max_size=16).map(lambda t: f"/{t}"),
)
_SCHEMES = st.sampled_from(
    ["https", "http", "HTTPS", "myapp", "javascript", "data", "", "ht tp", "1abc", "h\u00e9"]
)

#: URL-shaped strings, mostly near-valid, plus arbitrary text.
urls = st.one_of(
    st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
        _SCHEMES,
        _HOSTS,
        _PORTS,
        _PATHS,
    ),
    st.builds(lambda scheme, rest: f"{scheme}:{rest}", _SCHEMES, st.text(max_size=10)),
    st.text(max_size=30),
)

#: Any value a program or the engine could hand over: scalars, URLs, lists and objects.
values: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**40), 2**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        urls,
        st.just("x" * 100_000),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,
)

_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_APP_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")


def url_refutation(url: str, *, custom_scheme: bool) -> str | None:
    """Why an accepted URL should not have been, or None when it is well formed."""
    if any(unicodedata.category(ch) == "Cc" or ch.isspace() for ch in url):
        return "control character or whitespace"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"does not parse: {exc}"
    if parts.fragment or "#" in url:
        return "has a fragment"
    if parts.scheme not in ("http", "https"):
        # An app's own scheme: what follows it is the app's business.
        if custom_scheme and _APP_SCHEME.match(parts.scheme):
            return None
        return f"scheme {parts.scheme!r}"
    try:
        port = parts.port
        host = parts.hostname
    except ValueError as exc:
        return f"bad port or host: {exc}"
    if not host or "@" in parts.netloc:
        return "no host, or user info"
    if port == 0:
        return "port 0"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
        name = host.rstrip(".")
        if len(name) > 253 or not all(_LABEL.match(label) for label in name.split(".")):
            return f"host {host!r} is not a DNS name"
    loopback = host == "localhost" or (address is not None and address.is_loopback)
    if parts.scheme == "http" and not loopback:
        return "plain http to a non-loopback host"
    return None
