"""A DC whose annual report is overdue is recorded as inactive by the Secretariat, and its
coordinator's report makes it active again (R-DC-4, R-DC-7).

In the demo, the Dynamic Coalition on Child Online Safety was asked for its IGF 2026 report
and the due date has passed. Through the real pages only: the Secretariat opens the annual
reports from the review queue, sees the coalition marked "Report overdue", and records it as
inactive on its status page, with a reason (a decision, never automatic). Then the DC's
coordinator (a demo person, wanjiru.kamau-soto@example.org) signs in, finds the coalition in
the directory shown as inactive with its report overdue, files the report from the
coalition's page, and sees the coalition active again. As workstreams/dc.py decides and
R-DC-4 says ("a report lets it be restored"), the filed report itself restores the DC: no
further Secretariat review is needed, and the History tab records the restoration with the
coordinator as its actor and the report as its reason. The report is filed by the DC's own
coordinator from the DC's own pages (R-DC-7: coordinators manage their own space).
"""

import re

from playwright.sync_api import expect

from .journey_steps import SECRETARIAT, field, main_nav, seed_demo, sign_in, sign_out

DC = "Dynamic Coalition on Child Online Safety"
COORDINATOR = "wanjiru.kamau-soto@example.org"
COORDINATOR_NAME = "Wanjiru Kamau-Soto"
REPORT = (
    "This cycle the coalition held three open calls on age-appropriate design, published a "
    "short guide for parents in four languages and organised a session at the annual meeting."
)


def status_of(page):
    """The workstream's status as its page shows it, in the "At a glance" box."""
    glance = page.get_by_role("complementary", name="At a glance")
    return glance.locator("dt:text-is('Status') + dd")


def report_fact(page):
    glance = page.get_by_role("complementary", name="At a glance")
    return glance.locator("dt:has-text('Annual report') + dd")


def test_R_DC_4_an_overdue_dc_recorded_inactive_is_restored_by_its_annual_report(page, live_server):
    seed_demo()

    # The Secretariat sees the overdue report and records the coalition as inactive.
    sign_in(page, SECRETARIAT)
    main_nav(page).get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Dynamic Coalitions' annual reports").click()
    expect(page.get_by_role("heading", name="Annual reports of Dynamic Coalitions")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=DC, exact=True))
    expect(row).to_contain_text("Report overdue")
    expect(row).to_contain_text("Active")
    row.get_by_role("link", name="Status decision").click()
    page.get_by_label(field("Decision")).select_option(label="Record as inactive")
    page.get_by_label(field("Reason (recorded and shown in the history)")).fill(
        "The IGF 2026 annual report is overdue despite the reminders."
    )
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("The decision has been recorded.")).to_be_visible()
    expect(status_of(page)).to_have_text("Inactive")
    sign_out(page)

    # Its coordinator finds it inactive, with the report overdue, and files the report.
    sign_in(page, COORDINATOR)
    main_nav(page).get_by_role("link", name="Workstreams").click()
    page.get_by_label(field("Search names and topics")).fill("Child Online Safety")
    page.get_by_label(field("Status")).select_option(label="Inactive")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name=DC, exact=True).click()
    expect(page.get_by_role("heading", name=DC, level=1)).to_be_visible()
    expect(status_of(page)).to_have_text("Inactive")
    expect(report_fact(page)).to_contain_text("Report overdue")
    report_fact(page).get_by_role("link", name="File the report").click()

    expect(
        page.get_by_role("heading", name=re.compile(r"^Annual report · IGF 2026"))
    ).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Report overdue")
    expect(main).to_contain_text("Filing it restores the coalition as active (R-DC-4).")
    page.get_by_label(field("Annual report")).fill(REPORT)
    page.get_by_role("button", name="File the report").click()
    expect(page.get_by_text("The annual report has been filed.")).to_be_visible()
    expect(main).to_contain_text(f"by {COORDINATOR_NAME}")
    expect(main).to_contain_text("age-appropriate design")
    expect(page.get_by_role("button", name="File the report")).to_have_count(0)

    # The coalition is active again, and its history says why.
    tabs = page.get_by_role("navigation", name="Workstream sections")
    tabs.get_by_role("link", name="Overview").click()
    expect(status_of(page)).to_have_text("Active")
    expect(report_fact(page)).to_contain_text("Filed")
    expect(report_fact(page)).not_to_contain_text("Report overdue")
    tabs.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name="Decisions and changes")).to_be_visible()
    history = page.get_by_role("main")
    restored = history.get_by_role("listitem").filter(has_text="Inactive → Active")
    expect(restored).to_contain_text(COORDINATOR_NAME)
    expect(restored).to_contain_text("Annual report filed for IGF 2026")
    deactivated = history.get_by_role("listitem").filter(has_text="Active → Inactive")
    expect(deactivated).to_contain_text("overdue despite the reminders")
