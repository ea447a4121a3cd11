"""Checks of the Cognito app client: its URLs, OAuth scopes, name and token policy.

Cognito's ranges, as the API reference states them (TokenValidityUnitsType,
RefreshTokenRotationType, CreateUserPoolClient): access and ID tokens 5 minutes to 1 day,
refresh tokens 60 minutes to 10 years, auth sessions 3 to 15 minutes, a rotation grace period
of 0 to 60 seconds.
"""

from __future__ import annotations

from pulumi_beyondidentity.rules import scope_problem

from ._args import CognitoFederationArgs
from ._check_user_pool import POOL_OR_CLIENT_NAME
from ._checks import Checks, Context, is_plain, whole
from ._choices import PreventUserExistenceErrors, TimeUnit, choices

COGNITO_STANDARD_SCOPES = ("openid", "email", "profile", "phone", "aws.cognito.signin.user.admin")
SCOPES_NEEDING_OPENID = ("email", "profile", "phone")
MAX_URLS = 100
MAX_OAUTH_SCOPES = 50
TIME_UNITS: dict[TimeUnit, int] = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
MINUTE, DAY, YEAR = 60, 86400, 365 * 86400
# (argument, unit argument, shortest, longest) in seconds.
TOKEN_RANGES = (
    ("access_token_validity", "access_token_validity_unit", 5 * MINUTE, DAY, "5 minutes to 1 day"),
    ("id_token_validity", "id_token_validity_unit", 5 * MINUTE, DAY, "5 minutes to 1 day"),
    (
        "refresh_token_validity",
        "refresh_token_validity_unit",
        60 * MINUTE,
        10 * YEAR,
        "60 minutes to 10 years",
    ),
)
AUTH_SESSION_RANGE = (3, 15)
GRACE_PERIOD_RANGE = (0, 60)


def check_urls(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    for place, url in c.items(
        "callback_urls", a.callback_urls, min_items=1, max_items=MAX_URLS, what="callback URLs"
    ):
        c.redirect_url(place, url)
    for place, url in c.items("logout_urls", a.logout_urls, max_items=MAX_URLS, what="logout URLs"):
        c.redirect_url(place, url)


def check_client(c: Checks, a: CognitoFederationArgs, context: Context) -> None:
    scopes = c.items(
        "oauth_scopes", a.oauth_scopes, min_items=1, max_items=MAX_OAUTH_SCOPES, what="scopes"
    )
    names = {s for _, s in scopes if isinstance(s, str)}
    for place, scope in scopes:
        if not c.text(place, scope) or not c.rule(place, scope, scope_problem):
            continue
        if scope not in COGNITO_STANDARD_SCOPES and "/" not in scope:
            c.fail(
                place,
                f"must be one of {', '.join(COGNITO_STANDARD_SCOPES)} or a Cognito resource-server "
                f"scope '<identifier>/<scope>'; got {scope!r}",
            )
        elif scope in SCOPES_NEEDING_OPENID and "openid" not in names:
            c.fail(place, f"{scope!r} needs 'openid' in {c.name('oauth_scopes')} too")
    c.boolean("allow_cognito_login", a.allow_cognito_login)
    client_name = a.app_client_name if a.app_client_name is not None else context.default_name
    c.text("app_client_name", client_name, POOL_OR_CLIENT_NAME)


def check_token_policy(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    for argument, unit_argument, shortest, longest, words in TOKEN_RANGES:
        value, unit = getattr(a, argument), getattr(a, unit_argument)
        c.choice(unit_argument, unit, tuple(TIME_UNITS))
        if not is_plain(value):
            continue
        if not whole(value) or value < 1:
            shown = unit if is_plain(unit) else "units"
            c.fail(argument, f"must be a whole number of {shown} from {words}; got {value!r}")
            continue
        if (
            isinstance(unit, str)
            and unit in TIME_UNITS
            and not shortest <= value * TIME_UNITS[unit] <= longest
        ):
            c.fail(argument, f"must be from {words}; got {value} {unit}")
    low, high = AUTH_SESSION_RANGE
    session = a.auth_session_validity
    if is_plain(session) and (not whole(session) or not low <= session <= high):
        c.fail("auth_session_validity", f"must be {low} to {high} minutes; got {session!r}")
    c.boolean("enable_token_revocation", a.enable_token_revocation)
    c.boolean("refresh_token_rotation", a.refresh_token_rotation)
    _check_grace_period(c, a)
    c.choice(
        "prevent_user_existence_errors",
        a.prevent_user_existence_errors,
        choices(PreventUserExistenceErrors),
    )


def _check_grace_period(c: Checks, a: CognitoFederationArgs) -> None:
    low, high = GRACE_PERIOD_RANGE
    grace = a.refresh_token_rotation_grace_period
    if not is_plain(grace):
        return
    if not whole(grace) or not low <= grace <= high:
        c.fail(
            "refresh_token_rotation_grace_period", f"must be {low} to {high} seconds; got {grace!r}"
        )
    elif grace and a.refresh_token_rotation is False:
        c.fail(
            "refresh_token_rotation_grace_period",
            f"applies only with {c.name('refresh_token_rotation')}; enable it or remove the "
            "grace period",
        )
