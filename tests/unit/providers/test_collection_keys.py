"""Natural-key matching (``Collection.holds``): which objects hold the key a create asks for."""

from __future__ import annotations

from typing import Any

from pulumi_beyondidentity import BeyondIdentityClient
from pulumi_beyondidentity.application import APPLICATION

APP: dict[str, Any] = {
    "id": "a1",
    "display_name": "M2M",
    "protocol_config": {"type": "oauth2", "confidentiality": "confidential"},
}


def test_a_part_the_request_leaves_out_matches_anything_past_the_exact_parts(
    client: BeyondIdentityClient,
) -> None:
    # Applications: the name and resource server must match; a protocol type or
    # confidentiality the request leaves out matches whatever the object has.
    apps = client.collection(APPLICATION)
    assert apps.holds(("M2M", None, None, None), APP)
    assert apps.holds(("M2M", None, "oauth2", None), APP)
    assert not apps.holds(("M2M", None, "oidc", None), APP)
    assert not apps.holds(("M2M", "rs1", None, None), APP)
