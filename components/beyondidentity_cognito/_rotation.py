"""Zero-downtime rotation of the Beyond Identity client credentials Cognito signs in with.

Beyond Identity has no call that rotates an application's secret, so a rotation is a new
application: the ``replacement_trigger`` resource option replaces the application when the
``client_secret_rotation`` label changes. Pulumi replaces create-before-delete by default, so
the order of one ``pulumi up`` is: the new application (new client id and secret) is created;
its credentials are read; the Cognito identity provider is updated in place to them; only at
the end of the update is the old application deleted. Every moment in between has a working
pair of credentials in Cognito and the application they belong to in Beyond Identity.
"""

from __future__ import annotations

import pulumi

from ._args import CognitoFederationArgs


def application_display_name(args: CognitoFederationArgs) -> str:
    """The application's display name; a rotation label makes the old and new ones differ."""
    if args.client_secret_rotation is None:
        return args.application_display_name
    return f"{args.application_display_name} ({args.client_secret_rotation})"


def application_options(
    args: CognitoFederationArgs, opts: pulumi.ResourceOptions
) -> pulumi.ResourceOptions:
    """``opts`` plus the replacement trigger: the rotation label, ``""`` when there is none.

    Never None: the engine ignores a trigger that appears or disappears (null means "no
    trigger"), so the first label would not rotate. ``""`` also keeps stacks deployed before
    the trigger existed as they are (their stored trigger is null).
    """
    return pulumi.ResourceOptions.merge(
        opts, pulumi.ResourceOptions(replacement_trigger=args.client_secret_rotation or "")
    )
