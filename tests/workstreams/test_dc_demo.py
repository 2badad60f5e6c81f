"""The DC demo data (demo/dc.py): every DC workflow state can be tried, and it is idempotent.

Built on a minimal stand-in for seed_demo's people and workstreams, so this test does not
depend on the rest of the demo.
"""

import io

import pytest

from accounts.exceptions import DomainError
from demo import dc as demo_dc
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory
from workstreams import dc
from workstreams.models import DcAnnualReport, DcApplication, Membership, WorkstreamEvent

EMAILS = [
    demo_dc.SUBMITTED_BY,
    demo_dc.DRAFT_BY,
    demo_dc.RETURNED_BY,
    demo_dc.FILED_BY,
    "cos@example.org",
]


@pytest.fixture
def cast(secretariat):
    IgfCycleFactory(year=2026)
    people = {email: UserFactory(email=email) for email in EMAILS}
    people[secretariat.email] = secretariat
    workstreams = {}
    for slug, status, email in [
        (demo_dc.SUBMITTED_SLUG, "proposed", demo_dc.SUBMITTED_BY),
        (demo_dc.FILED_SLUG, "active", demo_dc.FILED_BY),
        (demo_dc.OVERDUE_SLUG, "active", "cos@example.org"),
    ]:
        workstreams[slug] = WorkstreamFactory(kind="dc", slug=slug, name=slug, status=status)
        Membership.objects.create(
            workstream=workstreams[slug], user=people[email], role=Membership.Role.COORDINATOR
        )
    return {"secretariat": secretariat, "people": people, "workstreams": workstreams}


def _seed(cast):
    return demo_dc.seed(**cast, stdout=io.StringIO())


def test_R_DC_1_and_R_DC_4_demo_has_each_dc_workflow_state_and_is_idempotent(cast):
    assert len(_seed(cast)) == 4
    statuses = set(DcApplication.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "changes_requested"}
    draft = DcApplication.objects.get(workstream__name=demo_dc.DRAFT_NAME)
    with pytest.raises(DomainError, match="found 2"):
        dc.submit_dc_application(application=draft, actor=cast["people"][demo_dc.DRAFT_BY])
    ready = DcApplication.objects.get(workstream__slug=demo_dc.SUBMITTED_SLUG)
    assert ready.representatives.values("stakeholder_group").distinct().count() == 3
    reports = DcAnnualReport.objects.filter(cycle__year=2026).select_related("workstream")
    assert [r.workstream.slug for r in reports if r.submitted_at] == [demo_dc.FILED_SLUG]
    overdue = [r.workstream.slug for r in reports if r.is_overdue(r.workstream.today())]
    assert overdue == [demo_dc.OVERDUE_SLUG]
    events = WorkstreamEvent.objects.count()
    assert _seed(cast) == []
    assert WorkstreamEvent.objects.count() == events
