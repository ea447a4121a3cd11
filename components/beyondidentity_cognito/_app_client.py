"""The Cognito app client that signs in through Beyond Identity, and its sign-in URLs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from . import _urls
from ._inputs import as_list, derived, output
from ._token_policy import TokenPolicy
from ._unrecorded import Owner, check_client

# SRP for the pool's own users, refresh for everyone; the federated sign-in itself is OAuth.
EXPLICIT_AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


@dataclass(frozen=True)
class ClientRequest:
    """The app client's name, sign-in options and URLs."""

    name: pulumi.Input[str]
    allow_cognito_login: pulumi.Input[bool]
    oauth_scopes: pulumi.Input[Sequence[pulumi.Input[str]]]
    callback_urls: pulumi.Input[Sequence[pulumi.Input[str]]]
    logout_urls: pulumi.Input[Sequence[pulumi.Input[str]]]
    token_policy: TokenPolicy


@dataclass(frozen=True)
class AppClientObjects:
    """What :func:`app_client` made."""

    client: aws.cognito.UserPoolClient
    user_pool_client_id: pulumi.Output[str]
    hosted_ui_url: pulumi.Output[str]
    authorize_url: pulumi.Output[str]


def app_client(
    owner: Owner,
    request: ClientRequest,
    *,
    user_pool_id: pulumi.Output[str],
    provider_name: pulumi.Output[str],
    base_url: pulumi.Output[str],
    region: pulumi.Input[str] | None,
) -> AppClientObjects:
    """The public app client; naming the provider by its output orders it after it."""

    def providers(allow: bool) -> list[pulumi.Input[str]]:
        return [provider_name, "COGNITO"] if allow else [provider_name]

    # The client's OAuth, URL and token inputs are Optional+Computed on the real provider
    # (user_pool_client.go): one left out keeps its old value on AWS. So each one the
    # component sets is always sent, an empty list included, and removing a logout URL or
    # COGNITO from the program removes it on AWS. (default_redirect_uri is never set.)
    client = aws.cognito.UserPoolClient(
        f"{owner.name}-client",
        user_pool_id=user_pool_id,
        name=request.name,
        generate_secret=False,
        explicit_auth_flows=list(EXPLICIT_AUTH_FLOWS),
        allowed_oauth_flows_user_pool_client=True,
        allowed_oauth_flows=["code"],
        allowed_oauth_scopes=as_list(request.oauth_scopes),
        callback_urls=as_list(request.callback_urls),
        logout_urls=as_list(request.logout_urls),
        supported_identity_providers=derived(request.allow_cognito_login, providers),
        region=region,
        opts=pulumi.ResourceOptions(parent=owner.component),
        **request.token_policy.client_arguments(),
    )
    check_client(owner, client, f"{owner.name}-client", pool_id=user_pool_id, name=request.name)
    first_callback = output(request.callback_urls).apply(lambda urls: urls[0])
    signed_in: list[Any] = [base_url, client.id, first_callback, output(request.oauth_scopes)]
    return AppClientObjects(
        client=client,
        user_pool_client_id=client.id,
        hosted_ui_url=pulumi.Output.all(*signed_in).apply(
            lambda v: _urls.hosted_ui_url(v[0], v[1], v[2], v[3])
        ),
        authorize_url=pulumi.Output.all(*signed_in, provider_name).apply(
            lambda v: _urls.authorize_url(v[0], v[1], v[2], v[3], v[4])
        ),
    )
