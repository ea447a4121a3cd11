"""A stand-in for the ``pulumi-resource-aws`` plugin, for tests and the offline demo only.

It implements the subset of pulumi-aws 7.51.1 that the project's stack declares (Cognito user pool,
domain, identity provider, app client and managed login branding; Route 53 records;
getRegion/getCallerIdentity/getPartition and the Cognito look-ups getUserPool/getUserPools/
getUserPoolClients) on top of a moto server reached through a loopback
endpoint, and refuses any other endpoint. See ../README.md.
"""

from typing import TYPE_CHECKING

from ._config import ConfigError, ProviderConfig, is_loopback_url, parse_config
from ._provider import PLUGIN_NAME, PLUGIN_VERSION, AwsStandinProvider, main

if TYPE_CHECKING:
    from ._resources import RESOURCES

__all__ = [
    "PLUGIN_NAME",
    "PLUGIN_VERSION",
    "RESOURCES",
    "AwsStandinProvider",
    "ConfigError",
    "ProviderConfig",
    "is_loopback_url",
    "main",
    "parse_config",
]


def __getattr__(name: str) -> object:
    # The resource table loads after the plugin's port is out (``python -m aws_standin`` runs
    # this file first): see _provider._warm_up.
    if name == "RESOURCES":
        from ._resources import RESOURCES

        return RESOURCES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
