"""What the YAML consumer's README test reads from the local stack between the README's steps
(the test inserts a call after the steps it checks): one line ``probe <kind> <json>``.

    python tenant_probe.py application <emulator URL> <realm id>
        the realm's one application: its token lifetime as Beyond Identity holds it
    python tenant_probe.py gone <emulator URL> <moto URL>
        the tenant's realms and moto's user pools (after ``pulumi destroy``)

The API token is the local stack's (``BEYOND_IDENTITY_API_TOKEN``, from ``make local-env``).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import boto3
import httpx

TENANT = "000176d94fd7b4d1"


def get(emulator: str, path: str) -> Any:
    token = os.environ["BEYOND_IDENTITY_API_TOKEN"]
    answer = httpx.get(
        f"{emulator}/v1/tenants/{TENANT}/{path}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.json()


def application(emulator: str, realm: str) -> dict[str, Any]:
    (found,) = get(emulator, f"realms/{realm}/applications")["applications"]
    expires = found["protocol_config"]["token_configuration"]["expires_after"]
    return {"realm": realm, "expires_after": expires}


def gone(emulator: str, moto: str) -> dict[str, Any]:
    cognito = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url=moto,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    pools = cognito.list_user_pools(MaxResults=10)["UserPools"]
    realms = get(emulator, "realms")["realms"]
    return {"realms": [r["id"] for r in realms], "user_pools": [p["Id"] for p in pools]}


def main() -> None:
    kind, *args = sys.argv[1:]
    found = application(*args) if kind == "application" else gone(*args)
    print(f"probe {kind} {json.dumps(found)}")


if __name__ == "__main__":
    main()
