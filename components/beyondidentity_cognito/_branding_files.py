"""Managed login branding from files: what the stack settings name, read for the component.

The branding designer exports a style's settings as a JSON document, and its images are files;
the stack settings name them (paths relative to the project directory, where Pulumi runs the
program) and the component receives their contents.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pulumi

from ._args import ManagedLoginAsset

EXTENSIONS = {
    "ico": "ICO",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "svg": "SVG",
    "webp": "WEBP",
}


def _read(key: str, path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise pulumi.RunError(f"{key}: cannot read {path!r}: {err.strerror}") from None


def read_branding_settings(key: str, path: Any) -> Any:
    """The settings document in the JSON file ``path`` names."""
    if not isinstance(path, str):
        return path  # reported by the component with the other problems
    try:
        return json.loads(_read(key, path))
    except ValueError as err:
        raise pulumi.RunError(f"{key}: {path!r} is not JSON: {err}") from None


def read_branding_assets(key: str, entries: Any) -> Any:
    """``[{category, colorMode, file}]`` as :class:`ManagedLoginAsset` s; the extension comes
    from the file name."""
    if not isinstance(entries, list):
        return entries  # reported by the component: "must be a list of assets"
    assets: list[Any] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise pulumi.RunError(
                f"{key}[{index}]: must be an object with category, colorMode and file; "
                f"got {entry!r}"
            )
        path = str(entry["file"])
        suffix = Path(path).suffix.lstrip(".").lower()
        assets.append(
            ManagedLoginAsset(
                category=str(entry.get("category", "")),
                color_mode=str(entry.get("colorMode", "")),
                extension=EXTENSIONS.get(suffix, suffix.upper()),
                bytes=base64.b64encode(_read(f"{key}[{index}].file", path)).decode(),
            )
        )
    return assets
