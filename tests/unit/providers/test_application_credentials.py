"""``ApplicationCredentialsProvider``'s check and diff: the two ids, named failures, and every
change a replacement (its create/read/update/delete: tests/contract/providers)."""

from __future__ import annotations

import pytest

from pulumi_beyondidentity.application_credentials import ApplicationCredentialsProvider

PROVIDER_KEY = "__provider"
REALM = "19a95130480dfa79"
APP = "38833c36-6f47-4992-9329-ea0a00915137"


def check(news: dict[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    result = ApplicationCredentialsProvider().check({}, {**news, PROVIDER_KEY: "p"})
    return result.inputs, {f.property: f.reason for f in result.failures}


def test_check_accepts_the_two_ids_and_names_each_problem() -> None:
    inputs, failures = check({"realm_id": REALM, "application_id": APP})
    assert (inputs, failures) == ({"realm_id": REALM, "application_id": APP}, {})
    _, failures = check({"application_id": "nope"})
    assert failures["realm_id"] == "realm_id is required"
    assert "must be an application id (a UUID); got 'nope'" in failures["application_id"]
    # a view of an application adopts nothing, and takes nothing else
    _, failures = check({"realm_id": REALM, "application_id": APP, "adopt_id": APP, "x": 1})
    assert set(failures) == {"adopt_id", "x"}
    assert "is not an input of ApplicationCredentials" in failures["adopt_id"]


@pytest.mark.parametrize(
    ("field", "value"), [("realm_id", "0123456789abcdef"), ("application_id", APP[:-1] + "0")]
)
def test_diff_replaces_on_either_id_and_nothing_else_changes(field: str, value: str) -> None:
    provider = ApplicationCredentialsProvider()
    old = {"realm_id": REALM, "application_id": APP, "client_id": "c", "issuer": "i"}
    assert provider.diff(APP, old, {"realm_id": REALM, "application_id": APP}).changes is False
    changed = provider.diff(APP, old, {"realm_id": REALM, "application_id": APP, field: value})
    assert (changed.changes, changed.replaces) == (True, [field])
