"""No input produces a server error: hostile and oversized values get a clear answer."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workstreams import services as workstream_services

NASTY = ["\x00", "a" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


@pytest.mark.parametrize("value", NASTY)
def test_directory_search_and_paging_never_fail(client, bpf_a, value):
    response = client.get(reverse("workstreams:list"), {"q": value, "kind": value})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get(reverse("workstreams:list"), {"page": value}).status_code == 404


@pytest.mark.parametrize("value", NASTY)
def test_every_form_answers_hostile_values_without_a_server_error(
    client, secretariat, bpf_a, bpf_a_member, value
):
    client.force_login(secretariat)
    membership = bpf_a.memberships.get()
    reviewer = UserFactory(email="reviewer@example.org")
    workstream_services.grant_reviewer_access(
        workstream=bpf_a, user=reviewer, actor=secretariat, reason="Review"
    )
    posts = [
        (reverse("workstreams:members", args=[bpf_a.slug]), {"email": value, "role": value}),
        (
            reverse("workstreams:edit", args=[bpf_a.slug]),
            {"name": value, "mailing_list": value, "archive_url": value},
        ),
        (reverse("workstreams:status", args=[bpf_a.slug]), {"action": value, "reason": value}),
        (
            reverse("workstreams:membership-change", args=[bpf_a.slug, membership.pk]),
            {"role": value},
        ),
        (
            reverse("workstreams:membership-revoke", args=[bpf_a.slug, membership.pk]),
            {"reason": value},
        ),
        (
            reverse("workstreams:reviewer-grant", args=[bpf_a.slug]),
            {"email": value, "reason": value},
        ),
        (
            reverse("workstreams:create"),
            {"kind": value, "name": value, "slug": value, "country": value},
        ),
        (
            reverse("accounts:profile-edit"),
            {"display_name": value, "time_zone": value, "country": value},
        ),
        (reverse("workstreams:reviewer-revoke", args=[bpf_a.slug, reviewer.pk]), {"reason": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode(), url


@pytest.mark.parametrize("value", NASTY)
def test_signup_and_login_answer_hostile_values_without_a_server_error(client, db, value):
    response = client.post(
        reverse("account_signup"),
        {"email": value, "display_name": value, "password1": value, "password2": value},
    )
    assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": value, "password": value})
    assert response.status_code in {200, 429}
