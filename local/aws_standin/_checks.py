"""Preview-time value checks, each with the words the real provider refuses a value in.

A ``Check`` is one rule on one value (a length, a range, a pattern, a list size). It knows how to
describe itself for the generated rules table (``describe``) and how to word a refusal. The
wording follows the validator the Terraform AWS provider uses for that attribute, with the
pulumi-aws wire name in place of the Terraform attribute name, because that is what the user
wrote:

* ``sdk``: terraform-plugin-sdk v2 ``validation.*`` (``expected length of domain to be in the
  range (1 - 63), got …``), used by the SDK resources (user pool, domain, identity provider,
  Route 53 record);
* ``framework``: terraform-plugin-framework-validators (``Attribute name string length must be
  between 1 and 128, got: 200``), used by the framework resources (app client, branding);
* ``cognito``: the hand-written validators of ``internal/service/cognitoidp/validate.go``
  (``"smsAuthenticationMessage" does not contain {####}``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Style = Literal["sdk", "framework", "cognito"]

# terraform-provider-aws internal/verify/validate.go ValidARN: arn:partition:service:region:account:resource
_ARN = re.compile(r"^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12})?:.+$")


@dataclass(frozen=True)
class Check:
    """One rule on a set, known value: ``test`` passes it, ``refusal`` words a failure."""

    describe: str
    test: Callable[[Any], bool]
    refusal: Callable[[Any, str], str]

    def problem(self, value: Any, path: str) -> str | None:
        return None if self.test(value) else self.refusal(value, path)


def length(low: int, high: int, style: Style = "sdk") -> Check:
    """A string of ``low``..``high`` characters (UTF-8 characters: Python's ``len``)."""

    def refusal(value: Any, path: str) -> str:
        if style == "framework":
            return (
                f"Attribute {path} string length must be between {low} and {high}, "
                f"got: {len(value)}"
            )
        if style == "cognito":
            if len(value) < low:
                plural = "s" if low > 1 else ""
                return f'"{path}" cannot be less than {low} UTF-8 character{plural}'
            return f'"{path}" cannot be longer than {high} UTF-8 characters'
        return f"expected length of {path} to be in the range ({low} - {high}), got {value}"

    return Check(f"{low}-{high} characters", lambda v: low <= len(v) <= high, refusal)


def between(low: int, high: int, style: Style = "sdk") -> Check:
    """A whole number in ``low``..``high``."""

    def refusal(value: Any, path: str) -> str:
        if style == "framework":
            return f"Attribute {path} value must be between {low} and {high}, got: {int(value)}"
        return f"expected {path} to be in the range ({low} - {high}), got {int(value)}"

    return Check(f"{low}-{high}", lambda v: low <= v <= high, refusal)


def pattern(regex: str, describe: str, message: str | None = None) -> Check:
    """A string in which ``regex`` matches (Go's ``MatchString``: unanchored unless the regex is).

    ``message`` is the provider's own words after the path (``{path}`` is filled in); without
    it the SDK's ``invalid value for <path> (<describe>)``.
    """
    compiled = re.compile(regex)

    def refusal(value: Any, path: str) -> str:
        if message is not None:
            return message.format(path=path, value=value)
        return f"invalid value for {path} ({describe})"

    return Check(describe, lambda v: compiled.search(v) is not None, refusal)


def arn() -> Check:
    """terraform-provider-aws ``verify.ValidARN``."""
    return Check(
        "an ARN",
        lambda v: v == "" or _ARN.match(v) is not None,
        lambda v, p: f'"{p}" ({v}) is an invalid ARN: arn: invalid prefix',
    )


def at_most(count: int, style: Style = "sdk") -> Check:
    """A list (Terraform list or set) of at most ``count`` items."""

    def refusal(value: Any, path: str) -> str:
        if style == "framework":
            return f"Attribute {path} set must contain at most {count} elements, got: {len(value)}"
        return f"{path}: attribute supports {count} item maximum, config has {len(value)} declared"

    return Check(f"at most {count} items", lambda v: len(v) <= count, refusal)


def go_duration(seconds: int) -> str:
    """Go's ``time.Duration.String()`` for whole seconds (``48h0m0s``, ``5m0s``, ``30s``)."""
    if seconds == 0:
        return "0s"
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}h{minutes}m{secs}s"
    if minutes:
        return f"{sign}{minutes}m{secs}s"
    return f"{sign}{secs}s"
