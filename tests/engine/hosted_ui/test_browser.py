"""A real browser (Debian's chromium, driven by selenium through the system chromedriver)
walks app -> Cognito hosted UI -> Beyond Identity -> Cognito -> app on the deployed dev stack,
and saves a screenshot of the final page.

Cognito's host names reach the local emulator through Chromium's
``--host-resolver-rules``; only the emulator's certificate is trusted beyond the normal store
(``--ignore-certificate-errors-spki-list``). No browser or driver is downloaded: without
``chromium`` and ``chromedriver`` on the machine the test is skipped and says why.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers.hosted_ui_harness import TEST_USER, SignedInStack

pytestmark = pytest.mark.engine

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture
def browser(signed_in_stack: SignedInStack, tmp_path: Path) -> Iterator[object]:
    binary = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip(
            "no browser: install Debian's chromium and chromium-driver "
            "(`apt-get install chromium chromium-driver`; .ci/run does)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1000,800",
        f"--user-data-dir={tmp_path / 'profile'}",
        *signed_in_stack.ui.chromium_flags(),
    ):
        options.add_argument(flag)
    # An explicit driver path: selenium never runs Selenium Manager (no download).
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_sign_in_in_a_real_browser(signed_in_stack: SignedInStack, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    assert isinstance(browser, WebDriver)
    s = signed_in_stack
    wait = WebDriverWait(browser, 20)
    cognito_host = urlsplit(s.outputs["baseUrl"]).netloc
    browser.get(s.app_url)
    browser.find_element(By.ID, "sign-in").click()
    # Cognito's hosted UI (the guide's "View Hosted UI"), on its real host name.
    button = wait.until(ec.presence_of_element_located((By.ID, "idp-BeyondIdentity")))
    assert urlsplit(browser.current_url).netloc == cognito_host
    assert urlsplit(browser.current_url).path == "/login"
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "cognito-hosted-ui.png"))
    button.click()
    # Beyond Identity's hosted-web authenticator page for the test identity.
    identity = wait.until(ec.presence_of_element_located((By.ID, "identity")))
    assert urlsplit(browser.current_url).netloc == urlsplit(s.emulator.url).netloc
    assert identity.text == TEST_USER
    assert browser.save_screenshot(str(ARTIFACTS / "beyond-identity-sign-in.png"))
    browser.find_element(By.ID, "passkey").click()
    # Back through /oauth2/idpresponse to the app, which exchanged the code.
    email = wait.until(ec.presence_of_element_located((By.ID, "email")))
    assert browser.current_url.rstrip("/") == s.app_url
    assert email.text == TEST_USER
    assert browser.find_element(By.ID, "username").text == f"BeyondIdentity_{TEST_USER}"
    assert browser.find_element(By.ID, "provider").text == "BeyondIdentity"
    shot = ARTIFACTS / "cognito-sign-in.png"
    assert browser.save_screenshot(str(shot))
    print(f"screenshot of the signed-in page: {shot} (and of the pages before it in {ARTIFACTS})")
    # Sign out through Cognito's /logout back to the registered logout URL.
    browser.find_element(By.ID, "sign-out").click()
    signed_out = wait.until(ec.presence_of_element_located((By.ID, "signed-out")))
    assert browser.current_url == f"{s.app_url}/signed-out"
    assert signed_out.text == "Signed out."
