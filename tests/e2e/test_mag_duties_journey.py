"""A MAG member's duties in one place, through the real pages (R-MAG-6, R-BPF-3, R-PN-10).

With the demo data seeded, mag-member@example.org signs in through the login form, opens
"My duties", sees their BPF facilitator duty and the demo Policy Network's overdue action item
marked as overdue, follows a meeting's link and downloads the meeting's calendar file.
"""

import datetime as dt
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD
from mag.models import Meeting
from tests.e2e.journey_steps import sign_in

MEETING = "MAG virtual meeting on the intersessional work"


def test_a_mag_member_sees_their_duties_and_an_overdue_item_and_downloads_a_meeting(
    page, live_server
):
    call_command("seed_demo", "--quiet", stdout=StringIO())
    starts = timezone.now() + dt.timedelta(days=3)
    # A meeting of the journey's own, so the link it follows is known whatever else the demo
    # schedules.
    Meeting.objects.create(
        kind=Meeting.Kind.MAG,
        title=MEETING,
        slug="mag-virtual-meeting-journey",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        time_zone="Europe/Zurich",
        agenda_published=True,
    )

    sign_in(page, "mag-member@example.org", DEMO_PASSWORD)
    page.goto(reverse("mag:my-duties"))
    expect(page.get_by_role("heading", name="My duties", level=1)).to_be_visible()

    duties = page.get_by_role("region", name="Liaison duties")
    expect(
        duties.get_by_role("heading", name="BPF facilitator: Best Practice Forum on Cybersecurity")
    ).to_be_visible()

    items = page.get_by_role("table", name=re.compile("Open action items"))
    overdue = items.get_by_role("row").filter(has_text="Update the proposal’s focus")
    expect(overdue).to_contain_text("Policy Network on Meaningful Access")
    expect(overdue).to_contain_text("Overdue")
    # Overdue ones come first: the first data row is overdue.
    expect(items.locator("tbody tr").first).to_contain_text("Overdue")

    meetings = page.get_by_role("table", name=re.compile("MAG meetings"))
    meetings.get_by_role("link", name=MEETING, exact=True).click()
    expect(page.get_by_role("heading", name=MEETING, level=1)).to_be_visible()

    ics = reverse("mag:meeting-ics", args=["mag-virtual-meeting-journey"])
    with page.expect_download() as info:
        page.locator(f'main a[href="{ics}"]').first.click()
    download = info.value
    with open(download.path(), encoding="utf-8") as calendar:
        text = calendar.read()
    assert "BEGIN:VEVENT" in text
    assert MEETING in text
