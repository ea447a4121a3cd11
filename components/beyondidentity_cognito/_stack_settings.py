"""Stack settings -> ``CognitoFederationArgs``: how a Pulumi program reads its configuration.

Each argument declares its stack setting on its field (``_args.setting``: the name and type in
``Pulumi.yaml``); :data:`STACK_SETTINGS` lists those declarations in field order, and nothing
derives a name from another. A setting left at its "not set" value (``""`` or
``[]``) is not passed at all, so the component's own default applies: the defaults live in
``CognitoFederationArgs`` alone, and a test checks that the values ``Pulumi.yaml`` shows agree
with them. A value of the
wrong type is passed on as written, so the component reports it with the setting's name
instead of replacing it (``tokenExpiresAfter: 0`` is an error, not 86400).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pulumi

from ._args import SETTING, CognitoFederationArgs, SettingDeclaration, SettingType
from ._branding_files import read_branding_assets, read_branding_settings
from ._errors import Violation
from ._unknown_settings import UnknownSettingsError, closest, unknown_setting_problems


@dataclass(frozen=True)
class StackSetting:
    """One stack setting and the ``CognitoFederationArgs`` field it fills."""

    key: str
    """The setting's name in the project's namespace (``Pulumi.yaml``), e.g. ``domainPrefix``."""
    argument: str
    """The ``CognitoFederationArgs`` field, e.g. ``domain_prefix``."""
    kind: SettingType
    """The setting's ``type`` in ``Pulumi.yaml``."""
    convert: Callable[[str, Any], Any] | None = None
    """Turns a set value into the argument's (e.g. reads the files it names); gets the
    setting's key for its error messages."""
    plain: bool = False
    """True when the value must be known when the program runs (not an ``Output``)."""


# The settings that name files, and how they are read into the argument's value.
_FILE_READERS: dict[str, Callable[[str, Any], Any]] = {
    "managed_login_branding_settings": read_branding_settings,
    "managed_login_branding_assets": read_branding_assets,
}


def _declared(item: dataclasses.Field[Any]) -> SettingDeclaration | None:
    declaration = item.metadata.get(SETTING)
    return declaration if isinstance(declaration, SettingDeclaration) else None


STACK_SETTINGS: tuple[StackSetting, ...] = tuple(
    StackSetting(d.key, item.name, d.type, _FILE_READERS.get(item.name), d.plain)
    for item in dataclasses.fields(CognitoFederationArgs)
    if (d := _declared(item)) is not None
)
"""Every stack setting of the project, in ``Pulumi.yaml`` order: the arguments' declarations."""


def setting_names(settings: tuple[StackSetting, ...] = STACK_SETTINGS) -> dict[str, str]:
    """Argument -> setting name, for :class:`CognitoFederation`'s ``argument_names``."""
    return {s.argument: s.key for s in settings}


def _read(config: pulumi.Config, setting: StackSetting) -> Any:
    """The setting's value as the config holds it (JSON decoded for arrays and objects), or
    None when it is not set; a mistyped value comes back as text."""
    raw = config.get(setting.key)
    if raw is None:
        return None
    if setting.kind in ("array", "object"):
        try:
            return json.loads(raw)
        except ValueError:
            return raw  # reported by the component: "must be a list of ...; got 'x'"
    if setting.kind == "boolean":
        return {"true": True, "false": False}.get(raw.strip().lower(), raw)
    if setting.kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw  # reported: "must be a whole number of seconds ...; got '1h'"
    return raw


_EMPTY: dict[str, Any] = {"array": [], "object": {}}


def _whole(value: Any) -> Any:
    """An integral float (``3600.0``: how a component provider hands over integers) as the
    integer it is; anything else as it is (the component reports a wrong one)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _normalized(setting: StackSetting, value: Any) -> Any:
    """The value to pass for ``setting``, or None when it is "not set" (None, ``""``, ``[]``
    for a list, ``{}`` for an object). Values not known yet (``Output``s) are converted once known."""
    if value is None:
        return None
    if isinstance(value, pulumi.Output):
        if setting.kind == "integer":
            return value.apply(_whole)
        return value
    if isinstance(value, str):
        value = value.strip()
    # "Not set" as Pulumi.yaml shows it: "", and [] or {} for a list or an object.
    if (isinstance(value, str) and not value) or value == _EMPTY.get(setting.kind, ""):
        return None
    return _whole(value) if setting.kind == "integer" else value


def args_from_settings(
    values: Mapping[str, Any], settings: tuple[StackSetting, ...] = STACK_SETTINGS
) -> CognitoFederationArgs:
    """``CognitoFederationArgs`` from values keyed by setting name (``domainPrefix``), as a
    program in another language or a component provider hands them over.

    Values may be plain or ``Output``s (wired from other resources); a setting left out or
    "not set" (None, ``""``, ``[]``, ``{}``) keeps the component's default; integral floats
    (``3600.0``) are the integers they are. Settings that name files are read here. Values of
    the wrong type are passed on, so the component reports them under the setting's name
    (pass ``argument_names=setting_names()``).

    :raises UnknownSettingsError: a key that is not one of ``settings``, with the closest one.
    """
    by_key = {s.key: s for s in settings}
    unknown = [key for key in values if key not in by_key]
    if unknown:
        raise UnknownSettingsError(
            Violation(key, _unknown_rule(key, by_key)) for key in sorted(unknown)
        )
    arguments: dict[str, Any] = {}
    for key, raw in values.items():
        setting = by_key[key]
        value = _normalized(setting, raw)
        if value is not None:
            arguments[setting.argument] = (
                setting.convert(setting.key, value) if setting.convert else value
            )
    arguments.setdefault("callback_urls", [])  # required: the component reports it missing
    return CognitoFederationArgs(**arguments)


def _unknown_rule(key: str, known: Collection[str]) -> str:
    suggestion = closest(key, known)
    rule = "not a setting of CognitoFederation"
    return f"{rule}; did you mean {suggestion}?" if suggestion else rule


def args_from_config(
    config: pulumi.Config | None = None,
    settings: tuple[StackSetting, ...] = STACK_SETTINGS,
    *,
    own_settings: Collection[str] = (),
) -> CognitoFederationArgs:
    """``CognitoFederationArgs`` from the settings that are set in ``config`` (default: the
    current project's namespace); the others keep the component's defaults.

    Every key of ``config``'s namespace must be one of ``settings`` or ``own_settings``, and
    every ``beyondidentity:*`` key one the providers read: a misspelled setting would
    otherwise be ignored silently. The values then go through :func:`args_from_settings`.

    :param config: the namespace to read (``pulumi.Config("login")`` keeps the component's
        settings apart from the program's own).
    :param settings: the settings to read (a subset of :data:`STACK_SETTINGS`).
    :param own_settings: keys of the same namespace the program reads itself (e.g.
        ``["environment"]``), so they are not reported as unknown.
    :raises UnknownSettingsError: one line per unknown key, with the closest setting.
    """
    config = config if config is not None else pulumi.Config()
    known = {s.key for s in settings} | set(own_settings)
    problems = unknown_setting_problems(config.name, known)
    if problems:
        raise UnknownSettingsError(problems)
    return args_from_settings({s.key: _read(config, s) for s in settings}, settings)
