"""Policy Network consultations: NRI feedback on each phase (R-PN-8) and the outcome
document's six sections (R-PN-9)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.exceptions import DomainError
from consultations import outputs, pn, services
from consultations.models import Contribution, NriFeedbackInvitation, Output, Phase
from tests.factories import UserFactory, WorkstreamFactory
from timelines.models import Notification
from workstreams.models import Membership, Workstream

from .conftest import verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_nri

FULL_OUTCOME = """# Meaningful access: outcome document

## Status quo and current issues

Many remain unconnected.

## Policy gaps

Universal service funds are underused.

## Existing capacity

Community networks exist in many regions.

## Local specificities

Rural areas differ from cities.

## Good and bad practices

Shared infrastructure worked; exclusive licences did not.

## Ways forward and implementation parties

Regulators, operators and NRIs each have a part.
"""

PARTIAL_OUTCOME = """# Meaningful access: outcome document

## Status quo and current issues

Many remain unconnected.

## Policy gaps

Universal service funds are underused.
"""


@pytest.fixture
def pn_workstream(db):
    return WorkstreamFactory(kind=Workstream.Kind.PN, name="Policy Network on Access", slug="pna")


@pytest.fixture
def pn_coordinator(pn_workstream):
    user = verified(UserFactory(email="pn-coord@example.org", display_name="Pat Network"))
    Membership.objects.create(workstream=pn_workstream, user=user, role="coordinator")
    return user


@pytest.fixture
def pn_consultation(pn_workstream, pn_coordinator):
    return services.create_consultation(
        workstream=pn_workstream,
        actor=pn_coordinator,
        title="PN outcome",
        is_policy_network_output=True,
    )


def published(consultation, actor, body, title="Outcome document"):
    draft = services.create_draft(
        consultation=consultation,
        actor=actor,
        title=title,
        body=body,
        is_outcome_document=True,
    )
    draft = services.publish_draft(draft=draft, actor=actor)
    consultation.refresh_from_db()
    return draft


@pytest.fixture
def pn_window(pn_consultation, pn_coordinator):
    draft = published(pn_consultation, pn_coordinator, FULL_OUTCOME)
    now = timezone.now()
    return services.add_phase(
        consultation=pn_consultation,
        actor=pn_coordinator,
        kind=Phase.Kind.COMMENT_WINDOW,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=14),
        draft=draft,
    )


# ---- R-PN-8 ---------------------------------------------------------------------------------


def test_R_PN_8_recognised_nris_are_invited_and_their_coordinators_notified(
    pn_window, pn_coordinator, nri_kenya, nri_kenya_coordinator
):
    proposed = make_nri("Proposed IGF", "proposed-igf", "GH")
    proposed.status = Workstream.Status.PROPOSED
    proposed.save()
    invited = pn.invite_nris(phase=pn_window, actor=pn_coordinator)
    assert invited == [nri_kenya]
    invitation = NriFeedbackInvitation.objects.get()
    assert invitation.nri == nri_kenya and invitation.invited_by == pn_coordinator
    [notice] = Notification.objects.filter(kind=pn.INVITATION_KIND)
    assert notice.recipient == nri_kenya_coordinator
    assert "Kenya IGF" in pn.invitation_title(notice.context)
    with pytest.raises(DomainError) as refused:
        pn.invite_nris(phase=pn_window, actor=pn_coordinator)
    assert "R-PN-8" in refused.value.messages[0]


def test_R_PN_8_invitations_are_for_policy_network_outputs_only(
    open_draft, window, bpf_a_coordinator, nri_kenya
):
    with pytest.raises(DomainError) as refused:
        pn.invite_nris(phase=window, actor=bpf_a_coordinator)
    assert "R-PN-8" in refused.value.messages[0]


def test_R_PN_8_only_the_consultations_managers_invite(pn_window, outsider, nri_kenya):
    with pytest.raises(PermissionDenied):
        pn.invite_nris(phase=pn_window, actor=outsider)


def test_R_PN_8_the_nris_feedback_is_a_contribution_on_its_behalf(
    pn_window, pn_coordinator, nri_kenya, nri_kenya_coordinator, contributor
):
    pn.invite_nris(phase=pn_window, actor=pn_coordinator)
    invitation = NriFeedbackInvitation.objects.get()
    with pytest.raises(PermissionDenied):
        pn.submit_nri_feedback(invitation=invitation, actor=contributor, title="Not ours", text="x")
    contribution = pn.submit_nri_feedback(
        invitation=invitation,
        actor=nri_kenya_coordinator,
        title="Kenya IGF feedback",
        text="Our community networks show the way.",
    )
    invitation.refresh_from_db()
    assert invitation.contribution == contribution
    assert contribution.on_behalf_of == Contribution.OnBehalf.NRI
    assert contribution.on_behalf_workstream == nri_kenya
    assert contribution.phase == pn_window
    with pytest.raises(DomainError) as refused:
        pn.submit_nri_feedback(
            invitation=invitation, actor=nri_kenya_coordinator, title="Again", text="y"
        )
    assert "R-PN-8" in refused.value.messages[0]


def test_R_PN_8_the_invitations_page_records_who_was_invited_and_answered(
    client, pn_window, pn_coordinator, nri_kenya, nri_kenya_coordinator
):
    url = reverse("consultations:nri-invitations", args=[pn_window.consultation.slug])
    client.force_login(pn_coordinator)
    response = client.post(url, {"phase": pn_window.pk})
    assert response.status_code == 302
    client.force_login(nri_kenya_coordinator)
    response = client.get(url)
    assert "Kenya IGF" in response.text and "Send the initiative" in response.text
    invitation = NriFeedbackInvitation.objects.get()
    feedback_url = reverse(
        "consultations:nri-feedback", args=[pn_window.consultation.slug, invitation.pk]
    )
    response = client.post(feedback_url, {"title": "Ours", "text": "", "language": "en"})
    assert response.status_code == 400 and "R-CON-4" in response.text
    response = client.post(feedback_url, {"title": "Ours", "text": "Feedback", "language": "en"})
    assert response.status_code == 302
    assert "Ours" in client.get(url).text


# ---- R-PN-9 ---------------------------------------------------------------------------------


def test_R_PN_9_a_full_outcome_document_covers_every_section(pn_consultation, pn_coordinator):
    draft = published(pn_consultation, pn_coordinator, FULL_OUTCOME)
    assert pn.missing_outcome_sections(draft) == []


def test_R_PN_9_publishing_a_pn_output_missing_sections_is_refused_naming_them(
    pn_consultation, pn_coordinator
):
    draft = published(pn_consultation, pn_coordinator, PARTIAL_OUTCOME)
    with pytest.raises(DomainError) as refused:
        outputs.publish_output(actor=pn_coordinator, consultation=pn_consultation, draft=draft)
    message = refused.value.messages[0]
    assert message.startswith("R-PN-9")
    for section in (
        "Existing capacity",
        "Local specificities",
        "Good and bad practices",
        "Ways forward",
    ):
        assert section in message
    assert "Policy gaps" not in message
    assert not Output.objects.exists()


def test_R_PN_9_a_complete_pn_output_is_published(
    pn_consultation, pn_coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(outputs, "write_pdf", lambda html: b"%PDF-1.7 test")
    draft = published(pn_consultation, pn_coordinator, FULL_OUTCOME)
    with django_capture_on_commit_callbacks(execute=True):
        output = outputs.publish_output(
            actor=pn_coordinator, consultation=pn_consultation, draft=draft
        )
    output.refresh_from_db()
    assert output.render_status == Output.RenderStatus.READY


def test_R_PN_9_the_outputs_page_warns_of_missing_sections(client, pn_consultation, pn_coordinator):
    published(pn_consultation, pn_coordinator, PARTIAL_OUTCOME)
    client.force_login(pn_coordinator)
    response = client.get(reverse("consultations:outputs", args=[pn_consultation.slug]))
    assert "R-PN-9" in response.text and "Local specificities" in response.text
    response = client.post(
        reverse("consultations:outputs", args=[pn_consultation.slug]),
        {"draft": pn_consultation.drafts.get().pk},
    )
    assert response.status_code == 400
    assert "R-PN-9" in response.text
