"""A listing runs inside the deadline of the operation it belongs to: the one page iterator
(``_transport.pages``) never trades the caller's deadline for a fresh one.

Pinned by mutation testing (``scripts/mutate.py transport``).
"""

from __future__ import annotations

import pytest
from helpers.client_support import token_settings

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityClient, DeadlineExceededError
from pulumi_beyondidentity._operation import Deadline
from pulumi_beyondidentity.realm import REALM


def test_a_listing_whose_operation_has_no_time_left_sends_nothing(emulator: Emulator) -> None:
    client = BeyondIdentityClient(token_settings(emulator))
    emulator.clear_requests()
    with pytest.raises(DeadlineExceededError, match="operation's 0 s budget"):
        client.collection(REALM).list(deadline=Deadline(0.0))
    assert emulator.requests == []
