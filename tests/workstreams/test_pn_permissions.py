"""Who may do what on a Policy Network's page (R-PN-1, R-PN-2, R-PN-4, R-PN-7, R-NRI-5), and
that hostile input is answered by a form, never by a server error."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, WorkstreamFactory
from workstreams import pn
from workstreams.models import Membership

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "invitee", "pn_coordinator", "other_coordinator", "secretariat"]
LOGIN, OK, DONE, FORBIDDEN, NOT_FOUND = "login", 200, "done", 403, 404


@pytest.fixture
def cast(secretariat, outsider, bpf_a, bpf_a_coordinator):
    pn_ws = WorkstreamFactory(kind="pn", name="Policy Network on Testing", slug="pn-testing")
    invitee = UserFactory(email="invitee@example.org")
    invitation = pn.invite_to_wg(
        workstream=pn_ws, person=invitee, discipline="Law", actor=secretariat
    )
    pn_coordinator = UserFactory(email="pn-coord@example.org")
    Membership.objects.create(workstream=pn_ws, user=pn_coordinator, role="coordinator")
    return {
        "pn": pn_ws,
        "bpf": bpf_a,
        "invitation": invitation,
        "anonymous": None,
        "outsider": outsider,
        "invitee": invitee,
        "pn_coordinator": pn_coordinator,
        "other_coordinator": bpf_a_coordinator,
        "secretariat": secretariat,
    }


def _actions(cast):
    slug = cast["pn"].slug
    return {
        "view": ("get", reverse("workstreams:pn", args=[slug]), None),
        "record_topic": (
            "post",
            reverse("workstreams:pn-topic", args=[slug]),
            {"topic": "Access", "decided_on": "2021-03-01", "reason": "Consulted."},
        ),
        "invite": (
            "post",
            reverse("workstreams:pn-invite", args=[slug]),
            {"email": "outsider@example.org", "discipline": "Economics"},
        ),
        "withdraw": (
            "post",
            reverse("workstreams:pn-invitation-withdraw", args=[slug, cast["invitation"].pk]),
            {},
        ),
        "consultant": (
            "post",
            reverse("workstreams:pn-consultant", args=[slug]),
            {"name": "Vera", "contract_date": "2021-04-01"},
        ),
        "answer_invitation": (
            "post",
            reverse("workstreams:pn-invitation", args=[slug]),
            {"answer": "accept"},
        ),
        "name_bpf_focal_point": (
            "post",
            reverse("workstreams:pn-focal-point", args=[slug]),
            {"from_workstream": cast["bpf"].pk, "email": "outsider@example.org"},
        ),
    }


SECRETARIAT_ONLY = {
    "anonymous": LOGIN,
    "outsider": FORBIDDEN,
    "invitee": FORBIDDEN,
    "pn_coordinator": FORBIDDEN,
    "other_coordinator": FORBIDDEN,
    "secretariat": DONE,
}
MATRIX = {
    "view": dict.fromkeys(ROLES, OK),
    "record_topic": SECRETARIAT_ONLY,
    "invite": SECRETARIAT_ONLY,
    "withdraw": SECRETARIAT_ONLY,
    "consultant": SECRETARIAT_ONLY,
    "answer_invitation": {
        "anonymous": LOGIN,
        "outsider": NOT_FOUND,
        "invitee": DONE,
        "pn_coordinator": NOT_FOUND,
        "other_coordinator": NOT_FOUND,
        "secretariat": NOT_FOUND,
    },
    "name_bpf_focal_point": {**SECRETARIAT_ONLY, "other_coordinator": DONE},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_R_PN_2_role_by_action_matrix_of_the_policy_network_page(client, cast, role, action):
    if cast[role] is not None:
        client.force_login(cast[role])
    method, url, data = _actions(cast)[action]
    response = getattr(client, method)(url, data)
    expected = MATRIX[action][role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif expected == DONE:
        assert response.status_code == 302
        assert response["Location"] == reverse("workstreams:pn", args=[cast["pn"].slug])
    else:
        assert response.status_code == expected


HOSTILE = [
    {},
    {"topic": "\x00", "decided_on": "2021-02-30", "reason": "x" * 20_000},
    {"title": "<script>alert(1)</script>", "kind": "nonsense", "url": "javascript:alert(1)"},
    {"email": "nobody@example.org\x00", "discipline": "a" * 500},
    {"email": "'; DROP TABLE users; --", "name": "", "contract_date": "yesterday"},
    {"from_workstream": "99999999999999999999", "nri": "-1", "email": ["a", "b"]},
    {"answer": "maybe"},
]


@pytest.mark.parametrize("data", HOSTILE)
@pytest.mark.parametrize(
    "name",
    [
        "pn-topic",
        "pn-topic-input",
        "pn-invite",
        "pn-consultant",
        "pn-focal-point",
        "pn-nri-liaison",
    ],
)
def test_hostile_input_to_the_pn_forms_is_refused_without_a_server_error(client, cast, name, data):
    client.force_login(cast["secretariat"])
    response = client.post(reverse(f"workstreams:{name}", args=[cast["pn"].slug]), data)
    assert response.status_code in {302, 400}


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_answers_to_an_invitation_are_refused_without_a_server_error(client, cast, data):
    client.force_login(cast["invitee"])
    url = reverse("workstreams:pn-invitation", args=[cast["pn"].slug])
    assert client.post(url, data).status_code == 400
