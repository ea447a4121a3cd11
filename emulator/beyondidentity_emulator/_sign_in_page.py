"""The hosted-web authenticator's sign-in page, as the emulator shows it to a browser.

The real page runs a passkey ceremony; here each identity the page offers signs in with
one button, so a browser walks the real redirect chain without an authenticator. With one
identity the page names it in ``#identity`` and its button is ``#passkey``; with several,
each has ``#identity-<id>`` and ``#passkey-<id>``. A button submits the authorize
parameters again plus ``identity_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

_STYLE = (
    "body{font-family:system-ui,sans-serif;background:#f5f6fa;margin:0}"
    "main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:10px;"
    "box-shadow:0 1px 4px #0002}h1{font-size:1.2rem}"
    "ul{list-style:none;padding:0}li{margin:.6rem 0}button{width:100%;padding:.8rem;border:0;border-radius:6px;background:#4673d3;"
    "color:#fff;font-size:1rem;cursor:pointer}p.note{color:#666;font-size:.8rem}"
)


def _label(identity: Mapping[str, Any]) -> str:
    traits = identity.get("traits") or {}
    return escape(
        str(traits.get("primary_email_address") or traits.get("username") or identity["id"])
    )


def _buttons(identities: Sequence[Mapping[str, Any]]) -> str:
    if len(identities) == 1:
        only = identities[0]
        return (
            f"<p>Passwordless sign-in with Beyond Identity as "
            f"<strong id=identity>{_label(only)}</strong>.</p>"
            f'<button id=passkey type=submit name=identity_id value="{escape(only["id"])}">'
            "Sign in with passkey</button>"
        )
    items = "".join(
        f'<li><strong id="identity-{escape(i["id"])}">{_label(i)}</strong> '
        f'<button id="passkey-{escape(i["id"])}" type=submit name=identity_id '
        f'value="{escape(i["id"])}">Sign in with passkey</button></li>'
        for i in identities
    )
    return f"<p>Choose who signs in with Beyond Identity.</p><ul id=identities>{items}</ul>"


def sign_in_page(
    app: Mapping[str, Any], identities: Sequence[Mapping[str, Any]], params: Mapping[str, str]
) -> str:
    """An HTML page whose buttons resend the authorize ``params`` as one of ``identities``."""
    fields = "".join(
        f'<input type=hidden name="{escape(k)}" value="{escape(v)}">'
        for k, v in params.items()
        if k != "identity_id"
    )
    name = escape(str(app.get("display_name") or "the application"))
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Beyond Identity sign-in</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>Sign in to {name}</h1>"
        f"<form method=post id=sign-in>{fields}{_buttons(identities)}</form>"
        "<p class=note>Beyond Identity emulator: no passkey is checked; a button signs that "
        "identity in.</p></main></body></html>"
    )
