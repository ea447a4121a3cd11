"""The files the stack settings name: regular files under a stated limit, read once.

Why: ``managedLoginBrandingSettings: /dev/zero`` made ``pulumi preview`` read forever.
"""

from __future__ import annotations

import json
import os
import runpy
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml
from helpers.cognito_mocks import FakeCloud

from beyondidentity_cognito._branding_files import (
    MAX_SETTINGS_BYTES,
    read_bounded,
    read_branding_assets,
    read_branding_settings,
)
from beyondidentity_cognito._check_login_pages import MAX_ASSET_BYTES

ROOT = Path(__file__).resolve().parents[3]
MAIN = ROOT / "__main__.py"
KEY = "managedLoginBrandingSettings"


def dev_config_with(path: str) -> dict[str, str]:
    """The dev stack's settings (as the CLI hands them over) naming ``path`` as the branding."""
    config: dict[str, Any] = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
    config[f"beyondidentity-cognito:{KEY}"] = path
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in config.items()}


def not_regular(tmp_path: Path) -> dict[str, str]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {"/dev/zero": "a character device", str(fifo): "a FIFO", str(tmp_path): "a directory"}


def fifty_megabytes(tmp_path: Path) -> Path:
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    return big


def test_what_is_not_a_regular_file_is_refused_naming_the_setting(tmp_path: Path) -> None:
    for path, kind in not_regular(tmp_path).items():
        with pytest.raises(pulumi.RunError) as caught:
            read_bounded(KEY, path, MAX_SETTINGS_BYTES)
        message = str(caught.value)
        assert message.startswith(f"{KEY}: {path!r} must be a regular file; it is {kind}")
        assert "\n" not in message


def test_a_file_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(pulumi.RunError) as caught:
        read_bounded(KEY, str(fifty_megabytes(tmp_path)), MAX_SETTINGS_BYTES)
    assert str(caught.value) == (
        f"{KEY}: {str(tmp_path / 'big.json')!r} must be at most 1,000,000 bytes; it is 52,428,800"
    )


def test_the_limit_itself_is_allowed_one_byte_more_is_not(tmp_path: Path) -> None:
    exact, over = tmp_path / "exact.png", tmp_path / "over.png"
    exact.write_bytes(b"x" * MAX_ASSET_BYTES)
    over.write_bytes(b"x" * (MAX_ASSET_BYTES + 1))
    assert len(read_bounded("logo", str(exact), MAX_ASSET_BYTES)) == MAX_ASSET_BYTES
    with pytest.raises(pulumi.RunError, match=r"logo: .* must be at most 1,000,000 bytes"):
        read_bounded("logo", str(over), MAX_ASSET_BYTES)


def test_the_limits_are_cognitos() -> None:
    # botocore cognito-idp 2016-04-18: AssetBytesType is a blob of at most 1000000 bytes.
    assert MAX_ASSET_BYTES == 1_000_000
    assert MAX_SETTINGS_BYTES == 1_000_000


def test_a_missing_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(pulumi.RunError, match=f"^{KEY}: cannot read .*No such file"):
        read_bounded(KEY, str(tmp_path / "none.json"), 10)
    with pytest.raises(pulumi.RunError, match=f"^{KEY}: cannot read"):
        read_bounded(KEY, "nul\0byte.json", 10)


def test_asset_files_are_bounded_and_named_by_their_entry(tmp_path: Path) -> None:
    big = tmp_path / "logo.png"
    big.write_bytes(b"x" * (MAX_ASSET_BYTES + 1))
    entries = [
        {"category": "PAGE_HEADER_LOGO", "colorMode": "LIGHT", "file": str(tmp_path / "ok.png")},
        {"category": "FAVICON_ICO", "colorMode": "LIGHT", "file": str(big)},
    ]
    (tmp_path / "ok.png").write_bytes(b"\x89PNG")
    with pytest.raises(
        pulumi.RunError, match=r"^managedLoginBrandingAssets\[1\]\.file: .*1,000,000"
    ):
        read_branding_assets("managedLoginBrandingAssets", entries)
    for path in not_regular(tmp_path):
        entries[1]["file"] = path
        with pytest.raises(pulumi.RunError, match="must be a regular file"):
            read_branding_assets("managedLoginBrandingAssets", entries)


def test_settings_are_read_once_as_json(tmp_path: Path) -> None:
    doc = tmp_path / "branding.json"
    doc.write_text('{"components": {}}')
    assert read_branding_settings(KEY, str(doc)) == {"components": {}}


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "directory", "50 MB"])
def test_the_program_fails_at_once_naming_the_setting(
    cloud: FakeCloud, tmp_path: Path, kind: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = {
        "/dev/zero": "/dev/zero",
        "fifo": str(fifo),
        "directory": str(tmp_path),
        "50 MB": str(fifty_megabytes(tmp_path)),
    }[kind]
    pulumi.runtime.set_all_config(dev_config_with(path))
    with pytest.raises(pulumi.RunError) as caught:
        runpy.run_path(str(MAIN), run_name="__main__")
    assert str(caught.value).startswith(f"{KEY}: {path!r} must be ")
    assert "\n" not in str(caught.value)
    assert not cloud.log  # nothing registered, nothing created
