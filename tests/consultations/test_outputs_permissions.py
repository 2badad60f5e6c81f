"""Role x action matrix for contributions, editors, dispositions, messages, participation,
outputs and the directory: who may see each page and who may act (403), and what stays
private (404)."""

import pytest
from django.urls import reverse

from consultations import editorial, services
from tests.factories import UserFactory

from .conftest import verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments

ROLES = ["anonymous", "unverified", "verified", "editor", "coordinator", "other_tenant", "sec"]


@pytest.fixture
def cast(open_draft, editor, commenter, bpf_a_coordinator, bpf_b_coordinator, secretariat):
    return {
        "anonymous": None,
        "unverified": UserFactory(email="unverified@example.org"),
        "verified": commenter,
        "editor": editor,
        "coordinator": verified(bpf_a_coordinator),
        "other_tenant": verified(bpf_b_coordinator),
        "sec": verified(secretariat),
    }


def status_for(client, user, method, url, data=None):
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


ANYONE = dict.fromkeys(ROLES, 200)
MANAGERS = {
    "anonymous": "login",
    "unverified": 403,
    "verified": 403,
    "editor": 403,
    "coordinator": 200,
    "other_tenant": 403,
    "sec": 200,
}
EDITORS = {**MANAGERS, "editor": 200}


def urls(draft, comment):
    slug = draft.consultation.slug
    return {
        "contributions": ("get", reverse("consultations:contributions", args=[slug])),
        "contribution-create": (
            "get",
            reverse("consultations:contribution-create", args=[slug]),
        ),
        "editors": ("get", reverse("consultations:editors", args=[slug])),
        "dispositions": ("get", reverse("consultations:dispositions", args=[slug, 1])),
        "dispositions-csv": ("get", reverse("consultations:dispositions-csv", args=[slug, 1])),
        "disposition-give": (
            "get",
            reverse("consultations:disposition-give", args=[slug, comment.pk]),
        ),
        "messages": ("get", reverse("consultations:messages", args=[slug])),
        "message-create": ("get", reverse("consultations:message-create", args=[slug])),
        "participation": ("get", reverse("consultations:participation", args=[slug])),
        "outputs": ("get", reverse("consultations:outputs", args=[slug])),
        "outputs-publish": ("post", reverse("consultations:outputs", args=[slug])),
        "entities": ("get", reverse("consultations:entities")),
        "entity-create": ("get", reverse("consultations:entity-create")),
    }


EXPECTED = {
    "contributions": ANYONE,
    "contribution-create": {
        **dict.fromkeys(ROLES, 200),
        "anonymous": "login",
        "unverified": 403,
    },
    "editors": ANYONE,
    "dispositions": ANYONE,
    "dispositions-csv": ANYONE,
    "disposition-give": EDITORS,
    "messages": ANYONE,
    "message-create": EDITORS,
    "participation": ANYONE,
    "outputs": ANYONE,
    # An empty form: the publisher gets it back with its errors (400); others are refused.
    "outputs-publish": {**MANAGERS, "coordinator": 400, "sec": 400, "anonymous": 403},
    "entities": {**dict.fromkeys(ROLES, 404), "anonymous": "login", "sec": 200},
    "entity-create": {**dict.fromkeys(ROLES, 404), "anonymous": "login", "sec": 200},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_permission_matrix(client, cast, open_draft, commenter, page, role):
    [comment] = make_comments(open_draft, [commenter], 1)
    method, url = urls(open_draft, comment)[page]
    assert status_for(client, cast[role], method, url) == EXPECTED[page][role]


@pytest.mark.parametrize("role", ["verified", "editor", "other_tenant"])
def test_R_CON_5_only_coordinators_and_the_secretariat_decide_editors(
    client, cast, open_draft, outsider, role
):
    verified(outsider)
    request = editorial.ask_to_join(consultation=open_draft.consultation, actor=outsider)
    url = reverse("consultations:editor-decide", args=[open_draft.consultation.slug, request.pk])
    assert status_for(client, cast[role], "post", url, {"decision": "approve"}) == 403
    request.refresh_from_db()
    assert request.status == "requested"
    client.force_login(cast["coordinator"])
    assert client.post(url, {"decision": "approve"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"


def test_a_consultation_being_prepared_is_404_to_outsiders(
    client, bpf_a, bpf_a_coordinator, outsider
):
    preparing = services.create_consultation(
        workstream=bpf_a, actor=bpf_a_coordinator, title="Not yet"
    )
    client.force_login(outsider)
    for name in ("contributions", "editors", "messages", "participation", "outputs"):
        assert (
            client.get(reverse(f"consultations:{name}", args=[preparing.slug])).status_code == 404
        )
    client.force_login(bpf_a_coordinator)
    assert client.get(reverse("consultations:outputs", args=[preparing.slug])).status_code == 200


def test_nri_invitations_exist_only_for_policy_network_outputs(client, open_draft):
    url = reverse("consultations:nri-invitations", args=[open_draft.consultation.slug])
    assert client.get(url).status_code == 404


def test_unknown_slugs_and_versions_are_404(client, open_draft, secretariat):
    client.force_login(secretariat)
    slug = open_draft.consultation.slug
    assert client.get(reverse("consultations:outputs", args=["nope"])).status_code == 404
    assert client.get(reverse("consultations:dispositions", args=[slug, 9])).status_code == 404
    assert client.get(reverse("consultations:output", args=[slug, 1])).status_code == 404
    assert client.get(reverse("consultations:output-pdf", args=[slug, 1])).status_code == 404


NASTY = ["\x00", "a" * 60_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂" * 50, "%s%n"]


@pytest.mark.parametrize("value", NASTY)
def test_every_form_answers_hostile_values_without_a_server_error(
    client, open_draft, editor, commenter, secretariat, value
):
    from consultations import outputs

    slug = open_draft.consultation.slug
    [comment] = make_comments(open_draft, [commenter], 1)
    entity = outputs.create_entity(actor=secretariat, name="Forum", kind="other")
    verified(secretariat)
    client.force_login(secretariat)
    posts = [
        (
            reverse("consultations:contribution-create", args=[slug]),
            {
                "title": value,
                "on_behalf_of": value,
                "organisation": value,
                "on_behalf_workstream": value,
                "text": value,
                "language": value,
            },
        ),
        (reverse("consultations:editors", args=[slug]), {"motivation": value}),
        (
            reverse("consultations:disposition-give", args=[slug, comment.pk]),
            {"outcome": value, "reply": value},
        ),
        (
            reverse("consultations:message-create", args=[slug]),
            {
                "kind": value,
                "title": value,
                "body": value,
                "paragraphs": value,
                "comments": value,
                "position": value,
            },
        ),
        (reverse("consultations:outputs", args=[slug]), {"draft": value, "entities": value}),
        (
            reverse("consultations:entity-create"),
            {"name": value, "kind": value, "contact_email": value, "website": value},
        ),
        (reverse("consultations:entity-deactivate", args=[entity.pk]), {"reason": value}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400), (url, response.status_code)
        assert "<script>alert(1)</script>" not in response.content.decode(), url
    gets = [
        (reverse("consultations:entities"), {"q": value, "kind": value, "region": value}),
        (reverse("consultations:contributions", args=[slug]), {"page": value}),
        (reverse("consultations:dispositions", args=[slug, 1]), {"page": value}),
    ]
    for url, params in gets:
        assert client.get(url, params).status_code == 200, url
