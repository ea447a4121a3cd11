"""The HTML pages: the hosted sign-in page (``/login``), the error page and sign-out."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

_STYLE = (
    "body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0}"
    "main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;"
    "box-shadow:0 1px 4px #0003}h1{font-size:1.3rem}"
    "a.idp{display:block;text-align:center;padding:.8rem;margin:.6rem 0;border-radius:4px;"
    "background:#232f3e;color:#fff;text-decoration:none}"
    "p.note{color:#555;font-size:.85rem}"
)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def login_page(providers: list[str], authorize_params: dict[str, str], cognito_login: bool) -> str:
    """The hosted UI: one button per identity provider enabled on the app client."""
    buttons = []
    for name in providers:
        query = urlencode({**authorize_params, "identity_provider": name})
        buttons.append(
            f'<a class=idp id="idp-{escape(name)}" href="/oauth2/authorize?{escape(query)}">'
            f"Sign in with {escape(name)}</a>"
        )
    note = (
        "<p class=note>This app client also allows Cognito user-name and password sign-in, "
        "which this local emulator does not offer.</p>"
        if cognito_login
        else ""
    )
    if not buttons:
        buttons.append("<p>No identity provider is enabled for this app client.</p>")
    return _page(
        "Signin",
        "<h1>Sign in with your corporate ID</h1>" + "".join(buttons) + note,
    )


def error_page(error: str) -> str:
    """Cognito's generic error page (the real one shows no detail either)."""
    return _page(
        "Error",
        "<h1>An error was encountered with the requested page.</h1>"
        f"<p class=note id=error>{escape(error)}</p>",
    )
