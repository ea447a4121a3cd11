"""``ApplicationCredentialsProvider``: create/read/update/delete against the emulator; it only
ever reads the application, and its secret stays in its one secret output (check and diff:
tests/unit/providers)."""

from __future__ import annotations

import json
import pickle

import pytest
from helpers.client_support import configured as configure
from helpers.provider_stack import Stack
from pulumi.dynamic.dynamic import serialize_provider

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityError
from pulumi_beyondidentity.application_credentials import ApplicationCredentialsProvider

APP = "38833c36-6f47-4992-9329-ea0a00915137"
#: client_id, client_secret and issuer (the endpoint URLs are computed in the program)
CREDENTIAL_OUTPUTS = {o.name for o in ApplicationCredentialsProvider.fields.outputs}


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
    assert {"client_id", "client_secret", "issuer"} == CREDENTIAL_OUTPUTS
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
