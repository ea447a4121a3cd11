"""Checks of the Beyond Identity side: realm, resource server, hosted-web authenticator,
application and its client-secret rotation label."""

from __future__ import annotations

import re
from typing import Any

from pulumi_beyondidentity.application import SUBJECT_FIELDS
from pulumi_beyondidentity.authenticator_config import AUTHENTICATION_METHODS
from pulumi_beyondidentity.realm import CLASSIFICATIONS
from pulumi_beyondidentity.rules import (
    UINT32_MAX,
    display_name_problem,
    identifier_problem,
    realm_id_problem,
    realm_name_problem,
    scope_problem,
)

from ._args import CognitoFederationArgs
from ._checks import Checks, Context, Where, is_plain, text_rule
from ._choices import Pkce, choices

ROTATION_LABEL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$")
ROTATION_LABEL = text_rule(
    ROTATION_LABEL_RE,
    "must be a label of 1-32 letters, digits and ._:- starting with a letter or digit "
    "(e.g. 2026-12)",
)


def check_realm(c: Checks, a: CognitoFederationArgs, context: Context) -> None:
    if a.realm_id is not None:
        c.rule("realm_id", a.realm_id, realm_id_problem)
        only_created = f"applies only to a created realm; remove it or {c.name('realm_id')}"
        for argument, value in (
            ("realm_display_name", a.realm_display_name),
            ("realm_classification", a.realm_classification),
        ):
            if value is not None:
                c.fail(argument, only_created)
        if is_plain(a.realm_force_destroy) and a.realm_force_destroy:
            c.fail("realm_force_destroy", only_created)
        return
    if a.realm_display_name is not None:
        c.rule("realm_display_name", a.realm_display_name, realm_name_problem)
    elif (problem := realm_name_problem(context.default_name)) is not None:
        c.fail(
            "realm_display_name",
            f"{problem} (it defaults to <project>-<stack>-<component name>; set it)",
        )
    if a.realm_classification is not None:
        c.choice("realm_classification", a.realm_classification, CLASSIFICATIONS)
    c.boolean("realm_force_destroy", a.realm_force_destroy)


def check_resource_server(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    c.rule("resource_server_display_name", a.resource_server_display_name, display_name_problem)
    c.rule("resource_server_identifier", a.resource_server_identifier, identifier_problem)
    offered: set[str] = set()
    for place, scope in c.items("resource_server_scopes", a.resource_server_scopes, what="scopes"):
        if _bi_scope(c, place, scope):
            offered.add(scope)
    if a.allowed_scopes is None:
        return
    for place, scope in c.items("allowed_scopes", a.allowed_scopes, what="scopes"):
        # Subset of the offered scopes: judged only when those are known too.
        known = is_plain(a.resource_server_scopes)
        if _bi_scope(c, place, scope) and known and scope not in offered:
            c.fail(
                place,
                f"must be one of {c.name('resource_server_scopes')} "
                f"({', '.join(sorted(offered))}); got {scope!r}",
            )


def _bi_scope(c: Checks, place: Where, scope: Any) -> bool:
    if not c.rule(place, scope, scope_problem):
        return False
    if scope == "openid":
        c.fail(
            place,
            "must not be 'openid': Cognito always requests it and Beyond Identity "
            "allows it implicitly",
        )
        return False
    return True


def check_authenticator(c: Checks, a: CognitoFederationArgs, context: Context) -> None:
    c.rule("authenticator_display_name", a.authenticator_display_name, display_name_problem)
    if a.authenticator_trusted_origins is not None:
        # The contract allows a hosted-web config without trusted origins.
        for place, origin in c.items(
            "authenticator_trusted_origins", a.authenticator_trusted_origins, what="origins"
        ):
            c.web_url(place, origin, prefix=True)
    # The providers refuse these settings too, but only once the Beyond Identity resources
    # are checked; reporting them here fails the run before anything (AWS included) is made.
    for setting, rule in context.hosts.problems:
        c.fail_setting(setting, rule)
    if a.authentication_methods is not None:
        for place, method in c.items(
            "authentication_methods", a.authentication_methods, min_items=1, what="methods"
        ):
            c.choice(place, method, AUTHENTICATION_METHODS)


def check_application(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    c.rule("application_display_name", a.application_display_name, display_name_problem)
    c.choice("pkce", a.pkce, choices(Pkce))
    c.choice("subject_field", a.subject_field, SUBJECT_FIELDS)
    expires = a.token_expires_after
    if is_plain(expires) and (
        isinstance(expires, bool) or not isinstance(expires, int) or not 1 <= expires <= UINT32_MAX
    ):
        c.fail(
            "token_expires_after",
            f"must be a whole number of seconds from 1 to {UINT32_MAX}; got {expires!r}",
        )


def check_rotation(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    if a.client_secret_rotation is not None:
        c.text("client_secret_rotation", a.client_secret_rotation, ROTATION_LABEL)
