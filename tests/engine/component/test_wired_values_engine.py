"""A value wired from another resource (an ``Output``) that breaks a rule, through the real
engine against the emulator and moto: ``pulumi up`` fails with the rule's one line, no
traceback, and nothing that takes the value is created."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.stack_harness import new_deployment
from pulumi import automation as auto

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

# The stack program, but its callback URL arrives as an Output (as from another resource).
WIRED_PROGRAM = """
import dataclasses

import pulumi

from beyondidentity_cognito import CognitoFederation, args_from_config, setting_names

args = args_from_config(pulumi.Config())
wired = pulumi.Output.from_input("http://app.example.com/cb")
federation = CognitoFederation(
    "cognito",
    dataclasses.replace(args, callback_urls=[wired]),
    argument_names=setting_names(),
)
"""


def test_a_wired_value_that_breaks_a_rule_fails_up_with_one_line(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    (Path(d.stack.workspace.work_dir) / "__main__.py").write_text(WIRED_PROGRAM)
    with pytest.raises(auto.CommandError) as caught:
        d.up()
    output = str(caught.value)
    line = (
        "error: CognitoFederation 'cognito': callbackUrls[0]: must use https (http is allowed "
        "only for loopback hosts: localhost, 127.0.0.0/8 and [::1]); got "
        "'http://app.example.com/cb'"
    )
    assert line in output, output[-3000:]
    assert "Traceback" not in output
    # The app client, which takes the value, was never created.
    cognito = d.cognito()
    for pool in cognito.list_user_pools(MaxResults=60)["UserPools"]:
        clients = cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)
        assert clients["UserPoolClients"] == []
