"""The one component of the ``poolkit`` test package: a tagged Cognito user pool.

Its annotations are the package schema (``component_provider_host`` reads them), so this module
must not use ``from __future__ import annotations``: the analyzer needs real objects.
"""

from typing import TypedDict

import pulumi
import pulumi_aws as aws


class PoolArgs(TypedDict, total=False):
    """Inputs of ``poolkit:index:Pool``."""

    pool_name: pulumi.Input[str]
    """The Cognito user pool's name."""
    environment: pulumi.Input[str]
    """The value of the pool's ``environment`` tag (default ``dev``)."""


class Pool(pulumi.ComponentResource):
    """A Cognito user pool; its outputs are the pool's id and ARN."""

    pool_id: pulumi.Output[str]
    """The user pool's id."""
    arn: pulumi.Output[str]
    """The user pool's ARN."""

    def __init__(
        self, name: str, args: PoolArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("poolkit:index:Pool", name, {}, opts)
        pool = aws.cognito.UserPool(
            f"{name}-pool",
            name=args.get("pool_name"),
            tags={"project": "poolkit", "environment": args.get("environment", "dev")},
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.pool_id = pool.id
        self.arn = pool.arn
        self.register_outputs({"poolId": pool.id, "arn": pool.arn})
