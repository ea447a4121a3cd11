"""When ``check`` proves the credentials, over real HTTP to the emulator (its counters).

A step that writes (a create, or inputs that changed) proves the credentials once its
inputs pass their rules; an unchanged resource sends nothing; a write Beyond Identity
refuses with 401 or 403 reads as the check's credentials message and says nothing was
applied. The proof shared between provider processes (``_proof``) is off here (no CLI
run), so each count is this process's own.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from helpers.provider_stack import PROVIDER_KEY, Stack

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import ConfigurationError, _credentials, _proof
from pulumi_beyondidentity._errors import CredentialsRefusedError

TENANT_READ = "GET /v1/tenants/{tenant_id}"


@pytest.fixture
def stack(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Stack:
    monkeypatch.setattr(_proof, "cli_run", lambda: None)
    _credentials.forget_outcomes()
    return Stack(emulator)


def requests(emulator: Emulator) -> int:
    return sum(emulator.counters.values())


def fresh_process() -> None:
    """What a new provider process starts with: no proof remembered."""
    _credentials.forget_outcomes()


def engine_news(inputs: dict[str, Any]) -> dict[str, Any]:
    return {**copy.deepcopy(inputs), PROVIDER_KEY: "serialized"}


def test_a_check_of_unchanged_inputs_sends_nothing(stack: Stack, emulator: Emulator) -> None:
    fed = stack.federation()
    realm_inputs = stack.checked(stack.realm, {"display_name": "Customers"})
    app_inputs = stack.checked(stack.app, fed["app_inputs"])
    fresh_process()
    emulator.clear_counters()
    cases = (
        (stack.realm, realm_inputs, {"display_name": "Customers"}),
        (stack.app, app_inputs, fed["app_inputs"]),
    )
    for provider, olds, program in cases:
        # The engine passes the old inputs as checked, and the program's inputs as given.
        for news in (olds, program):
            assert provider.check(olds, engine_news(news)).failures == []
    assert emulator.counters == {}


def test_a_create_or_a_change_proves_once_after_the_rules(stack: Stack, emulator: Emulator) -> None:
    fresh_process()
    emulator.clear_counters()
    failed = stack.realm.check({}, engine_news({"display_name": "bad{name}"}))
    assert failed.failures
    assert requests(emulator) == 0  # inputs that fail their rules prove nothing
    stack.realm.check({}, engine_news({"display_name": "Customers"}))
    assert emulator.counters == {TENANT_READ: 1}
    stack.realm.check({}, engine_news({"display_name": "Others"}))
    assert emulator.counters == {TENANT_READ: 1}  # once per process and settings

    olds = stack.checked(stack.realm, {"display_name": "Customers"})
    fresh_process()
    stack.realm.check(olds, engine_news({"display_name": "Renamed"}))
    assert emulator.counters == {TENANT_READ: 2}


def test_a_refused_create_check_stops_before_any_write(stack: Stack, emulator: Emulator) -> None:
    fresh_process()
    emulator.faults.add(method="GET", path="/v1/tenants/*", kind="status", status=401)
    with pytest.raises(CredentialsRefusedError, match=r"rejected the credentials \(401"):
        stack.realm.check({}, engine_news({"display_name": "Customers"}))
    assert [r for r in emulator.requests if r.method != "GET"] == []


def test_a_write_refused_with_401_or_403_reads_as_the_credentials_message(
    stack: Stack, emulator: Emulator
) -> None:
    fed = stack.federation()
    news = stack.checked(stack.app, {**fed["app_inputs"], "display_name": "Renamed"})
    for status, wording in ((401, "rejected the credentials"), (403, "refused access to tenant")):
        emulator.faults.add(method="PATCH", path="/v1/tenants/*", kind="status", status=status)
        with pytest.raises(ConfigurationError) as info:
            stack.app.update(fed["app_id"], fed["app_outs"], news)
        error = info.value
        assert isinstance(error, CredentialsRefusedError)
        assert error.status_code == status
        assert wording in str(error)
        assert f"PATCH /v1/tenants/{emulator.tenant_id}/realms/" in str(error)
        assert str(error).endswith("Nothing was applied in Beyond Identity")
        assert emulator.api_token not in str(error)
        assert error.__traceback__ is None or error.__cause__ is None
    assert stack.app.read(fed["app_id"], fed["app_outs"]).outs["display_name"] != "Renamed"  # type: ignore[index]
