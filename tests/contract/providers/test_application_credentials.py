"""``ApplicationCredentialsProvider``: check, diff, and create/read/update/delete against the
emulator; it only ever reads the application, and its secret stays in its one secret output."""

from __future__ import annotations

import json
import pickle

import pytest
from helpers.client_support import configured as configure
from helpers.provider_stack import PROVIDER_KEY, Stack
from pulumi.dynamic.dynamic import serialize_provider

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    ApplicationCredentialsProvider,
    BeyondIdentityError,
)

REALM = "19a95130480dfa79"
APP = "38833c36-6f47-4992-9329-ea0a00915137"
#: client_id, client_secret, issuer and the endpoint URLs
CREDENTIAL_OUTPUTS = {o.name for o in ApplicationCredentialsProvider.fields.outputs}


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


@pytest.fixture
def stack(emulator: Emulator) -> Stack:
    return Stack(emulator)


def test_lifecycle_only_reads_the_application(stack: Stack, emulator: Emulator) -> None:
    fed = stack.federation()
    provider = configure(ApplicationCredentialsProvider(), emulator)
    emulator.clear_requests()
    inputs = stack.checked(provider, {"realm_id": fed["realm_id"], "application_id": fed["app_id"]})
    created = provider.create(inputs)
    assert created.id == fed["app_id"]
    assert created.outs is not None
    assert len(CREDENTIAL_OUTPUTS) == 8
    expected = {k: fed["app_outs"][k] for k in CREDENTIAL_OUTPUTS}
    assert {k: created.outs[k] for k in CREDENTIAL_OUTPUTS} == expected
    assert created.outs["application_id"] == fed["app_id"]
    assert created.outs["realm_id"] == fed["realm_id"]

    read = provider.read(created.id, {**inputs, **created.outs})
    assert (read.id, read.outs) == (created.id, created.outs)
    assert read.inputs == {"realm_id": fed["realm_id"], "application_id": fed["app_id"]}
    updated = provider.update(created.id, created.outs, inputs)
    assert updated.outs == created.outs
    provider.delete(created.id, created.outs)
    assert {r.method for r in emulator.requests if "/applications" in r.path} == {"GET"}
    assert stack.app.read(fed["app_id"], fed["app_outs"]).id == fed["app_id"]  # still there

    stack.app.delete(fed["app_id"], fed["app_outs"])
    assert provider.read(created.id, created.outs).id is None  # gone with its application


def test_a_missing_application_is_named(stack: Stack, emulator: Emulator) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Empty"})
    provider = configure(ApplicationCredentialsProvider(), emulator)
    inputs = stack.checked(provider, {"realm_id": realm_id, "application_id": APP})
    with pytest.raises(BeyondIdentityError) as info:
        provider.create(inputs)
    assert str(info.value) == f"application {APP} does not exist in realm {realm_id}"
    assert emulator.api_token not in str(info.value)


def test_the_secret_is_only_in_its_secret_output(stack: Stack, emulator: Emulator) -> None:
    fed = stack.federation()
    provider = configure(ApplicationCredentialsProvider(), emulator)
    inputs = stack.checked(provider, {"realm_id": fed["realm_id"], "application_id": fed["app_id"]})
    outs = provider.create(inputs).outs
    assert outs is not None
    secret = outs.pop("client_secret")
    assert len(secret) == 48
    assert secret not in json.dumps(outs)
    for blob in (repr(provider), serialize_provider(provider), pickle.dumps(provider)):
        text = blob if isinstance(blob, str) else blob.decode("latin-1")
        assert secret not in text
        assert emulator.api_token not in text
    assert ApplicationCredentialsProvider.fields.secret_outputs() == ["client_secret"]
