"""The shared cache of public pages: fast for anonymous readers, never personal, never stale
after a change (issue 9: "nothing personal is ever served from a cache shared across people").
"""

import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from pagecache.cache import HIT_HEADER, current_version
from workstreams import services as workstream_services


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()


@pytest.fixture
def page(bpf_a):
    return bpf_a.get_absolute_url()


def test_an_anonymous_readers_second_visit_is_served_from_the_cache_without_the_views_queries(
    client, page, django_assert_max_num_queries
):
    first = client.get(page)
    assert first[HIT_HEADER] == "miss"
    # Two reads of the database cache's table (the version, the page), none of the view's.
    with django_assert_max_num_queries(2):
        second = Client().get(page)
    assert second[HIT_HEADER] == "hit"
    assert second.content.decode().count("BPF on Cybersecurity") == first.content.decode().count(
        "BPF on Cybersecurity"
    )


@pytest.mark.django_db(transaction=True)
def test_a_change_shows_as_soon_as_it_is_committed(client, page, bpf_a, secretariat):
    client.get(page)
    workstream_services.update_workstream(
        workstream=bpf_a,
        actor=secretariat,
        changes={"description": "A brand new description of the forum."},
    )
    response = Client().get(page)
    assert response[HIT_HEADER] == "miss"
    assert "A brand new description of the forum." in response.content.decode()


def test_signed_in_people_are_never_served_from_nor_stored_in_the_cache(client, page, bpf_a_member):
    Client().get(page)  # an anonymous copy is cached
    client.force_login(bpf_a_member)
    mine = client.get(page)
    assert HIT_HEADER not in mine
    assert "Sign out" in mine.content.decode()
    # The next anonymous reader sees the anonymous page, nothing of the member's.
    theirs = Client().get(page)
    body = theirs.content.decode()
    assert theirs[HIT_HEADER] == "hit"
    assert "Sign out" not in body and "Ama Member" not in body.split("<main")[0]


def test_each_reader_gets_their_own_csrf_token_on_a_cached_page(page, db):
    Client().get(page)
    reader = Client(enforce_csrf_checks=True)
    response = reader.get(page)
    assert response[HIT_HEADER] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert token and "pagecache" not in token.group(1)
    assert "csrftoken" in response.cookies
    switched = reader.post(
        reverse("set_language"),
        {"language": "fr", "next": page, "csrfmiddlewaretoken": token.group(1)},
    )
    assert switched.status_code == 302


def test_each_language_has_its_own_copy(page, db):
    english = Client().get(page)
    french_reader = Client()
    french_reader.cookies["django_language"] = "fr"
    french = french_reader.get(page)
    assert french[HIT_HEADER] == "miss"
    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_a_reader_with_a_session_or_a_pending_message_gets_a_page_of_their_own(page, db):
    Client().get(page)
    with_message = Client()
    with_message.cookies["messages"] = "anything"
    assert HIT_HEADER not in with_message.get(page)
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"
    assert HIT_HEADER not in with_session.get(page)


def test_pages_not_listed_and_token_requests_are_not_cached(db):
    assert HIT_HEADER not in Client().get(reverse("account_signup"))
    api = Client().get("/api/v1/workstreams/", HTTP_AUTHORIZATION="Token nothing")
    assert HIT_HEADER not in api


def test_the_cache_can_be_turned_off(page, settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get(page)
    assert HIT_HEADER not in Client().get(page)


def test_any_successful_write_request_refreshes_every_page(
    page, db, django_capture_on_commit_callbacks
):
    """Bulk changes send no model signal; the write request itself moves the version."""
    Client().get(page)
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("set_language"), {"language": "fr", "next": page})
    assert current_version() != before
    assert Client().get(page)[HIT_HEADER] == "miss"


def test_a_rolled_back_write_leaves_the_cache_as_it_was(page, bpf_a, db):
    from django.db import transaction

    Client().get(page)
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        bpf_a.description = "Never committed"
        bpf_a.save()
        raise RuntimeError
    assert current_version() == before
    assert Client().get(page)[HIT_HEADER] == "hit"


def test_private_and_missing_pages_are_never_stored(dc_proposed, db):
    private = dc_proposed.get_absolute_url()
    assert Client().get(private).status_code == 404
    assert HIT_HEADER not in Client().get(private)


def test_page_copies_live_apart_from_throttling_counters_and_locks(page, db):
    """Copies go to the "pages" cache only (Redis prefix or table of their own), so however
    many there are they never push a login-throttling counter out of the default cache."""
    from django.test import RequestFactory

    from pagecache.cache import key_for

    Client().get(page)
    request = RequestFactory().get(page)
    request.LANGUAGE_CODE = "en"
    key = key_for(request)
    assert caches["pages"].get(key) is not None
    assert caches["default"].get(key) is None
    pages, default = caches["pages"], caches["default"]
    assert (pages.key_prefix, getattr(pages, "_table", None)) != (
        default.key_prefix,
        getattr(default, "_table", None),
    )


def test_a_cached_page_can_be_revalidated_without_sending_it_again(page, db):
    Client().get(page)
    hit = Client().get(page)
    etag = hit["ETag"]
    assert etag.startswith('W/"')
    again = Client().get(page, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
