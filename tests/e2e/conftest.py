"""End-to-end tests: the real UI in Debian's Chromium, driven through pytest-playwright.

Playwright's own browser downloads are not used: every session launches the Chromium at
CHROMIUM_PATH (default /usr/bin/chromium). Without it these tests skip, or fail where
REQUIRE_SERVICES=1. Each test gets a fresh browser context (pytest-playwright's `page`), whose
base URL is the live server's, so `page.goto("/")` opens the portal under test.

On failure a screenshot and a trace are kept under test-results/ (pytest-playwright's
--screenshot/--tracing; this conftest turns them on unless given on the command line). Open a
trace with `.venv/bin/playwright show-trace test-results/<test>/trace.zip`.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, need

HERE = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    # Keep what explains a failure; "off" is pytest-playwright's default, so only it is changed.
    if getattr(config.option, "screenshot", None) == "off":
        config.option.screenshot = "only-on-failure"
    if getattr(config.option, "tracing", None) == "off":
        config.option.tracing = "retain-on-failure"


def pytest_collection_modifyitems(config, items):
    # A conftest's hook sees every collected item: mark only the ones in this folder.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session", autouse=True)
def chromium_path():
    """Session-scoped twin of tests/conftest.py's fixture, as the browser is launched once.

    Autouse and session-scoped, so the skip (or the failure under REQUIRE_SERVICES=1) comes
    before pytest-playwright starts anything.
    """
    need("Chromium", bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is not installed")
    return CHROMIUM


@pytest.fixture(scope="session", autouse=True)
def _django_allow_async_unsafe(chromium_path):
    # Playwright's sync API keeps an event loop in the main thread for the rest of the
    # session, and Django then refuses ORM calls from it (test code, database teardown).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server.url


@pytest.fixture(autouse=True)
def _static_files_by_source_name(settings):
    # The live server's static handler finds files by their source names; the hashed names of
    # whitenoise's manifest storage (used whenever DEBUG is off) are not served by it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
