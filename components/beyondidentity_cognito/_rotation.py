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

from ._inputs import derived


def application_display_name(
    display_name: pulumi.Input[str], rotation_label: str | None
) -> pulumi.Input[str]:
    """The application's display name; a rotation label makes the old and new ones differ."""
    if rotation_label is None:
        return display_name
    return derived(display_name, lambda name: f"{name} ({rotation_label})")


def application_options(
    rotation_label: str | None, opts: pulumi.ResourceOptions
) -> pulumi.ResourceOptions:
    """``opts`` plus the replacement trigger: the rotation label, ``""`` when there is none.

    Never None: the engine ignores a trigger that appears or disappears (null means "no
    trigger"), so the first label would not rotate. ``""`` also keeps stacks deployed before
    the trigger existed as they are (their stored trigger is null).
    """
    return pulumi.ResourceOptions.merge(
        opts, pulumi.ResourceOptions(replacement_trigger=rotation_label or "")
    )
