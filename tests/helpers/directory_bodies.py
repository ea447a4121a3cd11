"""Request bodies of the emulator's directory: identities and groups (OpenAPI 1.7.0 shapes)."""

from __future__ import annotations

from typing import Any


def identity_body(
    username: str, display_name: str = "Test Identity", **traits: Any
) -> dict[str, Any]:
    """``{"identity": {...}}`` with Traits_v0 ``username`` and any other ``traits``."""
    return {
        "identity": {
            "display_name": display_name,
            "traits": {"type": "traits_v0", "username": username, **traits},
        }
    }


def group_body(display_name: str = "Realm Administrators", **extra: Any) -> dict[str, Any]:
    """``{"group": {...}}``."""
    return {"group": {"display_name": display_name, **extra}}
