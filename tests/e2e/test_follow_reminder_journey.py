"""A community member follows a workstream, gets its milestone reminder by email and reaches
the milestone from the email's link (R-TL-1, R-TL-2).

With the demo data seeded, member@example.org signs in, finds the Best Practice Forum on
Cybersecurity in the directory and follows it from its page, then chooses on the notification
settings page to get milestone emails immediately (the default is a daily digest). The BPF's
coordinator adds a milestone three days ahead (set-up, through timelines.services). The
reminder job then runs as beat runs it in production (timelines.tasks.send_reminders_task,
in-process here as without Redis), with Django's file email backend writing to a temporary
folder as `make run` writes to var/mail/. The member's email is read from that folder; the
link in its plain-text body opens the workstream's timeline, where the milestone is shown as
upcoming (R-TL-1). A second run of the job sends the member nothing new (R-TL-2: nobody
receives the same reminder twice), and the reminder is also in their notification centre.
"""

import email
import re
from email import policy

from playwright.sync_api import expect

from accounts.models import User
from timelines import services as timeline_services
from timelines.tasks import send_reminders_task
from workstreams.models import Workstream

from .journey_steps import MEMBER, days, field, main_nav, seed_demo, sign_in

WORKSTREAM = "Best Practice Forum on Cybersecurity"
MILESTONE = "Call for case studies on incident response closes"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what the file backend writes after each message


def emails_in(folder):
    """Every message the file backend wrote, parsed."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(), policy=policy.default))
    return messages


def emails_to(folder, address, subject_part):
    return [
        message
        for message in emails_in(folder)
        if message["To"] == address and subject_part in message["Subject"]
    ]


def test_R_TL_2_a_follower_is_reminded_of_a_milestone_by_email_and_opens_it(
    page, live_server, settings, tmp_path
):
    seed_demo()
    mail = tmp_path / "mail"
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(mail)
    settings.SITE_URL = live_server.url  # absolute links in emails point at this server

    # The member follows the BPF from its page.
    sign_in(page, MEMBER)
    main_nav(page).get_by_role("link", name="Workstreams").click()
    page.get_by_label(field("Search names and topics")).fill("Cybersecurity")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name=WORKSTREAM).click()
    expect(page.get_by_role("heading", name=WORKSTREAM, level=1)).to_be_visible()
    page.get_by_role("button", name="Follow this workstream").click()
    expect(page.get_by_text("You follow this workstream")).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()

    # Milestone emails straight away rather than in the daily digest.
    main_nav(page).get_by_role("link", name="Notification settings").click()
    milestones = page.get_by_role("group", name="Milestones of workstreams you follow")
    expect(milestones.get_by_label("In a daily digest")).to_be_checked()
    milestones.get_by_label("Immediately").check()
    page.get_by_role("button", name="Save notification settings").click()
    expect(
        page.get_by_role("group", name="Milestones of workstreams you follow").get_by_label(
            "Immediately"
        )
    ).to_be_checked()
    follows = page.get_by_role("main").get_by_role("list").filter(has_text="Unfollow")
    expect(follows.get_by_role("link", name=WORKSTREAM)).to_be_visible()

    # Set-up: the BPF's coordinator puts a milestone three days ahead on its timeline.
    bpf = Workstream.objects.get(name=WORKSTREAM)
    coordinator = User.objects.get(email="bpf-coordinator@example.org")
    start = bpf.today() + days(3)
    timeline_services.create_milestone(
        workstream=bpf, title=MILESTONE, start=start, actor=coordinator
    )

    # Beat's reminder tick, as production runs it.
    send_reminders_task.delay()

    reminders = emails_to(mail, MEMBER, MILESTONE)
    assert [message["Subject"] for message in reminders] == [
        f"[{settings.SITE_NAME}] In 3 days: {MILESTONE} ({WORKSTREAM})"
    ], [(message["To"], message["Subject"]) for message in emails_in(mail)]
    reminder = reminders[0]
    assert reminder["List-Unsubscribe"]
    text = reminder.get_body(preferencelist=("plain",)).get_content()
    assert f"Coming up on the timeline of {WORKSTREAM}" in text, text
    match = re.search(r"See it in the portal: (\S+)", text)
    assert match, text
    link = match.group(1)
    assert link.startswith(live_server.url), link

    # The link opens the item: the milestone on the workstream's timeline, still to come.
    page.goto(link)
    expect(page.get_by_role("heading", name=WORKSTREAM, level=1)).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline")
    milestone = timeline.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=MILESTONE)
    )
    expect(milestone).to_be_visible()
    expect(milestone).to_contain_text("Upcoming")

    # The next tick finds nothing new for the member: one reminder, once.
    send_reminders_task.delay()
    assert len(emails_to(mail, MEMBER, MILESTONE)) == 1
    main_nav(page).get_by_role("link", name=re.compile(r"^Notifications")).click()
    expect(page.get_by_role("main")).to_contain_text(f"In 3 days: {MILESTONE}")
