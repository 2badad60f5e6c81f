"""A MAG meeting's attendance is recorded, and a MAG member, as BPF facilitator, reports the
BPF's progress to the MAG from "My duties" (R-MAG-3, R-BPF-5, R-MAG-6, R-BPF-3).

Who records attendance: under R-MAG-3 and mag/permissions.py (can_record_attendance,
can_view_attendance), attendance is recorded per meeting by the Secretariat and is not public:
only the Secretariat sees it. A MAG member may neither record nor see it, not even their own.
So this journey has the Secretariat record it, and proves the MAG member does not see it (no
Attendance link on the meeting's page, and the attendance page refused), as the rule requires.

With the demo data seeded and a MAG meeting under way (set up through mag.meetings): the
Secretariat opens it from the MAG's meetings, records mag-member@example.org (Teodor
Brankovan) as attending remotely, sees the row recorded in their name, and opens the
non-participation report (the Secretariat's, R-MAG-3). Then
mag-member@example.org, the demo's MAG facilitator of the BPF on Cybersecurity (R-BPF-3),
finds the meeting without any attendance link, opens "My duties", sees the facilitator duty
(R-MAG-6), files a progress update for the BPF for that meeting, and sees it shown on the
dashboard and on the BPF's page of progress updates (R-BPF-5).
"""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from mag import meetings
from mag.models import Meeting

from .journey_steps import MAG_MEMBER, SECRETARIAT, field, main_nav, seed_demo, sign_in, sign_out

MEETING = "MAG virtual meeting on intersessional progress"
MEMBER_NAME = "Teodor Brankovan"  # mag-member@example.org in the demo
SECRETARIAT_NAME = "Oriane Fabbro"  # secretariat@example.org in the demo
BPF = "Best Practice Forum on Cybersecurity"
PROGRESS = (
    "The BPF held two open calls on international cybersecurity agreements and drafted the "
    "outline of its output report; it asks the MAG for speakers from governments."
)


def mag_nav(page):
    return page.get_by_role("navigation", name="MAG pages")


def test_R_MAG_3_attendance_by_the_secretariat_and_R_BPF_5_progress_from_my_duties(
    page, live_server
):
    seed_demo()
    now = timezone.now()
    meeting = meetings.create_meeting(
        actor=User.objects.get(email=SECRETARIAT),
        kind=Meeting.Kind.MAG,
        title=MEETING,
        starts_at=now - dt.timedelta(minutes=10),
        ends_at=now + dt.timedelta(minutes=50),
        time_zone="Europe/Zurich",
    )

    # The Secretariat records Teodor's attendance (R-MAG-3).
    sign_in(page, SECRETARIAT)
    main_nav(page).get_by_role("link", name="MAG").click()
    mag_nav(page).get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=MEETING).click()
    expect(page.get_by_role("heading", name=MEETING, level=1)).to_be_visible()
    page.get_by_role("link", name="Attendance", exact=True).click()
    expect(page.get_by_role("heading", name=f"Attendance at {MEETING}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("only the Secretariat sees it")
    table = page.get_by_role("table", name="Who took part")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=MEMBER_NAME))
    expect(row).to_contain_text("MAG member")
    row.get_by_label(f"Attendance of {MEMBER_NAME}").select_option(label="Attended remotely")
    row.get_by_label(f"Note on {MEMBER_NAME}").fill("Joined from Bucharest.")
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_text("Attendance saved: 1 change(s) recorded.")).to_be_visible()
    row = (
        page.get_by_role("table", name="Who took part")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=MEMBER_NAME))
    )
    expect(row.get_by_label(f"Attendance of {MEMBER_NAME}")).to_have_value("remote")
    expect(row.get_by_label(f"Note on {MEMBER_NAME}")).to_have_value("Joined from Bucharest.")
    expect(row).to_contain_text(f"by {SECRETARIAT_NAME}")
    page.get_by_role("link", name="Non-participation report").click()
    year = meeting.starts_at.year  # the report the attendance page links to
    expect(page.get_by_role("heading", name=f"Non-participation in {year}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("MAG members attended fewer than 3")
    sign_out(page)

    # The MAG member sees the meeting, but its attendance is not theirs to see.
    sign_in(page, MAG_MEMBER)
    main_nav(page).get_by_role("link", name="MAG").click()
    mag_nav(page).get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=MEETING).click()
    expect(page.get_by_role("heading", name=MEETING, level=1)).to_be_visible()
    expect(page.get_by_text("You are expected at this meeting as a MAG member.")).to_be_visible()
    expect(page.get_by_role("link", name="Attendance", exact=True)).to_have_count(0)
    refused = page.goto(f"/mag/meetings/{meeting.slug}/attendance/")
    assert refused.status == 403
    expect(page.get_by_role("main")).not_to_contain_text("Joined from Bucharest.")

    # From "My duties", the BPF facilitator reports progress to the MAG (R-BPF-5).
    main_nav(page).get_by_role("link", name="MAG").click()
    mag_nav(page).get_by_role("link", name="My duties").click()
    expect(page.get_by_role("heading", name="My duties", level=1)).to_be_visible()
    duties = page.get_by_role("region", name="Liaison duties")
    expect(duties.get_by_role("heading", name=f"BPF facilitator: {BPF}")).to_be_visible()
    reports = page.get_by_role("region", name="Progress reports to the MAG")
    panel = reports.get_by_role("article", name=BPF)
    panel.get_by_label(field("Progress since the last update")).fill(PROGRESS)
    panel.get_by_label(field("Open sessions held since the last update")).fill("2")
    meeting_choice = panel.get_by_label(field("For the MAG meeting (optional)"))
    option = meeting_choice.get_by_role("option", name=MEETING)  # "<title> (<its date>)"
    meeting_choice.select_option(label=option.text_content())
    panel.get_by_role("button", name="Report progress to the MAG").click()

    expect(page.get_by_text("The progress update has been reported to the MAG.")).to_be_visible()
    expect(page.get_by_role("heading", name="My duties", level=1)).to_be_visible()
    panel = page.get_by_role("region", name="Progress reports to the MAG").get_by_role(
        "article", name=BPF
    )
    update = panel.get_by_role("article").filter(has_text=PROGRESS)
    expect(update).to_contain_text(f"by {MEMBER_NAME}")
    expect(update).to_contain_text("2 open sessions held since the last update.")
    expect(update).to_contain_text(f"For the MAG meeting: {MEETING}.")

    panel.get_by_role("link", name=f"Every progress update of {BPF}").click()
    expect(page.get_by_role("main")).to_contain_text(PROGRESS)
