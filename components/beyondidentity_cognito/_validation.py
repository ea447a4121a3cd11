"""Which checks run, in which order, and when: before anything is registered for the values
known then, and once known for the values wired from other resources (``Output``s).

Both runs are the same checks with the same wording (:data:`CHECKS`, one
:data:`~._checks.Check` signature, one module per concern). A value known only later is
checked inside its ``Output``: every resource input made from it waits for the check, so a
broken rule fails the deployment with the rule's one line before any resource receives the
value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pulumi

from ._args import SETTING, CognitoFederationArgs, SettingDeclaration
from ._check_app_client import check_client, check_token_policy, check_urls
from ._check_beyond_identity import (
    check_application,
    check_authenticator,
    check_realm,
    check_resource_server,
    check_rotation,
)
from ._check_domain import check_dns, check_domain
from ._check_identity_provider import check_identity_provider, check_routing
from ._check_login_pages import check_managed_login
from ._check_text import check_control_characters
from ._check_user_pool import check_user_pool
from ._checks import Check, Checks, Context, has_outputs
from ._errors import CognitoFederationError, Violation
from ._wording import ARGUMENTS, Wording

_SOON = (
    "must be known when the program runs, not an Output of another resource: it decides "
    "which resources the component makes"
)


def check_known_when_needed(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    """The arguments declared ``plain`` (they shape the resources) must not be ``Output``s."""
    for item in dataclasses.fields(a):
        declaration = item.metadata.get(SETTING)
        plain = isinstance(declaration, SettingDeclaration) and declaration.plain
        if plain and has_outputs(getattr(a, item.name)):
            c.fail(item.name, _SOON)


CHECKS: tuple[Check, ...] = (
    check_known_when_needed,
    check_realm,
    check_resource_server,
    check_authenticator,
    check_application,
    check_user_pool,
    check_domain,
    check_identity_provider,
    check_client,
    check_urls,
    check_token_policy,
    check_routing,
    check_managed_login,
    check_dns,
    check_rotation,
    check_control_characters,
)
"""Every check, in the order problems are listed."""


@dataclass(frozen=True)
class Findings:
    """What the checks found: problems (the run stops) and warnings (advice)."""

    problems: tuple[Violation, ...]
    warnings: tuple[str, ...]


def validate(
    args: CognitoFederationArgs, context: Context, wording: Wording = ARGUMENTS
) -> Findings:
    """Every problem with the values known now, and every warning, in the caller's words."""
    c = Checks(wording)
    for check in CHECKS:
        check(c, args, context)
    return Findings(tuple(c.problems), tuple(c.warnings))


@dataclass(frozen=True)
class Judge:
    """Checks a :class:`CognitoFederation`'s arguments: now, and once wired values are known."""

    name: str
    """The component's name, for the error."""
    context: Context
    wording: Wording = ARGUMENTS

    def checked(self, args: CognitoFederationArgs) -> CognitoFederationArgs:
        """``args`` with every value wired from another resource replaced by an ``Output``
        that is checked once known; warnings are logged.

        :raises CognitoFederationError: every problem with the values known now.
        """
        findings = validate(args, self.context, self.wording)
        if findings.problems:
            raise CognitoFederationError(self.name, findings.problems, self.wording)
        for warning in findings.warnings:
            pulumi.log.warn(warning)
        later: dict[str, Any] = {
            item.name: self._once_known(args, item.name, findings.warnings)
            for item in dataclasses.fields(args)
            if has_outputs(getattr(args, item.name))
        }
        return dataclasses.replace(args, **later) if later else args

    def _once_known(
        self, args: CognitoFederationArgs, argument: str, warned: Sequence[str]
    ) -> pulumi.Output[Any]:
        value = pulumi.Output.from_input(getattr(args, argument))
        # Whether the value is secret decides whether a message may show it.
        secret: pulumi.Output[bool] = pulumi.Output.from_input(cast(Any, value.is_secret()))

        def judge(known: list[Any]) -> Any:
            value, secret = known
            found = validate(
                dataclasses.replace(args, **{argument: value}), self.context, self.wording
            )
            if found.problems:
                problems = _hidden(found.problems, value) if secret else found.problems
                raise CognitoFederationError(self.name, problems, known_later=True)
            for warning in found.warnings:
                if warning not in warned:
                    pulumi.log.warn(warning)
            return value

        return pulumi.Output.all(value, secret).apply(judge)


def _hidden(problems: Sequence[Violation], value: Any) -> list[Violation]:
    """The problems of a secret value, without the value: the rule up to the value found, or
    only that a rule is broken when the rule quotes the value elsewhere."""
    hidden = []
    for p in problems:
        rule = p.rule.partition("; got ")[0]
        if any(text and text in rule for text in _strings(value)):
            rule = "does not pass its rules"
        hidden.append(Violation(p.argument, f"{rule} (the value is secret: not shown)", p.field))
    return hidden


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, Sequence) and not isinstance(value, bytes):
        return [s for v in value for s in _strings(v)]
    return [str(value)]
