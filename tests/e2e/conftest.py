"""End-to-end tests: the real UI in Debian's Chromium, driven through pytest-playwright.

Playwright's own browser downloads are not used: every session launches the Chromium at
CHROMIUM_PATH (default /usr/bin/chromium). Without it these tests skip, or fail where
REQUIRE_SERVICES=1. Each test gets a fresh browser context (pytest-playwright's `page`), whose
base URL is the live server's, so `page.goto("/")` opens the portal under test.

On failure a screenshot and a trace are kept under test-results/ (pytest-playwright's
--screenshot/--tracing; this conftest turns them on unless given on the command line). Open a
trace with `.venv/bin/playwright show-trace test-results/<test>/trace.zip`.
"""

import contextlib
import importlib
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.test.utils import override_settings, setup_databases, teardown_databases

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


def _storages_by_source_name(storages):
    # The live server's static handler finds files by their source names; the hashed names of
    # whitenoise's manifest storage (used whenever DEBUG is off) are not served by it.
    return {
        **storages,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _static_files_by_source_name(settings):
    settings.STORAGES = _storages_by_source_name(settings.STORAGES)
    # The browser's writes commit, as in production: the shared page cache is on, as there.
    settings.PAGE_CACHE_SECONDS = 60


DB_FIXTURES = {"db", "transactional_db", "live_server"}


@contextlib.contextmanager
def _test_database(session):
    """The test database, created here when no collected test made pytest-django create it.

    pytest-django's django_db_setup sets up only the databases that collected tests ask for
    (a django_db mark, `db`, `transactional_db` or `live_server`); `demo_site`'s tests ask for
    none, so run alone they would otherwise seed, and flush, the development database.
    """
    asked = any(
        item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames)
        for item in session.items
    )
    if asked:
        yield
        return
    config = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="module")
def demo_site(request, django_db_setup, django_db_blocker):
    """The demo data, seeded once for a whole module and served by a live server of its own.

    Seeding takes about ten seconds; a module of page checks that only reads (or writes
    nothing the others depend on) seeds once instead of once per test. pytest-django's
    `live_server` cannot serve it: every test using it flushes the database when it ends. So
    tests using this fixture must not request `live_server`, `page`, `context` or the `db`
    fixtures; they open their own contexts with `browser.new_context(base_url=demo_site.url)`.
    The database is flushed when the module ends, as a transactional test would leave it.
    """
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    from accounts.models import StakeholderGroup

    overrides = override_settings(
        STORAGES=_storages_by_source_name(settings.STORAGES),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PAGE_CACHE_SECONDS=60,
    )
    with django_db_blocker.unblock(), _test_database(request.session), overrides:
        # An earlier transactional test may have flushed the rows the data migrations made.
        migration = importlib.import_module("accounts.migrations.0002_reference_data")
        for position, (slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
            StakeholderGroup.objects.get_or_create(
                slug=slug, defaults={"name": name, "position": position}
            )
        server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        server._live_server_modified_settings.enable()
        try:
            call_command("seed_demo", "--quiet", stdout=StringIO())
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", verbosity=0, interactive=False, database=DEFAULT_DB_ALIAS)
