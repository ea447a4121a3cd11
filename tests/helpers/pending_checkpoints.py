"""Canned ``pulumi stack export`` and ``pulumi stack history --json`` documents holding
pending creates, for the tests of the orphan proof (``_orphan_proof``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pulumi_beyondidentity._orphan_proof import OWNER_KEY

STACK = "organization/beyondidentity-cognito/dev"
URN = "urn:pulumi:dev::beyondidentity-cognito::pulumi-python:dynamic:Resource::customers"
NOW = datetime.now(UTC)


def run_at(moment: datetime, tag: str = "0a1b2c") -> str:
    return f"{moment.isoformat(timespec='microseconds')}~{tag}"


EARLIER = run_at(NOW - timedelta(seconds=30))


def creating(run: str, name: str = "Customers", urn: str = URN) -> dict[str, Any]:
    inputs = {"display_name": name, OWNER_KEY: {"stack": STACK, "run": run}}
    return {"type": "creating", "resource": {"urn": urn, "type": "t", "inputs": inputs}}


def export(*ops: dict[str, Any]) -> dict[str, Any]:
    return {"version": 3, "deployment": {"resources": [], "pending_operations": list(ops)}}


def update(started: datetime, result: str = "succeeded") -> dict[str, Any]:
    return {
        "kind": "update",
        "result": result,
        "startTime": started.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
