"""R-NRI-6: an NRI's support request to the Secretariat is tracked to an answer."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from tests.factories import UserFactory, WorkstreamFactory
from workstreams import nri
from workstreams.models import Membership, SupportRequest


@pytest.fixture
def ng(db):
    return WorkstreamFactory(
        kind="nri", nri_level="national", country="NG", name="Nigeria IGF", slug="ng-igf"
    )


@pytest.fixture
def ng_coordinator(ng):
    user = UserFactory(email="ng-coord@example.org", display_name="Ngozi Coordinator")
    Membership.objects.create(workstream=ng, user=user, role="coordinator")
    return user


@pytest.fixture
def ng_member(ng):
    user = UserFactory(email="ng-member@example.org", display_name="Nnamdi Member")
    Membership.objects.create(workstream=ng, user=user, role="member")
    return user


def test_R_NRI_6_a_support_request_is_tracked_to_an_answer_with_who_and_when(
    client, ng, ng_coordinator, ng_member, secretariat
):
    client.force_login(ng_coordinator)
    response = client.post(
        reverse("workstreams:support", args=[ng.slug]),
        {"subject": "Remote hubs", "body": "How do we register remote hubs for the IGF?"},
    )
    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert (request.status, request.requested_by, request.workstream) == (
        "open",
        ng_coordinator,
        ng,
    )

    client.force_login(secretariat)
    queue = client.get(reverse("workstreams:support-queue")).content.decode()
    assert "Remote hubs" in queue and "Nigeria IGF" in queue
    response = client.post(
        reverse("workstreams:support-answer", args=[request.pk]),
        {f"request-{request.pk}-answer": "Use the hub form on the IGF site."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered"
    assert request.answered_by == secretariat and request.answered_at is not None
    assert "Remote hubs" not in client.get(reverse("workstreams:support-queue")).content.decode()

    client.force_login(ng_member)  # the NRI's people see the answer, who gave it and when
    page = client.get(reverse("workstreams:support", args=[ng.slug])).content.decode()
    assert "Use the hub form on the IGF site." in page
    assert "Answered by Sam Secretariat" in page


def test_R_NRI_6_requests_are_private_to_the_nri_and_the_secretariat(
    client, ng, ng_coordinator, outsider, bpf_a_coordinator
):
    nri.file_support_request(workstream=ng, actor=ng_coordinator, subject="Budget", body="Help")
    for user in (outsider, bpf_a_coordinator):
        client.force_login(user)
        assert client.get(reverse("workstreams:support", args=[ng.slug])).status_code == 404
        assert client.get(reverse("workstreams:support-queue")).status_code == 404


def test_R_NRI_6_the_open_requests_are_listed_oldest_first(client, ng, ng_coordinator, secretariat):
    for subject in ("First", "Second", "Third"):
        nri.file_support_request(workstream=ng, actor=ng_coordinator, subject=subject, body="?")
    client.force_login(secretariat)
    page = client.get(reverse("workstreams:support-queue")).content.decode()
    assert page.index("First") < page.index("Second") < page.index("Third")


def test_R_NRI_6_an_answer_is_required_and_given_once(ng, ng_coordinator, secretariat):
    request = nri.file_support_request(workstream=ng, actor=ng_coordinator, subject="S", body="B")
    with pytest.raises(DomainError, match="R-NRI-6: Write the answer"):
        nri.answer_support_request(support_request=request, actor=secretariat, answer=" ")
    nri.answer_support_request(support_request=request, actor=secretariat, answer="Done")
    with pytest.raises(DomainError, match="already been answered"):
        nri.answer_support_request(support_request=request, actor=secretariat, answer="Again")
    with pytest.raises(PermissionDenied):
        nri.answer_support_request(support_request=request, actor=ng_coordinator, answer="Me")


def test_R_DC_7_other_kinds_have_no_support_requests(client, bpf_a, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    assert client.get(reverse("workstreams:support", args=[bpf_a.slug])).status_code == 404
    with pytest.raises(PermissionDenied):
        nri.file_support_request(workstream=bpf_a, actor=bpf_a_coordinator, subject="S", body="B")


def test_R_NRI_6_an_empty_answer_on_the_queue_keeps_the_request_open(
    client, ng, ng_coordinator, secretariat
):
    request = nri.file_support_request(workstream=ng, actor=ng_coordinator, subject="S", body="B")
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:support-answer", args=[request.pk]),
        {f"request-{request.pk}-answer": ""},
    )
    assert response.status_code == 400
    assert "Write the answer." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"
