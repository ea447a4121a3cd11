"""``ApplicationCredentials``: an application's client id, secret and OIDC endpoints,
as a resource of its own that does not change when the application's settings do.

Why it exists: dynamic providers cannot take part in previews (their server
answers ``supportsPreview=False``), so while an ``Application`` is being updated
the plan sees all of its outputs as unknown, and everything wired to them (a
Cognito identity provider) shows an update too, although nothing will change
for it. This resource depends only on the application's id, which an update
keeps, so its outputs stay known in the plan and a rename plans exactly one
update. Beyond Identity has no separate credentials object: ``create`` and
``read`` read the application, and ``delete`` leaves it alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi.dynamic
from pulumi.dynamic import CreateResult

from ._client import BeyondIdentityClient, Collection
from ._errors import BeyondIdentityError, NotFoundError
from ._inputs import UUID_RE, Checker
from ._provider import BeyondIdentityProvider, _plain_errors
from ._resource import resource_props
from ._settings import Settings
from .application import ENDPOINTS, credential_outputs
from .resource_server import check_realm_id


class ApplicationCredentialsProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`ApplicationCredentials` (reads only; never changes Beyond Identity)."""

    label = "ApplicationCredentials"
    input_fields = ("realm_id", "application_id")
    replace_paths = ("realm_id", "application_id")

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        return {
            "realm_id": check_realm_id(checker, raw.get("realm_id")),
            "application_id": checker.string(
                raw.get("application_id"),
                "application_id",
                required=True,
                pattern=UUID_RE,
                rule="must be an application id (a UUID)",
            ),
        }

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.CheckResult:
        result = super().check(olds, news)
        result.inputs.pop("adopt_id", None)
        result.failures = [f for f in result.failures if f.property != "adopt_id"]
        return result

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.applications

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        return {
            "realm_id": obj.get("realm_id"),
            "application_id": obj.get("id"),
            **credential_outputs(obj, settings),
        }

    @_plain_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Read the application's credentials (nothing is created in Beyond Identity)."""
        inputs = self._checked(props)
        try:
            app = self.client.applications.get(
                inputs["application_id"], realm_id=inputs["realm_id"]
            )
        except NotFoundError:
            raise BeyondIdentityError(
                f"application {inputs['application_id']} does not exist in realm {inputs['realm_id']}"
            ) from None
        return CreateResult(str(app["id"]), self.outputs(app, self.client.settings))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        """Nothing to delete: the credentials belong to the application."""


@dataclass
class ApplicationCredentialsArgs:
    """The arguments for constructing :class:`ApplicationCredentials`."""

    realm_id: pulumi.Input[str]
    """The realm of the application."""
    application_id: pulumi.Input[str]
    """The application whose credentials to expose (e.g. ``app.id``)."""


class ApplicationCredentials(
    pulumi.dynamic.Resource, module="beyondidentity", name="ApplicationCredentials"
):
    """The client id, client secret (a Pulumi secret) and OIDC endpoints of an application.

    Wire these, rather than the :class:`Application`'s own outputs, into resources
    that should not be planned for an update whenever the application changes
    (see the module documentation). Replaced when the application is.

    ## Example Usage

    .. code-block:: python

        creds = ApplicationCredentials("cognito-creds", realm_id=app.realm_id, application_id=app.id)
    """

    realm_id: pulumi.Output[str]
    """The realm of the application."""
    application_id: pulumi.Output[str]
    """The application."""
    client_id: pulumi.Output[str]
    """The OAuth client id."""
    client_secret: pulumi.Output[str | None]
    """The OAuth client secret (a secret; none for public clients)."""
    issuer: pulumi.Output[str]
    """The OIDC issuer of the application."""
    discovery_url: pulumi.Output[str]
    """``{issuer}/.well-known/openid-configuration``."""
    authorize_url: pulumi.Output[str]
    """``{issuer}/authorize``."""
    token_url: pulumi.Output[str]
    """``{issuer}/token``."""
    userinfo_url: pulumi.Output[str]
    """``{issuer}/userinfo``."""
    jwks_url: pulumi.Output[str]
    """``{issuer}/.well-known/jwks.json``."""

    def __init__(
        self,
        resource_name: str,
        args: ApplicationCredentialsArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        application_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Expose an application's credentials.

        :param resource_name: the Pulumi name of the resource.
        :param args: the arguments, as :class:`ApplicationCredentialsArgs` (or pass them as keywords).
        :param opts: options for the resource.
        :param realm_id: the realm of the application (required).
        :param application_id: the application (required).
        """
        props = resource_props(
            "ApplicationCredentials",
            args,
            {"realm_id": realm_id, "application_id": application_id},
            required=("realm_id", "application_id"),
            outputs=("client_id", "client_secret", "issuer", *ENDPOINTS),
        )
        secret = pulumi.ResourceOptions(additional_secret_outputs=["client_secret"])
        super().__init__(
            ApplicationCredentialsProvider(),
            resource_name,
            props,
            pulumi.ResourceOptions.merge(opts, secret),
        )
