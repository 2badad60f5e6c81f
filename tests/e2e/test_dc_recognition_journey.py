"""A Dynamic Coalition's way to recognition, through the real pages (R-DC-1, R-DC-3, R-DC-5).

(a) A coordinator fills the application with representatives from two stakeholder groups,
submits, sees the R-DC-1 message and finds everything typed still there; adds a third group's
representative and submits. (b) The Secretariat opens the review queue, opens the application,
recognises it with a reason and a confirmation, and the DC appears in the public directory.
"""

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from accounts import services as account_services
from accounts.models import SiteRole
from tests.factories import PASSWORD, UserFactory
from workstreams import dc

DC_NAME = "Dynamic Coalition on Rivers and Networks"
TYPED = {
    "Why the coalition is needed": "No forum brings river communities and networks together.",
    "Action plan": "Quarterly calls; a mapping of community networks along rivers by the IGF.",
    "Mailing list address": "rivers@lists.example.org",
    "Contact person": "Rita River",
    "Contact person's email address": "rita@example.org",
}
REPRESENTATIVES = [
    ("Gita Gov", "Ministry of Waters", "Government"),
    ("Cleo Civil", "Rivers Trust", "Civil society"),
]
THIRD = ("Theo Tech", "Community Net", "Technical community")
ATTESTATIONS = [
    "We attest that membership is open to anyone",
    "We attest that the mailing list is open to anyone",
    "We attest that the list's archives are open to anyone",
]


def field(text):
    """A label as Django renders it (perhaps with a colon), matched whole."""
    return re.compile(rf"^{re.escape(text)}:?$")


def _person(email, name):
    user = UserFactory(email=email, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def representative(page, number):
    return page.get_by_role("group", name=f"Representative {number}", exact=True)


def fill_representative(page, number, row):
    name, organisation, group = row
    box = representative(page, number)
    box.get_by_label(field("Name")).fill(name)
    box.get_by_label(field("Organisation")).fill(organisation)
    box.get_by_label(field("Stakeholder group")).select_option(label=group)


def test_a_dc_is_refused_with_two_groups_then_recognised_and_listed(page, live_server):
    coordinator = _person("rita@example.org", "Rita River")
    secretariat = _person("sec@example.org", "Sam Secretariat")
    account_services.grant_site_role(
        user=secretariat, role=SiteRole.Role.SECRETARIAT, actor=None, reason="e2e"
    )
    application = dc.start_dc_application(applicant=coordinator, name=DC_NAME)
    slug = application.workstream.slug

    # (a) The coordinator fills the draft with two stakeholder groups and submits.
    sign_in(page, "rita@example.org")
    page.goto(f"/workstreams/{slug}/")
    page.get_by_role("link", name="Recognition").click()
    expect(page.get_by_role("heading", name="Application for recognition")).to_be_visible()
    for label, value in TYPED.items():
        page.get_by_label(field(label)).fill(value)
    for number, row in enumerate(REPRESENTATIVES, start=1):
        fill_representative(page, number, row)
    for label in ATTESTATIONS:
        page.get_by_label(label).check()
    page.get_by_role("button", name="Submit for recognition").click()

    message = "R-DC-1: representatives from at least three stakeholder groups are required; found 2"
    expect(page.get_by_role("alert").filter(has_text=message).first).to_be_visible()
    for label, value in TYPED.items():
        expect(page.get_by_label(field(label))).to_have_value(value)
    for number, (name, organisation, group) in enumerate(REPRESENTATIVES, start=1):
        box = representative(page, number)
        expect(box.get_by_label(field("Name"))).to_have_value(name)
        expect(box.get_by_label(field("Organisation"))).to_have_value(organisation)
        expect(box.get_by_label(field("Stakeholder group")).locator("option:checked")).to_have_text(
            group
        )
    for label in ATTESTATIONS:
        expect(page.get_by_label(label)).to_be_checked()

    fill_representative(page, 3, THIRD)
    page.get_by_role("button", name="Submit for recognition").click()
    expect(
        page.get_by_text("The application has been submitted to the Secretariat.")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Submitted, awaiting review")
    sign_out(page)

    # (b) The Secretariat recognises it from the review queue.
    sign_in(page, "sec@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    page.get_by_role("link", name=DC_NAME).click()
    expect(page.get_by_role("heading", name="Review the application")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Theo Tech")
    page.get_by_label("Recognise").check()
    page.get_by_label(field("Reason (recorded and shown to the applicants)")).fill(
        "All five items are there, with three stakeholder groups."
    )
    page.get_by_role("button", name="Record the decision").click()
    # Recognising is irreversible: without the confirmation nothing happens.
    expect(page.get_by_role("alert")).to_contain_text("I confirm")
    page.get_by_label("I confirm: recognising or rejecting cannot be undone").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The decision has been recorded.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("No application is waiting.")
    sign_out(page)

    # Signed out, the DC is in the public directory.
    page.goto("/workstreams/?kind=dc")
    expect(page.get_by_role("link", name=DC_NAME)).to_be_visible()
    page.get_by_role("link", name=DC_NAME).click()
    expect(page.get_by_role("main")).to_contain_text("DC Coordination Group")
