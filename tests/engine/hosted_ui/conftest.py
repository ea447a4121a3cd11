"""The dev stack deployed once per test process, with Cognito's endpoints and the sample app.

``signed_in_stack`` (session scope): the real program (``__main__.py``) through the real
engine against a Beyond Identity emulator and a moto server of its own (a child process:
moto keeps state per process, so no other test's reset or deployment reaches it), the
``cognito_hosted_ui`` emulator reading that moto, and the sample app on a free
``localhost`` port registered as the app client's callback URL. Tests that mis-wire the
stack change moto with boto3 and put it back (``changed_client``, ``changed_provider``).

Why session scope, said plainly: this folder is no Python package (no ``__init__.py``), and
pytest gives a package-scoped fixture of such a folder the session's lifetime anyway. Under
xdist a process runs other folders' tests between this folder's tests while the stack is up;
with the session's moto server, their resets and deployments (same domain prefix) took the
stack's pool and domain away, and a sign-in ended on the hosted UI's ``unknown_domain`` page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpers.aws import private_moto_server
from helpers.hosted_ui_harness import PROJECT, TEST_USER, SignedInStack, _LateApp
from helpers.stack_harness import REGION, new_deployment
from pulumi import automation as auto

from beyondidentity_emulator import Emulator, LoopbackServer
from cognito_hosted_ui import CognitoHostedUi
from sample_app import SampleApp, Settings


@pytest.fixture(scope="session")
def signed_in_stack(
    tmp_path_factory: pytest.TempPathFactory, emulator_signing_key: dict[str, Any]
) -> Iterator[SignedInStack]:
    with private_moto_server() as moto_url:
        yield from _signed_in_stack(tmp_path_factory, emulator_signing_key, moto_url)


def _signed_in_stack(
    tmp_path_factory: pytest.TempPathFactory, emulator_signing_key: dict[str, Any], moto_url: str
) -> Iterator[SignedInStack]:
    late = _LateApp()
    app_server = LoopbackServer(late, name="sample app").start()
    app_url = f"http://localhost:{app_server.port}"
    emulator = Emulator(test_user_email=TEST_USER, signing_key=emulator_signing_key).start()
    ui = CognitoHostedUi(moto_url, regions=(REGION,)).start()
    try:
        deployment = new_deployment(
            tmp_path_factory.mktemp("cognito-stack"),
            emulator,
            moto_url,
            extra={
                f"{PROJECT}:callbackUrls[0]": auto.ConfigValue(app_url),
                f"{PROJECT}:logoutUrls[0]": auto.ConfigValue(f"{app_url}/signed-out"),
            },
        )
        deployment.up()
        outputs = deployment.outputs()
        settings = Settings(
            domain_url=outputs["baseUrl"],
            client_id=outputs["userPoolClientId"],
            issuer=outputs["userPoolIssuer"],
            redirect_uri=app_url,
            logout_uri=f"{app_url}/signed-out",
        )
        late.app = SampleApp(settings, lambda: ui.client(timeout=10.0)).app()
        yield SignedInStack(deployment, outputs, ui, app_url, emulator)
    finally:
        ui.stop()
        emulator.stop()
        app_server.stop()
