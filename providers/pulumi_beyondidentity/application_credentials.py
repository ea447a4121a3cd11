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

from dataclasses import dataclass
from typing import Annotated

import pulumi

from ._declarations import REALM_ID, CredentialOutputs
from ._fields import Field, Text, declare
from ._provider import ViewProvider
from ._resource import DeclaredResource
from .application import APPLICATION
from .rules import UUID_RE


@dataclass
class ApplicationCredentialsArgs:
    """The arguments for constructing :class:`ApplicationCredentials`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    application_id: Annotated[
        pulumi.Input[str],
        Field(
            "The application whose credentials to expose (e.g. ``app.id``)",
            Text(pattern=UUID_RE, wording="must be an application id (a UUID)"),
            replaces=True,
            in_body=False,
            api_name="id",
        ),
    ]


class ApplicationCredentials(
    DeclaredResource, CredentialOutputs, module="beyondidentity", name="ApplicationCredentials"
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
    application_id: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        args: ApplicationCredentialsArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        application_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Expose an application's credentials."""
        self._declare(ApplicationCredentialsProvider(), resource_name, args, opts, locals())


class ApplicationCredentialsProvider(ViewProvider):
    """Dynamic provider for :class:`ApplicationCredentials` (reads only; never changes Beyond Identity)."""

    fields = declare("ApplicationCredentials", ApplicationCredentialsArgs, ApplicationCredentials)
    spec = APPLICATION  # a view of the application: same kind, never changed
    id_input = "application_id"
