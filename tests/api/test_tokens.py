"""Personal API tokens: the profile page (create, shown once, revoke), authentication with
`Authorization: Token <key>`, and the rate limit per token."""

import re

import pytest
from django.urls import reverse
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken, hash_key
from api.services import MAX_ACTIVE_TOKENS

ROOT = "/api/v1/consultations/"


def api_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def create(client, name="my comment tool"):
    # Post/redirect/get: the key is on the page the redirect leads to, once.
    response = client.post(reverse("api:tokens"), {"name": name}, follow=True)
    match = re.search(r'<code class="token-key">([^<]+)</code>', response.content.decode())
    return response, match.group(1) if match else None


def test_the_token_page_needs_sign_in(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, outsider):
    client.force_login(outsider)
    response, key = create(client)
    assert response.status_code == 200 and key
    token = ApiToken.objects.get(user=outsider)
    assert token.key_hash == hash_key(key) and key not in (token.prefix, token.key_hash)
    assert key.startswith(token.prefix)
    assert response.redirect_chain == [(reverse("api:tokens"), 302)]
    again = client.get(reverse("api:tokens"))  # a reload: no key, and no second token
    assert key not in again.content.decode()
    assert token.prefix in again.content.decode()
    assert ApiToken.objects.filter(user=outsider).count() == 1


def test_a_token_needs_a_name(client, outsider):
    client.force_login(outsider)
    response, key = create(client, name="")
    assert response.status_code == 400 and key is None
    assert "Give the token a name." in response.content.decode()


def test_at_most_ten_active_tokens(client, outsider):
    for i in range(MAX_ACTIVE_TOKENS):
        ApiToken.issue(user=outsider, name=f"t{i}")
    client.force_login(outsider)
    response, key = create(client)
    assert response.status_code == 400 and key is None


def test_the_token_authenticates_its_owner(client, outsider):
    client.force_login(outsider)
    _response, key = create(client)
    api = api_with(key)
    assert api.get(ROOT).status_code == 200
    response = api.get(ROOT)
    assert response.wsgi_request.user == outsider
    assert ApiToken.objects.get(user=outsider).last_used_at is not None


def test_a_revoked_token_is_refused(client, outsider):
    client.force_login(outsider)
    _response, key = create(client)
    token = ApiToken.objects.get(user=outsider)
    response = client.post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = api_with(key).get(ROOT)
    assert refused.status_code == 401
    assert refused.json() == {
        "errors": [{"field": None, "message": "Invalid or revoked token.", "rule": None}]
    }


def test_a_wrong_token_is_refused(db):
    assert api_with("not-a-real-key").get(ROOT).status_code == 401


def test_another_persons_token_cannot_be_revoked(client, outsider, commenter_for_tokens):
    token, key = ApiToken.issue(user=commenter_for_tokens, name="theirs")
    client.force_login(outsider)
    response = client.post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_with(key).get(ROOT).status_code == 200


def test_revoking_needs_a_post(client, outsider):
    token, _key = ApiToken.issue(user=outsider, name="mine")
    client.force_login(outsider)
    assert client.get(reverse("api:token-revoke", args=[token.pk])).status_code == 405


@pytest.fixture
def commenter_for_tokens(db):
    from tests.factories import UserFactory

    return UserFactory(email="other@example.org", display_name="Other Person")


@pytest.fixture
def low_token_rate(settings, monkeypatch):
    """Three requests a minute per token. DRF reads the rates into the throttle class when it
    is imported, so the class attribute is patched as well as the setting."""
    rates = {"anon": "1000/minute", "token": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api_settings.reload()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    yield
    api_settings.reload()


def test_the_rate_limit_counts_per_token(low_token_rate, outsider):
    _first, key = ApiToken.issue(user=outsider, name="first")
    _second, other_key = ApiToken.issue(user=outsider, name="second")
    api = api_with(key)
    assert [api.get(ROOT).status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get(ROOT)
    assert limited.status_code == 429
    assert "Retry-After" in limited
    [error] = limited.json()["errors"]
    assert error["field"] is None and "throttled" in error["message"].lower()
    # Another token of the same person has its own count; anonymous readers their own limit.
    assert api_with(other_key).get(ROOT).status_code == 200
    assert APIClient().get(ROOT).status_code == 200
