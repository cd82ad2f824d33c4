"""A real headless Chromium (Debian's package, driven by Playwright) against the app
served on a free loopback port. A missing browser fails these tests; it never skips them."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from devtools.browser import ROOT, chromium, running_app

ARTIFACTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def app_url():
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright, chromium(playwright) as context:
        yield context


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.console_messages_seen = []
    page.on(
        "console", lambda m: page.console_messages_seen.append((m.type, m.text, m.location.get("url", "")))
    )
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshots():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return Path(ARTIFACTS)
