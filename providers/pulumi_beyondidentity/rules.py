"""The project's value rules, in one place: ids, names, scopes, host names, URLs and loopback
(and the Cognito enumerations that the component and the AWS stand-in both check).

The providers' ``check``, the connection settings, the ``CognitoFederation`` component and the
local AWS stand-in all use these, so a rule reads the same wherever it is broken.

Each ``*_problem`` function takes any value and returns ``None`` when it passes the rule, or the
rule's wording with the value found (``"must be ...; got '...'"``), which the caller prefixes
with the field or setting name. None of them raises, whatever the input.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import SplitResult, urlsplit

__all__ = [
    "CONTROL_RULE",
    "CUSTOM_SCHEME_RE",
    "DISPLAY_NAME_MAX",
    "LOOPBACK_RULE",
    "MANAGED_LOGIN_ASSET_CATEGORIES",
    "MANAGED_LOGIN_ASSET_COLOR_MODES",
    "MANAGED_LOGIN_ASSET_EXTENSIONS",
    "MAX_URL_LENGTH",
    "REALM_ID_RE",
    "REALM_NAME_RE",
    "RESERVED_IDENTIFIERS",
    "SCOPE_RE",
    "UINT32_MAX",
    "UUID_RE",
    "control_problem",
    "display_name_problem",
    "hostname_problem",
    "id_problem",
    "identifier_problem",
    "is_loopback_host",
    "is_loopback_url",
    "quote",
    "realm_id_problem",
    "realm_name_problem",
    "scope_problem",
    "text_problem",
    "url_problem",
]

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
#: Realm ids (and tenant ids): 16 lowercase hexadecimal characters.
REALM_ID_RE = re.compile(r"^[0-9a-f]{16}$")
#: The contract's realm ``display_name`` pattern (``Realm.display_name``).
REALM_NAME_RE = re.compile(r"^[^{}\[\]<>;:?\\/|*^%$#=~`!]*$")
#: RFC 6749 scope-token: printable ASCII except space, ``"`` and ``\``; Cognito's ScopeType too.
SCOPE_RE = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]+$")
#: Application-specific URL schemes (``myapp://callback``), RFC 3986 scheme syntax.
# An identity's email trait (Traits_v0 ``primary_email_address``: the contract gives no
# format; one @, a dot in the domain, no spaces is what a mail system would accept at all).
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CUSTOM_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*$")
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_IPV4_SHAPE_RE = re.compile(r"^[0-9.]+$")

#: Resource server identifiers Beyond Identity keeps for itself (the Management API's audience).
RESERVED_IDENTIFIERS = ("beyondidentity",)
UINT32_MAX = 2**32 - 1
#: The contract bounds realm names at 64 characters and states no bound for the other display
#: names; the same 64 applies to all of them, so a runaway value never reaches the API.
DISPLAY_NAME_MAX = 64
#: The practical URL limit of browsers and servers.
MAX_URL_LENGTH = 2048
_HOSTNAME_MAX = 253
# Schemes that run code or inline content where a browser follows a redirect.
_SCRIPT_SCHEMES = ("javascript", "data", "vbscript", "file", "blob")

#: Cognito's managed login asset enumerations (AssetType in the API reference): checked by the
#: ``CognitoFederation`` component and enforced by the local AWS stand-in.
MANAGED_LOGIN_ASSET_CATEGORIES: tuple[str, ...] = (
    "FAVICON_ICO",
    "FAVICON_SVG",
    "EMAIL_GRAPHIC",
    "SMS_GRAPHIC",
    "AUTH_APP_GRAPHIC",
    "PASSWORD_GRAPHIC",
    "PASSKEY_GRAPHIC",
    "PAGE_HEADER_LOGO",
    "PAGE_HEADER_BACKGROUND",
    "PAGE_FOOTER_LOGO",
    "PAGE_FOOTER_BACKGROUND",
    "PAGE_BACKGROUND",
    "FORM_BACKGROUND",
    "FORM_LOGO",
    "IDP_BUTTON_ICON",
)
MANAGED_LOGIN_ASSET_COLOR_MODES: tuple[str, ...] = ("LIGHT", "DARK", "DYNAMIC")
MANAGED_LOGIN_ASSET_EXTENSIONS: tuple[str, ...] = ("ICO", "JPEG", "PNG", "SVG", "WEBP")

#: One wording of the loopback rule, wherever plain http is refused.
LOOPBACK_RULE = "http is allowed only for loopback hosts: localhost, 127.0.0.0/8 and [::1]"
_REALM_NAME_CHARS = "{}[]<>;:?\\/|*^%$#=~`!"


def quote(value: Any) -> str:
    """``repr`` of a value for a message; a long one is cut, with its length."""
    text = repr(value)
    # A huge value is named by its start and length, not echoed whole.
    if len(text) <= 120:
        return text
    size = len(value) if isinstance(value, str | bytes | list | tuple | dict) else len(text)
    return f"{text[:100]}... ({size} {'characters' if isinstance(value, str) else 'long'})"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ``::1`` (with or without brackets)."""
    host = host.strip("[]").lower().rstrip(".") if isinstance(host, str) else ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """True for an ``http(s)://`` URL whose host is loopback (see :func:`is_loopback_host`)."""
    parts = _split(url)
    return (
        parts is not None
        and parts.scheme in ("http", "https")
        and _authority_problem(parts, url) is None
        and is_loopback_host(_host_of(parts) or "")
    )


def id_problem(value: Any, pattern: re.Pattern[str], what: str) -> str | None:
    """``what`` names the id's shape, e.g. ``"an application id (a UUID)"``."""
    if isinstance(value, str) and pattern.fullmatch(value):
        return None
    return f"must be {what}; got {quote(value)}"


def realm_id_problem(value: Any) -> str | None:
    """A realm id: 16 lowercase hexadecimal characters."""
    return id_problem(value, REALM_ID_RE, "a realm id: 16 lowercase hexadecimal characters")


def text_problem(
    value: Any,
    *,
    max_len: int | None = None,
    pattern: re.Pattern[str] | None = None,
    rule: str = "",
) -> str | None:
    """A string, not empty or only spaces, of at most ``max_len`` characters, matching
    ``pattern`` (``rule`` says how, e.g. ``"must be a region such as us-east-1"``)."""
    if not isinstance(value, str) or not value.strip():
        return f"must be a non-empty string; got {quote(value)}"
    if max_len is not None and len(value) > max_len:
        return f"must be at most {max_len} characters; got {len(value)}"
    if pattern is not None and not pattern.fullmatch(value):
        return f"{rule or 'has an invalid format'}; got {quote(value)}"
    return None


#: What :func:`control_problem` refuses, in its words.
CONTROL_RULE = (
    "must not contain control characters (NUL and the other C0 and C1 controls, or the "
    "bidirectional overrides and isolates U+202A-U+202E, U+2066-U+2069)"
)


def control_problem(value: Any) -> str | None:
    """The rule for every string that reaches AWS or Beyond Identity: no control characters
    (C0, DEL, C1) and no bidirectional embeddings, overrides or isolates. Non-strings pass
    (their type is another rule's business). The message names the character, never echoes it."""
    if not isinstance(value, str):
        return None
    found = _control_in(value)
    if found is None:
        return None
    return f"{CONTROL_RULE}; found U+{ord(found):04X} at position {value.index(found)}"


def display_name_problem(value: Any, max_len: int = DISPLAY_NAME_MAX) -> str | None:
    """A display name: 1 to ``max_len`` characters, not only spaces, no control characters."""
    return text_problem(value, max_len=max_len) or control_problem(value)


def realm_name_problem(value: Any) -> str | None:
    """The contract's realm name rule: 1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``."""
    problem = display_name_problem(value)
    if problem is None and not REALM_NAME_RE.fullmatch(value):
        problem = f"must not contain any of {_REALM_NAME_CHARS}; got {quote(value)}"
    return problem


def email_problem(value: Any) -> str | None:
    """An email address (``name@example.com``): at most 256 characters, no control characters."""
    return text_problem(
        value, max_len=256, pattern=EMAIL_RE, rule="must be an email address (name@example.com)"
    ) or control_problem(value)


def scope_problem(value: Any) -> str | None:
    """An OAuth scope (RFC 6749 scope-token)."""
    if isinstance(value, str) and SCOPE_RE.fullmatch(value):
        return None
    return (
        "must be a scope name: printable ASCII without spaces, quotes or backslashes; "
        f"got {quote(value)}"
    )


def identifier_problem(value: Any) -> str | None:
    """A resource server identifier (the token audience): no whitespace, not reserved."""
    problem = _token_problem(value, "a non-empty string", MAX_URL_LENGTH)
    if problem is None and value.lower() in RESERVED_IDENTIFIERS:
        problem = (
            f"must not be {quote(value)}: it is reserved for the Beyond Identity Management API"
        )
    return problem


def hostname_problem(value: Any) -> str | None:
    """A DNS host name: letters, digits and inner hyphens in labels of 1-63, 253 in all."""
    if not isinstance(value, str) or not value:
        return f"must be a host name such as auth.example.com; got {quote(value)}"
    host = value.lower().rstrip(".")
    if len(host) > _HOSTNAME_MAX:
        return f"must be a host name of at most {_HOSTNAME_MAX} characters; got {len(host)}"
    labels = host.split(".")
    for label in labels:
        if len(label) > 63:
            return f"must have labels of at most 63 characters; got one of {len(label)}"
        if not _LABEL_RE.fullmatch(label):
            return (
                "must be a host name of letters, digits and inner hyphens between dots "
                f"(use punycode for international names); got {quote(value)}"
            )
    return None


def url_problem(
    value: Any,
    *,
    custom_scheme: bool = False,
    origin: bool = False,
    query: bool = True,
    max_len: int = MAX_URL_LENGTH,
) -> str | None:
    """An absolute URL: https, http only on loopback, or (``custom_scheme``) an app scheme.

    Refused anywhere: control characters and whitespace, a ``#fragment``, user info
    (``user@``), an invalid host or port. ``origin``: an origin or a prefix ending in ``/``,
    without query. ``query=False``: no ``?query``.
    """
    problem = _token_problem(value, "an absolute URL", max_len)
    if problem is not None:
        return problem
    if "#" in value:
        return f"must not contain a #fragment; got {quote(value)}"
    parts = _split(value)
    if parts is None:
        return f"must be a valid absolute URL; got {quote(value)}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if (
            custom_scheme
            and CUSTOM_SCHEME_RE.fullmatch(scheme)
            and scheme not in _SCRIPT_SCHEMES
            and value[len(scheme) + 1 :]
        ):
            return None
        allowed = "https://..., or an app scheme such as myapp://..." if custom_scheme else ""
        return (
            f"must be an absolute {'URL (' + allowed + ')' if allowed else 'https URL'}; "
            f"got {quote(value)}"
        )
    problem = _authority_problem(parts, value)
    if problem is not None:
        return problem
    if scheme == "http" and not is_loopback_host(_host_of(parts) or ""):
        return f"must use https ({LOOPBACK_RULE}); got {quote(value)}"
    if (origin or not query) and parts.query:
        return f"must not have a ?query; got {quote(value)}"
    if origin and parts.path not in ("", "/") and not parts.path.endswith("/"):
        # Trusted origins are compared by prefix: a path must end with "/".
        return f"must be an origin or a URL prefix ending in '/'; got {quote(value)}"
    return None


def _token_problem(value: Any, what: str, max_len: int) -> str | None:
    """A non-empty string of at most ``max_len`` characters, without whitespace or controls."""
    if not isinstance(value, str) or not value:
        return f"must be {what}; got {quote(value)}"
    if len(value) > max_len:
        return f"must be at most {max_len} characters; got {len(value)}"
    if _has_control(value) or any(ch.isspace() for ch in value):
        return f"must not contain whitespace or control characters; got {quote(value)}"
    return None


def _split(value: Any) -> SplitResult | None:
    if not isinstance(value, str):
        return None
    try:
        return urlsplit(value)
    except ValueError:  # unbalanced brackets, characters that NFKC-normalize to separators
        return None


def _host_of(parts: SplitResult) -> str | None:
    try:
        return parts.hostname
    except ValueError:
        return None


def _authority_problem(parts: SplitResult, value: str) -> str | None:
    if not parts.netloc:
        return f"must be an absolute URL with a host; got {quote(value)}"
    if "@" in parts.netloc:
        return f"must not contain user credentials (user@host); got {quote(value)}"
    host_port = parts.netloc
    if host_port.startswith("["):
        end = host_port.find("]")
        literal, rest = host_port[1:end], host_port[end + 1 :]
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return f"must have a valid IPv6 address in brackets; got {quote(value)}"
    else:
        literal, sep, port_text = host_port.partition(":")
        rest = sep + port_text
        if _IPV4_SHAPE_RE.fullmatch(literal):
            try:
                ipaddress.IPv4Address(literal)
            except ValueError:
                return f"must have a valid IPv4 address; got {quote(value)}"
        else:
            problem = hostname_problem(literal)
            if problem is not None:
                return f"has an invalid host: {problem}"
    if rest:
        port = rest[1:]
        if not rest.startswith(":") or not port.isascii() or not port.isdigit():
            return f"must have a numeric port; got {quote(value)}"
        if not 1 <= int(port) <= 65535:
            return f"must have a port from 1 to 65535; got {quote(value)}"
    return None


# C0 controls, DEL and C1 controls; the bidirectional embeddings and overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069), which make a value read differently from what it is.
_CONTROL_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))


def _control_in(value: str) -> str | None:
    for ch in value:
        code = ord(ch)
        if any(low <= code <= high for low, high in _CONTROL_RANGES):
            return ch
    return None


def _has_control(value: str) -> bool:
    return _control_in(value) is not None
