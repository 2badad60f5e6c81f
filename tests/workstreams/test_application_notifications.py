"""The Secretariat hears of each submission; applicants hear of each decision and its reason."""

import pytest
from django.core import mail

from timelines import services as timeline_services
from workstreams.applications import Workflow, apply_application_transition
from workstreams.models import DcApplication

WORKFLOW = Workflow(key="dc_application")


@pytest.fixture
def application(dc_proposed, dc_coordinator):
    return DcApplication.objects.create(workstream=dc_proposed, created_by=dc_coordinator)


def transition(application, action, actor, reason=""):
    return apply_application_transition(
        workflow=WORKFLOW, application=application, action=action, actor=actor, reason=reason
    )


def test_R_DC_3_a_submission_reaches_the_secretariat_with_a_link_to_review_it(
    application, dc_coordinator, secretariat
):
    transition(application, "submit", dc_coordinator)
    timeline_services.deliver_pending()
    (message,) = mail.outbox
    assert message.to == [secretariat.email]
    assert "New application to review: Dynamic Coalition on Testing" in message.subject
    assert "/workstreams/dc-testing/application/review/" in message.body


def test_R_DC_3_a_decision_reaches_the_applicants_with_its_reason_and_resubmissions_too(
    application, dc_coordinator, secretariat
):
    transition(application, "submit", dc_coordinator)
    transition(application, "request_changes", secretariat, "Name the mailing list archive.")
    transition(application, "submit", dc_coordinator)
    timeline_services.deliver_pending()
    to_applicant = [m for m in mail.outbox if m.to == [dc_coordinator.email]]
    to_secretariat = [m for m in mail.outbox if m.to == [secretariat.email]]
    assert len(to_secretariat) == 2
    (decision,) = to_applicant
    assert "Decision on Dynamic Coalition on Testing: Ask for changes" in decision.subject
    assert "Name the mailing list archive." in decision.body
    assert "/workstreams/dc-testing/history/" in decision.body
