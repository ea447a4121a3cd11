"""Which test folders test the product and which test our offline stand-ins.

The product is what users install and run: the providers, the client, the component, the
program, the policy pack, the review tools. The stand-ins exist only because no Beyond
Identity tenant and no AWS account are reachable here: the emulator, the AWS stand-in plugin,
Cognito's hosted UI and the local stack that starts them. Their tests carry the marker
``standin`` (set by ``tests/conftest.py`` from this table), so ``make test-product`` runs the
product's tests alone. ``unit/architecture/test_subjects_table.py`` checks that every test
folder is listed here exactly once.
"""

from __future__ import annotations

STANDIN_FOLDERS: dict[str, str] = {
    "contract/emulator": "the Beyond Identity emulator's API, OIDC and faults",
    "contract/aws_standin": "the moto-backed AWS stand-in plugin and its rules table",
    "contract/hosted_ui": "the Cognito hosted UI and OAuth endpoints of the local stack",
    "contract/local_stack": "`python -m local_stack` starting and stopping the stand-ins",
    "engine/aws_standin": "the AWS stand-in plugin through the real engine",
}
"""Folder (relative to ``tests/``) -> what stand-in its tests check."""

PRODUCT_FOLDERS: dict[str, str] = {
    "unit/architecture": "the import rules and the test suite's own rules",
    "unit/client": "the client's retries, settings and read-back",
    "unit/component": "the component's checks, options and wiring under mocks",
    "unit/mutation": "the mutation tool that checks the product's rules are tested",
    "unit/plugin": "the plugin package's schema and construct under mocks",
    "unit/policy": "the policy pack's rules",
    "unit/providers": "the providers' check, diff, serialization and rules",
    "unit/review": "the review summaries",
    "contract/client": "the client against the emulator over HTTP",
    "contract/component": "the component's resources against the emulator and moto",
    "contract/policy": "the policy analyzer launcher over gRPC",
    "contract/providers": "the providers' operations and the fault campaign",
    "engine/benchmarks": "the engine-level benchmark at a small size (its output and counts)",
    "engine/component": "the component through the engine",
    "engine/consumer": "the component installed from its wheel by another project",
    "engine/docs": "the runnable blocks and generated tables of the docs",
    "engine/hosted_ui": "signing in through the deployed federation (the guide's test steps)",
    "engine/languages": "the YAML host, and TypeScript and Go programs on generated SDKs",
    "engine/policy": "the policy pack through the engine",
    "engine/review": "the reviewed plans through the engine",
    "engine/smoke": "the engine build itself",
    "engine/stack": "the dev stack end to end, kills, adoption, foreign objects",
    "engine/team_backend": "the S3 team backend",
}
"""Folder (relative to ``tests/``) -> what part of the product its tests check."""


def folder_of(relative_path: str) -> str:
    """The ``<kind>/<subject>`` folder of a test file's path relative to ``tests/``."""
    return "/".join(relative_path.split("/")[:2])


def is_standin(relative_path: str) -> bool:
    """Whether the test file at ``relative_path`` (relative to ``tests/``) tests a stand-in."""
    return folder_of(relative_path) in STANDIN_FOLDERS
