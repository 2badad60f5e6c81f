"""On the NRI review page, saving one principle's assessment reloads the page; a decision
reason typed meanwhile in the decision form is still there afterwards (nothing typed is lost),
and it is forgotten once the decision itself is sent."""

import re

from playwright.sync_api import expect

from accounts import services as account_services
from accounts.models import SiteRole, StakeholderGroup
from tests.e2e.test_dc_recognition_journey import _person, sign_in
from workstreams import nri

STATEMENT = "The Zambia IGF is organised by an open multistakeholder committee. " * 5
REASON = "All six principles are met: open calls, published minutes, a mixed committee."


def test_R_NRI_2_a_typed_decision_reason_survives_saving_an_assessment(page, live_server):
    secretariat = _person("sec-nri@example.org", "Sena Secretariat")
    account_services.grant_site_role(
        user=secretariat, role=SiteRole.Role.SECRETARIAT, actor=None, reason="test"
    )
    coordinator = _person("zm-coord@example.org", "Zola Coordinator")
    application = nri.start_nri_application(
        actor=coordinator, name="Zambia IGF", nri_level="national", country="ZM"
    )
    nri.save_nri_statement(
        application=application,
        actor=coordinator,
        statement=STATEMENT,
        committee_groups=StakeholderGroup.objects.filter(slug__in=["government", "civil-society"]),
    )
    nri.submit_nri_application(application=application, actor=coordinator)

    sign_in(page, "sec-nri@example.org")
    page.goto(f"/workstreams/{application.workstream.slug}/nri/review/")
    reason = page.get_by_label(re.compile(r"^Reason \(recorded and shown to the applicants\)"))
    reason.fill(REASON)

    open_principle = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Open")
    )
    open_principle.get_by_label("Yes").check()
    open_principle.get_by_label(re.compile(r"^Notes")).fill("Calls for participation are public.")
    open_principle.get_by_role("button", name="Record the assessment").click()

    expect(page.get_by_text("The assessment of “Open” is recorded.")).to_be_visible()
    expect(reason).to_have_value(REASON)
