"""What the Beyond Identity objects are told: the authenticator's settings and the OIDC
application's protocol, from the arguments."""

from __future__ import annotations

import pulumi

from pulumi_beyondidentity import AuthenticatorSettingsArgs, Hosts, ProtocolConfigArgs

from ._args import CognitoFederationArgs


def allowed_scopes(args: CognitoFederationArgs) -> list[str]:
    """The scopes Cognito may ask Beyond Identity for (besides ``openid``)."""
    if args.allowed_scopes is not None:
        return list(args.allowed_scopes)
    return list(args.resource_server_scopes)


def authenticator_settings(args: CognitoFederationArgs, hosts: Hosts) -> AuthenticatorSettingsArgs:
    """A hosted-web authenticator trusting the Beyond Identity auth host (or the given origins)."""
    origins = (
        list(args.authenticator_trusted_origins)
        if args.authenticator_trusted_origins is not None
        else [hosts.hosted_web_origin]
    )
    settings: AuthenticatorSettingsArgs = {"type": "hosted_web", "trusted_origins": origins}
    if args.authentication_methods is not None:
        settings["authentication_methods"] = list(args.authentication_methods)
    return settings


def protocol_config(
    args: CognitoFederationArgs, redirect_uri: pulumi.Input[str]
) -> ProtocolConfigArgs:
    """A confidential OIDC client with the code grant, redirecting to Cognito."""
    return {
        "type": "oidc",
        "confidentiality": "confidential",
        "grant_type": ["authorization_code"],
        "redirect_uris": [redirect_uri],
        "allowed_scopes": allowed_scopes(args),
        "pkce": args.pkce,  # type: ignore[typeddict-item]  # validated against PKCE_CHOICES
        "token_configuration": {
            "expires_after": args.token_expires_after,
            "subject_field": args.subject_field,  # type: ignore[typeddict-item]  # validated
        },
    }
