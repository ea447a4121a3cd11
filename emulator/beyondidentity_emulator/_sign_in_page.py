"""The hosted-web authenticator's sign-in page, as the emulator shows it to a browser.

The real page runs a passkey ceremony; here the test identity signs in with one button, so
a browser walks the real redirect chain without an authenticator.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

_STYLE = (
    "body{font-family:system-ui,sans-serif;background:#f5f6fa;margin:0}"
    "main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:10px;"
    "box-shadow:0 1px 4px #0002}h1{font-size:1.2rem}"
    "button{width:100%;padding:.8rem;border:0;border-radius:6px;background:#4673d3;"
    "color:#fff;font-size:1rem;cursor:pointer}p.note{color:#666;font-size:.8rem}"
)


def sign_in_page(
    app: Mapping[str, Any], identity: Mapping[str, Any], params: Mapping[str, str]
) -> str:
    """An HTML page whose form resends the authorize ``params`` as the signed-in user."""
    fields = "".join(
        f'<input type=hidden name="{escape(k)}" value="{escape(v)}">' for k, v in params.items()
    )
    email = escape(str(identity.get("email") or identity.get("username") or identity["id"]))
    name = escape(str(app.get("display_name") or "the application"))
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Beyond Identity sign-in</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>Sign in to {name}</h1>"
        f"<p>Passwordless sign-in with Beyond Identity as <strong id=identity>{email}</strong>.</p>"
        f"<form method=post id=sign-in>{fields}<button id=passkey type=submit>"
        "Sign in with passkey</button></form>"
        "<p class=note>Beyond Identity emulator: no passkey is checked; the button signs the "
        "test identity in.</p></main></body></html>"
    )
