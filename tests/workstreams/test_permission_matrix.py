"""Role x action matrices: who may do what in a workstream, through the pages a person uses.

The cast: BPF A's coordinator, member and observer; BPF B's coordinator (a coordinator of
another tenant); an outsider with an account; an anonymous visitor; the Secretariat.
"""

import pytest
from django.urls import reverse

from workstreams import permissions
from workstreams.models import Membership, WorkstreamEvent

ROLES = [
    "anonymous",
    "outsider",
    "bpf_a_observer",
    "bpf_a_member",
    "bpf_a_coordinator",
    "bpf_b_coordinator",
    "secretariat",
]


@pytest.fixture
def cast(request, bpf_a, bpf_b):
    def who(role):
        if role == "anonymous":
            return None
        return request.getfixturevalue(role)

    return who


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The expected answer of each page, per role; 302 to the login page for an anonymous visitor
# on a sign-in-only page; 404 where the page is private ("not yours" looks like "missing").
PAGE_MATRIX = {
    #                 anon  outs  obs   mem   coord other secr
    "detail": (200, 200, 200, 200, 200, 200, 200),
    "members": (404, 404, 200, 200, 200, 404, 200),
    "history": (404, 404, 404, 404, 200, 404, 200),
    "edit": (302, 404, 404, 404, 200, 404, 200),
    "status": (302, 404, 404, 404, 404, 404, 200),
}


@pytest.mark.parametrize("page", PAGE_MATRIX)
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_role_x_page_matrix_on_a_public_workstream(client, cast, bpf_a, page, role_index, role):
    """Coordinators manage only their own workstream (R-DC-7); outsiders see only public pages."""
    user = cast(role)
    response = client_for(client, user).get(reverse(f"workstreams:{page}", args=[bpf_a.slug]))
    assert response.status_code == PAGE_MATRIX[page][role_index], (role, page)


# Granting a role in BPF A through its People page: 302 back to the page on success.
GRANT_MATRIX = dict(zip(ROLES, (404, 404, 403, 403, 302, 404, 302), strict=True))


@pytest.mark.parametrize("role", ROLES)
def test_role_x_grant_role_matrix(client, cast, bpf_a, bpf_b, role):
    """Only BPF A's coordinators and the Secretariat can give someone a role in BPF A."""
    user = cast(role)
    newcomer_email = "newcomer@example.org"
    from tests.factories import UserFactory

    newcomer = UserFactory(email=newcomer_email)
    response = client_for(client, user).post(
        reverse("workstreams:members", args=[bpf_a.slug]),
        {"email": newcomer_email, "role": "member", "reason": ""},
    )
    assert response.status_code == GRANT_MATRIX[role], role
    granted = Membership.objects.active().filter(workstream=bpf_a, user=newcomer).exists()
    assert granted is (GRANT_MATRIX[role] == 302)


EDIT_MATRIX = dict(zip(ROLES, (302, 404, 404, 404, 302, 404, 302), strict=True))


@pytest.mark.parametrize("role", ROLES)
def test_role_x_edit_details_matrix(client, cast, bpf_a, role):
    """A coordinator of another workstream cannot change BPF A; nothing changes when refused."""
    user = cast(role)
    response = client_for(client, user).post(
        reverse("workstreams:edit", args=[bpf_a.slug]),
        {
            "name": bpf_a.name,
            "short_name": "",
            "description": "Rewritten by " + role,
            "mailing_list": bpf_a.mailing_list,
            "archive_url": "",
        },
    )
    assert response.status_code == EDIT_MATRIX[role], role
    bpf_a.refresh_from_db()
    changed = bpf_a.description == "Rewritten by " + role
    allowed = role in {"bpf_a_coordinator", "secretariat"}
    assert changed is allowed
    if allowed:
        assert response["Location"] == bpf_a.get_absolute_url()
        event = WorkstreamEvent.objects.get(workstream=bpf_a, verb="updated")
        assert event.details["changes"]["description"]["to"] == "Rewritten by " + role


PRIVATE_WORKSTREAM_PAGES = ["detail", "members", "history"]


@pytest.mark.parametrize("page", PRIVATE_WORKSTREAM_PAGES)
@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("bpf_a_coordinator", 404),
        ("dc_coordinator", 200),
        ("secretariat", 200),
    ],
)
def test_proposed_workstream_is_private_to_its_people(
    client, request, dc_proposed, bpf_a, page, role, expected
):
    """An unrecognised DC is invisible (404) to everyone but its people and the Secretariat."""
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(client, user).get(reverse(f"workstreams:{page}", args=[dc_proposed.slug]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "check,expected",
    [
        ("can_view_workstream", (True, True, True, True, True, True, True)),
        ("can_view_members", (False, False, True, True, True, False, True)),
        ("can_view_history", (False, False, False, False, True, False, True)),
        ("can_edit_workstream", (False, False, False, False, True, False, True)),
        ("can_manage_members", (False, False, False, False, True, False, True)),
        ("can_change_status", (False, False, False, False, False, False, True)),
        ("can_grant_reviewer_access", (False, False, False, False, False, False, True)),
        ("can_join_workstream", (False, True, False, False, False, True, True)),
        ("can_leave_workstream", (False, False, True, True, False, False, False)),
    ],
)
def test_permission_functions_role_x_action_matrix(cast, bpf_a, check, expected):
    """The permissions module is the one place that decides; this is its whole table for BPF A."""
    from django.contrib.auth.models import AnonymousUser

    for role, allowed in zip(ROLES, expected, strict=True):
        user = cast(role) or AnonymousUser()
        assert getattr(permissions, check)(user, bpf_a) is allowed, (check, role)
