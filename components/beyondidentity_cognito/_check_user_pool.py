"""Checks of the Cognito user pool: created or given, its name, protection, MFA and region."""

from __future__ import annotations

import re

from ._args import CognitoFederationArgs
from ._checks import Checks, Context, text_rule
from ._choices import DeletionProtection, MfaConfiguration, choices

POOL_OR_CLIENT_NAME_RE = re.compile(r"^[\w\s+=,.@-]{1,128}$", re.ASCII)
USER_POOL_ID_RE = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$")
REGION_RE = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$")
POOL_OR_CLIENT_NAME = text_rule(
    POOL_OR_CLIENT_NAME_RE,
    "must be 1-128 letters, digits, spaces and +=,.@- "
    "(defaults to <project>-<stack>-<component name>)",
)
USER_POOL_ID = text_rule(
    USER_POOL_ID_RE, "must be a user pool id such as us-east-1_AbC123", max_len=55
)
REGION = text_rule(REGION_RE, "must be an AWS region name such as us-east-1 or eu-west-2")


def check_user_pool(c: Checks, a: CognitoFederationArgs, context: Context) -> None:
    if a.user_pool_id is not None:
        c.text("user_pool_id", a.user_pool_id, USER_POOL_ID)
        if a.user_pool_name is not None:
            c.fail(
                "user_pool_name",
                f"applies only to a created pool; remove it or {c.name('user_pool_id')}",
            )
    else:
        pool_name = a.user_pool_name if a.user_pool_name is not None else context.default_name
        c.text("user_pool_name", pool_name, POOL_OR_CLIENT_NAME)
    c.choice("deletion_protection", a.deletion_protection, choices(DeletionProtection))
    c.choice("mfa_configuration", a.mfa_configuration, choices(MfaConfiguration))
    c.boolean("protect_user_pool", a.protect_user_pool)
    if a.region is not None:
        c.text("region", a.region, REGION)
