"""Passwordless sign-in for this application's Cognito user pool, from the installed component."""

import pulumi

from beyondidentity_cognito import CognitoFederation, CognitoFederationArgs

config = pulumi.Config()
disposable = config.get_bool("disposable") or False

login = CognitoFederation(
    "login",
    CognitoFederationArgs(
        domain_prefix=config.require("domainPrefix"),
        callback_urls=[config.require("callbackUrl")],
        pkce="s256",
        # Realm, user pool and app client names default to <project>-<stack>-login: unique per
        # stack, so a second stack in the same Beyond Identity tenant does not collide.
        protect_user_pool=not disposable,
        deletion_protection="INACTIVE" if disposable else "ACTIVE",
    ),
)

pulumi.export("hostedUiUrl", login.hosted_ui_url)
pulumi.export("authorizeUrl", login.authorize_url)
pulumi.export("userPoolId", login.user_pool_id)
pulumi.export("userPoolClientId", login.user_pool_client_id)
pulumi.export("realmId", login.realm_id)
