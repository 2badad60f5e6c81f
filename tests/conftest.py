"""The shared cast of every test, and the rule for tests that need a real service.

Tests that need PostgreSQL, Redis or Chromium skip without them, except when
REQUIRE_SERVICES=1 (set by .ci/run), where a missing service fails the test instead.
"""

import contextlib
import importlib
import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from accounts import services as account_services
from accounts.models import SiteRole
from igfportal.celery import app as celery_app
from workstreams import services as workstream_services
from workstreams.models import Membership, Workstream

from .factories import UserFactory, WorkstreamFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Tests run tasks in-process unless a test starts a real worker itself.
celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True


def need(service, available, why):
    """Skip a test whose service is missing, or fail it where services are required (CI)."""
    if available:
        return
    message = f"{service} is not available: {why}"
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


@pytest.fixture
def postgres(db):
    need("PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL")
    return connection


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    need("Redis", bool(url), "REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        need("Redis", False, f"{url} does not answer ({error})")
    return url


@pytest.fixture
def chromium_path():
    need("Chromium", bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is not installed")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _isolated(settings, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The API's rate limits are raised so no test is throttled by accident; a test of the
    # limits patches its own low rates over these.
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "token": "100000/minute"}
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The shared page cache is off: most tests write and read in one transaction that never
    # commits, and the cache refreshes on commit. tests/pagecache/ and the browser tests (whose
    # writes do commit) turn it on.
    settings.PAGE_CACHE_SECONDS = 0
    # Throttling counters live in the shared cache; each test starts with none. Without the
    # db fixture the database cache is out of reach, and there is nothing to clear.
    with contextlib.suppress(Exception):
        cache.clear()
    # A request served in another language leaves it active in this thread; start each test
    # in the site's language and leave none behind.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the database, and with it the rows data migrations made
    (the six stakeholder groups); restore them for every test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    from accounts.models import StakeholderGroup

    migration = importlib.import_module("accounts.migrations.0002_reference_data")
    for position, (slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


# ---- The cast ---------------------------------------------------------------------------


@pytest.fixture
def secretariat(db):
    user = UserFactory(email="secretariat@example.org", display_name="Sam Secretariat")
    account_services.grant_site_role(
        user=user, role=SiteRole.Role.SECRETARIAT, actor=None, reason="test cast"
    )
    return user


@pytest.fixture
def bpf_a(db):
    return WorkstreamFactory(name="BPF on Cybersecurity", slug="bpf-cybersecurity")


@pytest.fixture
def bpf_b(db):
    return WorkstreamFactory(name="BPF on Gender and Access", slug="bpf-gender-access")


@pytest.fixture
def dc_proposed(db):
    """A DC that is not yet recognised: private to its people and the Secretariat."""
    return WorkstreamFactory(
        kind=Workstream.Kind.DC,
        name="Dynamic Coalition on Testing",
        slug="dc-testing",
        status=Workstream.Status.PROPOSED,
    )


def _member(workstream, role, email, name):
    user = UserFactory(email=email, display_name=name)
    Membership.objects.create(workstream=workstream, user=user, role=role)
    return user


@pytest.fixture
def bpf_a_coordinator(bpf_a):
    return _member(bpf_a, Membership.Role.COORDINATOR, "coord-a@example.org", "Ada Coordinator")


@pytest.fixture
def bpf_a_member(bpf_a):
    return _member(bpf_a, Membership.Role.MEMBER, "member-a@example.org", "Ama Member")


@pytest.fixture
def bpf_a_observer(bpf_a):
    return _member(bpf_a, Membership.Role.OBSERVER, "observer-a@example.org", "Obi Observer")


@pytest.fixture
def bpf_b_coordinator(bpf_b):
    return _member(bpf_b, Membership.Role.COORDINATOR, "coord-b@example.org", "Bo Coordinator")


@pytest.fixture
def bpf_b_member(bpf_b):
    return _member(bpf_b, Membership.Role.MEMBER, "member-b@example.org", "Ben Member")


@pytest.fixture
def dc_coordinator(dc_proposed):
    return _member(
        dc_proposed, Membership.Role.COORDINATOR, "dc-coord@example.org", "Dee Coordinator"
    )


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org", display_name="Otto Outsider")


@pytest.fixture
def grant(secretariat):
    """Grant a role through the service, as the Secretariat would."""

    def _grant(workstream, user, role):
        return workstream_services.grant_role(
            workstream=workstream, user=user, role=role, actor=secretariat
        )

    return _grant
