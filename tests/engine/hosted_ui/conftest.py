"""The dev stack deployed once for this folder, with Cognito's endpoints and the sample app.

``signed_in_stack`` (package scope): the real program (``__main__.py``) through the real
engine against a Beyond Identity emulator and the session's moto server (emptied first), the
``cognito_hosted_ui`` emulator reading that moto, and the sample app on a free
``localhost`` port registered as the app client's callback URL. Tests that mis-wire the
stack change moto with boto3 and put it back (``changed_client``, ``changed_provider``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from helpers.hosted_ui_harness import PROJECT, TEST_USER, SignedInStack, _LateApp
from helpers.stack_harness import REGION, new_deployment
from pulumi import automation as auto

from beyondidentity_emulator import Emulator, LoopbackServer
from cognito_hosted_ui import CognitoHostedUi
from sample_app import SampleApp, Settings


@pytest.fixture(scope="package")
def signed_in_stack(
    tmp_path_factory: pytest.TempPathFactory, emulator_signing_key: dict[str, Any], moto_url: str
) -> Iterator[SignedInStack]:
    httpx.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
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
