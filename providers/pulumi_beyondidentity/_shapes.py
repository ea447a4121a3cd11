"""What a Beyond Identity answer must look like before anything uses it.

Every success body the client hands on is checked here first: an object must
be a JSON object with a non-empty string ``id`` and the documented types for
the fields it carries (unknown fields are tolerated, as the API adds some); a
list must be an object holding a list of such objects and an optional string
``next_page_token``. A problem is reported as text (never the body itself,
which can hold client secrets) and the client raises it as
:class:`~pulumi_beyondidentity.MalformedResponseError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from ._errors import MalformedResponseError

#: Accepted JSON types of one answer field.
TEXT: tuple[type, ...] = (str,)
OPTIONAL_TEXT: tuple[type, ...] = (str, type(None))
OPTIONAL_LIST: tuple[type, ...] = (list, type(None))
OPTIONAL_FLAG: tuple[type, ...] = (bool, type(None))
OBJECT: tuple[type, ...] = (dict,)


@dataclass(frozen=True)
class AnswerShape:
    """What one kind's objects look like in an answer (declared beside the kind's spec).

    :param fields: field -> accepted JSON types; only present fields are checked.
    :param nested: a further check of nested objects (None when there is none).
    """

    fields: Mapping[str, tuple[type, ...]] = dataclass_field(default_factory=dict)
    nested: Callable[[Mapping[str, Any]], str | None] | None = None


_LIST_OF_STR = {"scopes", "grant_type", "redirect_uris", "allowed_scopes", "trusted_origins"}
_PROTOCOL: dict[str, tuple[type, ...]] = {
    "type": TEXT,
    "client_id": OPTIONAL_TEXT,
    "client_secret": OPTIONAL_TEXT,
    "confidentiality": OPTIONAL_TEXT,
    "pkce": OPTIONAL_TEXT,
    "token_format": OPTIONAL_TEXT,
    "token_endpoint_auth_method": OPTIONAL_TEXT,
    "grant_type": OPTIONAL_LIST,
    "redirect_uris": OPTIONAL_LIST,
    "allowed_scopes": OPTIONAL_LIST,
    "token_configuration": (dict, type(None)),
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _check_fields(
    obj: Mapping[str, Any], rules: Mapping[str, tuple[type, ...]], prefix: str
) -> str | None:
    for name, types in rules.items():
        if name not in obj:
            continue
        value = obj[name]
        # bool is an int in Python; JSON keeps them apart.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(
                _json_type(t()) if t is not type(None) else "null" for t in types
            )
            return f"{prefix}{name} is {_json_type(value)}, expected {expected}"
        if (
            name in _LIST_OF_STR
            and isinstance(value, list)
            and not all(isinstance(item, str) for item in value)
        ):
            return f"{prefix}{name} holds a non-string item"
    return None


def object_problem(shape: AnswerShape, body: Any, expected_id: str | None = None) -> str | None:
    """Why ``body`` is not a usable object of ``shape``, or None when it is.

    :param expected_id: the id the request addressed; the answer must carry it.
    """
    if not isinstance(body, dict):
        return f"expected a JSON object, got {_json_type(body)}"
    object_id = body.get("id")
    if not isinstance(object_id, str) or not object_id:
        return "the object has no id" if object_id is None else "id is not a non-empty string"
    if expected_id is not None and object_id != expected_id:
        return f"asked for id {expected_id}, the answer is about id {object_id}"
    problem = _check_fields(body, shape.fields, "")
    if problem is None and shape.nested is not None:
        problem = shape.nested(body)
    return problem


def protocol_config_problem(body: Mapping[str, Any]) -> str | None:
    """An application's ``protocol_config`` and its ``token_configuration``."""
    pc = body.get("protocol_config")
    if isinstance(pc, dict):
        problem = _check_fields(pc, _PROTOCOL, "protocol_config.")
        if problem:
            return problem
        tc = pc.get("token_configuration")
        if isinstance(tc, dict) and "expires_after" in tc:
            after = tc["expires_after"]
            if isinstance(after, bool) or not isinstance(after, int | float):
                return "protocol_config.token_configuration.expires_after is not a number"
    return None


def authenticator_settings_problem(body: Mapping[str, Any]) -> str | None:
    """An authenticator config's ``config``: a string ``type``, a list of trusted origins."""
    config = body.get("config")
    if isinstance(config, dict):
        if not isinstance(config.get("type"), str):
            return "config.type is missing or not a string"
        return _check_fields(config, {"trusted_origins": OPTIONAL_LIST}, "config.")
    return None


def page_problem(shape: AnswerShape, plural: str, body: Any) -> str | None:
    """Why ``body`` is not a usable page of ``plural`` (objects of ``shape``), or None."""
    if not isinstance(body, dict):
        return f"expected a JSON object, got {_json_type(body)}"
    items = body.get(plural)
    if items is not None and not isinstance(items, list):
        return f"{plural} is {_json_type(items)}, expected array"
    for index, item in enumerate(items or []):
        problem = object_problem(shape, item)
        if problem:
            return f"{plural}[{index}]: {problem}"
    token = body.get("next_page_token")
    if token is not None and not isinstance(token, str):
        return f"next_page_token is {_json_type(token)}, expected string"
    return None


def require_shape(problem: str | None, status: int, method: str, path: str, mutation: bool) -> None:
    """Raise :class:`MalformedResponseError` for ``problem`` (from the checks above), if any.

    :param mutation: the request was a write, so a success status means it may have been applied.
    """
    if problem:
        raise MalformedResponseError(
            status_code=status,
            method=method,
            path=path,
            problem=problem,
            may_have_been_applied=mutation,
        )
