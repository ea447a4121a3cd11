"""A Pulumi state backend on moto's S3 (the tests' loopback moto server): the self-managed
``s3://`` backend teams use, with its lock objects, without AWS."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
from pulumi import automation as auto

from helpers.engine_support import engine_env, pulumi_command, require_engine

REGION = "us-east-1"
ACCESS_KEY = "backend-test"
SECRET_KEY = "backend-test-secret"


@dataclass(frozen=True)
class S3Backend:
    """A bucket on a moto server used as the state backend."""

    moto_url: str
    bucket: str

    @property
    def url(self) -> str:
        """The ``pulumi login`` URL (path-style, plain http on loopback)."""
        host = urlsplit(self.moto_url).netloc
        return (
            f"s3://{self.bucket}?endpoint={host}&disableSSL=true&s3ForcePathStyle=true"
            f"&region={REGION}"
        )

    def env(self) -> dict[str, str]:
        """Environment for the CLI: this backend and moto's fake credentials (never real ones)."""
        return {
            "PULUMI_BACKEND_URL": self.url,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": REGION,
            # Never pick up a profile or token of the machine running the tests.
            "AWS_SESSION_TOKEN": "",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.moto_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def object_keys(self, prefix: str = "") -> list[str]:
        pages = (
            self.client()
            .get_paginator("list_objects_v2")
            .paginate(Bucket=self.bucket, Prefix=prefix)
        )
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def lock_keys(self) -> list[str]:
        """Lock objects of any stack (``.pulumi/locks/...``)."""
        return self.object_keys(".pulumi/locks/")

    def checkpoint(self, project: str, stack: str) -> dict[str, Any]:
        """The stack's current state file, parsed."""
        key = f".pulumi/stacks/{project}/{stack}.json"
        body = self.client().get_object(Bucket=self.bucket, Key=key)["Body"].read()
        return dict(json.loads(body))


def create_backend(moto_url: str, bucket: str = "pulumi-state") -> S3Backend:
    """A fresh bucket on the (already reset) moto server."""
    backend = S3Backend(moto_url, bucket)
    backend.client().create_bucket(Bucket=bucket)
    return backend


def program_stack(
    tmp_path: Path,
    backend: S3Backend,
    program: Path,
    stack_name: str,
    *,
    project: str,
    instance: str = "",
    env_extra: dict[str, str] | None = None,
) -> auto.Stack:
    """Create (or select) ``stack_name`` of a copy of ``program`` on the S3 backend; each
    ``instance`` is a separate workspace (its own PULUMI_HOME), like another machine."""
    engine = require_engine()
    work = tmp_path / f"program-{stack_name}"
    if not work.exists():
        work.mkdir(parents=True)
        (work / "__main__.py").write_text((program / "__main__.py").read_text())
        options = {"virtualenv": sys.prefix} if sys.prefix != sys.base_prefix else {}
        (work / "Pulumi.yaml").write_text(
            json.dumps({"name": project, "runtime": {"name": "python", "options": options}})
        )
    env = engine_env(tmp_path / f"home-{stack_name}{instance}", engine)
    env.update(backend.env())
    env.update(env_extra or {})
    return auto.create_or_select_stack(
        stack_name,
        work_dir=str(work),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
