"""Role x action matrix for the NRI pages (R-NRI-1, R-NRI-2, R-NRI-6), and hostile input.

The cast: the NRI's coordinator and member, a coordinator of another workstream (BPF A), an
outsider with an account, an anonymous visitor and the Secretariat. 302 for an anonymous
visitor is the sign-in redirect; 404 where the page is private ("not yours" looks missing).
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workstreams import nri
from workstreams.models import Membership, NriApplication, SupportRequest, Workstream

ROLES = [
    "anonymous",
    "outsider",
    "nri_coordinator",
    "nri_member",
    "bpf_a_coordinator",
    "secretariat",
]
STATEMENT = "Open, transparent and inclusive: " + "anyone may take part in the initiative. " * 8


@pytest.fixture
def nri_coordinator(db):
    return UserFactory(email="nri-coord@example.org", display_name="Nia Coordinator")


@pytest.fixture
def application(nri_coordinator):
    return nri.start_nri_application(
        actor=nri_coordinator, name="Zambia IGF", nri_level="national", country="ZM"
    )


@pytest.fixture
def nri_member(application):
    user = UserFactory(email="nri-member@example.org", display_name="Nim Member")
    Membership.objects.create(workstream=application.workstream, user=user, role="member")
    return user


@pytest.fixture
def open_request(application, nri_coordinator):
    return nri.file_support_request(
        workstream=application.workstream,
        actor=nri_coordinator,
        subject="Remote participation",
        body="We need advice on a hybrid meeting set-up.",
    )


@pytest.fixture
def cast(request, application, nri_member, bpf_a):
    def who(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return who


PAGES = {
    #                   anon outs coord mem  other secr
    "nri-apply": ((302, 200, 200, 200, 200, 200), False),
    "nri-application": ((302, 404, 200, 404, 404, 200), True),
    "nri-review": ((302, 404, 404, 404, 404, 200), True),
    "support": ((302, 404, 200, 200, 404, 200), True),
    "support-queue": ((302, 404, 404, 404, 404, 200), False),
    "detail": ((404, 404, 200, 200, 404, 200), True),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_role_x_page_matrix_for_nri_pages(client, cast, application, page, index, role):
    """R-NRI-4 and R-NRI-6: a proposed NRI and its requests are private to its people."""
    user = cast(role)
    if user:
        client.force_login(user)
    expected, by_slug = PAGES[page]
    args = [application.workstream.slug] if by_slug else []
    response = client.get(reverse(f"workstreams:{page}", args=args))
    assert response.status_code == expected[index], (role, page)


ACTIONS = {
    #                   anon outs coord mem  other secr
    "save statement": (302, 404, 302, 404, 404, 403),
    "file request": (302, 404, 302, 403, 404, 403),
    "answer request": (302, 404, 404, 404, 404, 302),
    "assess": (302, 404, 404, 404, 404, 302),
    "decide": (302, 404, 404, 404, 404, 302),
}


def _post(client, action, application, open_request):
    slug = application.workstream.slug
    if action == "save statement":
        url, data = reverse("workstreams:nri-application", args=[slug]), {"statement": STATEMENT}
    elif action == "file request":
        url, data = reverse("workstreams:support", args=[slug]), {"subject": "S", "body": "B"}
    elif action == "answer request":
        url = reverse("workstreams:support-answer", args=[open_request.pk])
        data = {f"request-{open_request.pk}-answer": "Here is how."}
    elif action == "assess":
        url = reverse("workstreams:nri-assess", args=[slug, "open"])
        data = {"open-meets": "yes", "open-notes": "Open registration"}
    else:
        url = reverse("workstreams:nri-decide", args=[slug])
        data = {"action": "request_changes", "reason": "Say more about funding"}
    return client.post(url, data)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_role_x_action_matrix_for_nri_actions(
    client, cast, application, open_request, action, index, role
):
    """Coordinators write and ask (R-NRI-1, R-NRI-6); only the Secretariat assesses,
    decides and answers (R-NRI-2)."""
    if action in {"assess", "decide"}:
        NriApplication.objects.filter(pk=application.pk).update(status="submitted")
    user = cast(role)
    if user:
        client.force_login(user)
    response = _post(client, action, application, open_request)
    assert response.status_code == ACTIONS[action][index], (role, action)


NASTY = ["\x00", "a" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


@pytest.mark.parametrize("value", NASTY)
def test_nri_forms_answer_hostile_values_without_a_server_error(
    client, application, nri_coordinator, secretariat, open_request, value
):
    slug = application.workstream.slug
    client.force_login(nri_coordinator)
    posts = [
        (
            reverse("workstreams:nri-apply"),
            {"name": value, "nri_level": value, "country": value, "region_name": value},
        ),
        (
            reverse("workstreams:nri-application", args=[slug]),
            {"statement": value, "committee_groups": value, "submit": "1"},
        ),
        (reverse("workstreams:support", args=[slug]), {"subject": value, "body": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {200, 302, 400}, (url, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode()
    client.force_login(secretariat)
    NriApplication.objects.filter(pk=application.pk).update(status="submitted")
    posts = [
        (
            reverse("workstreams:nri-assess", args=[slug, "open"]),
            {"open-meets": value, "open-notes": value},
        ),
        (
            reverse("workstreams:nri-decide", args=[slug]),
            {"action": value, "reason": value, "confirm": value},
        ),
        (
            reverse("workstreams:support-answer", args=[open_request.pk]),
            {f"request-{open_request.pk}-answer": value},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {200, 302, 400}, (url, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode()
    unknown = reverse("workstreams:nri-assess", args=[slug, "not-a-principle"])
    assert client.post(unknown, {"not-a-principle-meets": value}).status_code == 404
    for stored in SupportRequest.objects.all():
        assert "\x00" not in stored.subject + stored.body + stored.answer
    assert all("\x00" not in name for name in Workstream.objects.values_list("name", flat=True))
