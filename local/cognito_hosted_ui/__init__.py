"""Amazon Cognito's user-pool-domain endpoints (hosted UI, OAuth 2.0, federation), offline.

moto has no hosted UI or OAuth endpoints; this serves them over HTTPS on loopback, reading
the deployed pool, app client and identity providers from moto on every request. Clients
reach it by mapping Cognito's host names to its port (see ``README.md``).
"""

from ._routing import CognitoRoutingTransport, chromium_flags, cognito_client, is_cognito_host
from ._server import CognitoHostedUi
from ._tokens import pool_issuer

__all__ = [
    "CognitoHostedUi",
    "CognitoRoutingTransport",
    "chromium_flags",
    "cognito_client",
    "is_cognito_host",
    "pool_issuer",
]
