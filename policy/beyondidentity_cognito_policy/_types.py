"""The resource types the rules judge, as the analyzer names them."""

from __future__ import annotations

from typing import Final

USER_POOL: Final = "aws:cognito/userPool:UserPool"
USER_POOL_CLIENT: Final = "aws:cognito/userPoolClient:UserPoolClient"
IDENTITY_PROVIDER: Final = "aws:cognito/identityProvider:IdentityProvider"
# Dynamic resources appear to analyzers as pulumi-python:dynamic/<module>:<name>.
BI_APPLICATION: Final = "pulumi-python:dynamic/beyondidentity:Application"
BI_CREDENTIALS: Final = "pulumi-python:dynamic/beyondidentity:ApplicationCredentials"

SHORT_TYPES: Final = {
    USER_POOL: "Cognito UserPool",
    USER_POOL_CLIENT: "Cognito UserPoolClient",
    IDENTITY_PROVIDER: "Cognito IdentityProvider",
    BI_APPLICATION: "Beyond Identity Application",
    BI_CREDENTIALS: "Beyond Identity ApplicationCredentials",
}
