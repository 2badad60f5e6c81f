"""The demo's NRI data: a submitted statement half assessed, a draft, an open support request."""

from io import StringIO

from demo import nri as demo_nri
from tests.factories import UserFactory, WorkstreamFactory
from workstreams.models import Membership, NriApplication, SupportRequest, WorkstreamEvent


def test_R_NRI_2_the_demo_seeds_a_statement_ready_to_finish_and_is_idempotent(secretariat):
    emails = [
        demo_nri.SUBMITTED["applicant"],
        demo_nri.DRAFT["applicant"],
        demo_nri.SUPPORT["requester"],
    ]
    people = {email: UserFactory(email=email) for email in emails}
    nigeria = WorkstreamFactory(
        kind="nri", nri_level="national", country="NG", name="Nigeria IGF", slug="nri-nigeria-igf"
    )
    Membership.objects.create(
        workstream=nigeria, user=people[demo_nri.SUPPORT["requester"]], role="coordinator"
    )
    kwargs = {
        "secretariat": secretariat,
        "people": people,
        "workstreams": {nigeria.slug: nigeria},
    }
    out = StringIO()
    demo_nri.seed(stdout=out, **kwargs)
    submitted = NriApplication.objects.get(workstream__name="Zambia IGF")
    assert submitted.status == "submitted"
    assert submitted.assessments.count() == 4
    assert NriApplication.objects.get(workstream__name="Mongolia IGF").status == "draft"
    assert SupportRequest.objects.get().status == "open"
    events = WorkstreamEvent.objects.count()
    out = StringIO()
    demo_nri.seed(stdout=out, **kwargs)
    assert "already in place" in out.getvalue()
    assert WorkstreamEvent.objects.count() == events
    assert SupportRequest.objects.count() == 1 and NriApplication.objects.count() == 2
