"""Which failed PATCHes are resent, and what a read-back compares (see _read_back.py)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_beyondidentity import (
    InvalidInputError,
    MalformedResponseError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from pulumi_beyondidentity._operation import Deadline
from pulumi_beyondidentity._read_back import differing_fields, read_back_reserve
from pulumi_beyondidentity._retry import is_safe_to_resend_patch, outcome_unknown


def api_error(cls: type, status: int) -> Any:
    return cls(status_code=status, code="x", api_message="m", method="PATCH", path="/p")


@pytest.mark.parametrize(
    ("error", "resend"),
    [
        (TransportError("connect refused", reached_server=False), True),
        (api_error(RateLimitedError, 429), True),
        (api_error(ServerError, 500), True),
        (api_error(ServerError, 503), True),
        # The copy may still run: read back instead.
        (TransportError("read timeout", reached_server=True), False),
        (api_error(ServerError, 502), False),
        (api_error(ServerError, 504), False),
        (MalformedResponseError(status_code=200, method="PATCH", path="/p", problem="html"), False),
        # Refused for good: neither.
        (api_error(ServerError, 501), False),
        (api_error(InvalidInputError, 400), False),
    ],
)
def test_a_patch_is_resent_only_when_no_copy_can_still_run(error: Any, resend: bool) -> None:
    assert is_safe_to_resend_patch(error) is resend


def test_what_is_not_resent_but_may_have_run_is_read_back() -> None:
    # Collection.update reads back after exactly the failures outcome_unknown names.
    assert outcome_unknown(TransportError("read timeout", reached_server=True))
    assert outcome_unknown(api_error(ServerError, 504))
    assert outcome_unknown(
        MalformedResponseError(status_code=200, method="PATCH", path="/p", problem="x")
    )
    assert not outcome_unknown(api_error(ServerError, 501))
    assert not outcome_unknown(api_error(InvalidInputError, 400))


def test_fields_compare_deeply_lists_whole_and_missing_ones_differ() -> None:
    sent = {
        "display_name": "A",
        "protocol_config": {"redirect_uris": ["x", "y"], "token_configuration": {"ttl": 1}},
        "extra": "e",
    }
    held = {
        "display_name": "A",
        "protocol_config": {
            "redirect_uris": ["y", "x"],
            "token_configuration": {"ttl": 1, "other": 2},
            "type": "oidc",
        },
        "id": "1",
    }
    assert differing_fields(sent, held) == ["protocol_config.redirect_uris", "extra"]
    assert (
        differing_fields(sent, {**held, "extra": "e", "protocol_config": sent["protocol_config"]})
        == []
    )


def test_the_read_back_keeps_a_third_of_the_budget_at_most_30_seconds() -> None:
    assert read_back_reserve(Deadline(300)) == 30
    assert read_back_reserve(Deadline(3)) == pytest.approx(1)
    deadline = Deadline(6)
    assert deadline.sooner(2).remaining() == pytest.approx(4, abs=0.5)
    assert deadline.sooner(10).remaining() == 0
