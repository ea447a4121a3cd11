"""Managed login branding from files: what the stack settings name, read for the component.

The branding designer exports a style's settings as a JSON document, and its images are files;
the stack settings name them (paths relative to the project directory, where Pulumi runs the
program) and the component receives their contents.

Each path must name a regular file (not a device such as ``/dev/zero``, a FIFO or a directory)
of at most its limit, and is read once, never more than the limit plus one byte:

- an image: :data:`~._check_login_pages.MAX_ASSET_BYTES` (1,000,000), Cognito's own bound on an
  asset (botocore ``cognito-idp`` 2016-04-18 model, ``AssetBytesType``: blob, max 1000000);
- the settings document: :data:`MAX_SETTINGS_BYTES` (1,000,000). The model bounds it nowhere
  (``Settings`` is a ``Document``); ours is the asset bound again, far above what the branding
  designer exports (tens of kilobytes) and far below what would stall a preview.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path
from typing import Any

import pulumi

from ._args import ManagedLoginAsset
from ._check_login_pages import MAX_ASSET_BYTES

EXTENSIONS = {
    "ico": "ICO",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "svg": "SVG",
    "webp": "WEBP",
}


#: The largest settings document read (see the module docstring for where it comes from).
MAX_SETTINGS_BYTES = 1_000_000
# Opening a FIFO for reading blocks until a writer comes; non-blocking, it returns at once.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_bounded(key: str, path: str, limit: int) -> bytes:
    """The contents of the regular file ``path``, at most ``limit`` bytes, read once.

    :raises pulumi.RunError: one line naming the setting ``key``: the file cannot be opened,
        is not a regular file, or is larger than ``limit``.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) else str(err)
        raise pulumi.RunError(f"{key}: cannot read {path!r}: {reason}") from None
    try:
        return _read_open(key, path, fd, limit)
    finally:
        os.close(fd)


def _read_open(key: str, path: str, fd: int, limit: int) -> bytes:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raise pulumi.RunError(f"{key}: {path!r} must be a regular file; it is {_kind_of(mode)}")
    too_big = f"{key}: {path!r} must be at most {limit:,} bytes"
    if os.fstat(fd).st_size > limit:
        raise pulumi.RunError(f"{too_big}; it is {os.fstat(fd).st_size:,}")
    chunks: list[bytes] = []
    left = limit + 1  # one byte more tells a file that grew past the limit
    try:
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise pulumi.RunError(f"{key}: cannot read {path!r}: {err.strerror}") from None
    if left <= 0:
        raise pulumi.RunError(f"{too_big}; it grew past that while being read")
    return b"".join(chunks)


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def read_branding_settings(key: str, path: Any) -> Any:
    """The settings document in the JSON file ``path`` names."""
    if not isinstance(path, str):
        return path  # reported by the component with the other problems
    try:
        return json.loads(read_bounded(key, path, MAX_SETTINGS_BYTES))
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
                bytes=base64.b64encode(
                    read_bounded(f"{key}[{index}].file", path, MAX_ASSET_BYTES)
                ).decode(),
            )
        )
    return assets
