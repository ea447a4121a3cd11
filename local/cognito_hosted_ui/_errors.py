"""Errors of the emulated endpoints, in Cognito's shapes."""

from __future__ import annotations


class OAuthError(Exception):
    """A token/userInfo error: Cognito answers ``{"error": ...}`` (400 unless said)."""

    def __init__(self, error: str, description: str = "", status: int = 400) -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description
        self.status = status


class RedirectError(Exception):
    """An authorize-time error sent back to the app's (valid) redirect URI."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


class ErrorPage(Exception):
    """An error Cognito shows on its own ``/error`` page (bad client or redirect URI)."""

    def __init__(self, error: str, client_id: str | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.client_id = client_id


class ConfigurationError(Exception):
    """The deployed configuration cannot work (answered as ``server_error``)."""
