"""A newcomer comments on an open draft, through the real pages (R-CON-2, R-CON-3).

A new person signs up, verifies the email through the link in the mail, opens the open draft,
comments on paragraph 3 and sees the comment there. Then the window's close is moved into the
past in the database: on reload the form is gone, and a direct POST is refused with the clear
R-CON-2 message. Sent mail lands in Django's locmem outbox, shared with the live server thread.
"""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from consultations import services
from consultations.models import Comment, Phase
from tests.e2e.journey_steps import sign_in
from tests.factories import UserFactory, WorkstreamFactory
from workstreams.models import Membership

EMAIL = "amara@example.org"
DISPLAY_NAME = "Amara Newcomer"
PASSWORD = "a long walk by the river"
COMMENT = "Paragraph 3 should name the national and regional IGFs explicitly."
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>/]+/")

BODY = """# Policy Options for Connecting the Next Billion

The first phase focused on developing a set of policy options.

In 2016 it is proposed to develop these policy options further.

Contributions will be gathered and incorporated through an iterative process.
"""


def _open_draft():
    workstream = WorkstreamFactory(name="BPF on Cybersecurity", slug="bpf-cybersecurity")
    coordinator = UserFactory(email="coord@example.org", display_name="Ada Coordinator")
    Membership.objects.create(
        workstream=workstream, user=coordinator, role=Membership.Role.COORDINATOR
    )
    consultation = services.create_consultation(
        workstream=workstream, actor=coordinator, title="Connecting the Next Billion, Phase II"
    )
    draft = services.create_draft(
        consultation=consultation, actor=coordinator, title="First draft", body=BODY
    )
    services.publish_draft(draft=draft, actor=coordinator)
    now = timezone.now()
    window = services.add_phase(
        consultation=consultation,
        actor=coordinator,
        kind="comments",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=14),
        draft=draft,
    )
    return consultation, draft, window


def test_a_newcomer_comments_on_paragraph_3_until_the_window_closes(page, live_server, mailoutbox):
    consultation, draft, window = _open_draft()
    draft_url = reverse("consultations:draft", args=[consultation.slug, draft.version])

    # Sign up through the real form and verify the address through the emailed link.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Display name").fill(DISPLAY_NAME)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()
    match = CONFIRM_LINK.search(mailoutbox[0].body)
    assert match, mailoutbox[0].body
    page.goto(match.group(0))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in(page, EMAIL, PASSWORD)

    # The open draft: numbered paragraphs, a comment form per paragraph.
    page.goto(draft_url)
    expect(page.get_by_role("heading", name="First draft, version 1")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Open for comment until")
    paragraph = page.get_by_role("region", name="Paragraph 3", exact=True)
    expect(paragraph).to_contain_text("In 2016 it is proposed to develop")
    paragraph.get_by_text("Comment on paragraph 3", exact=True).click()
    paragraph.get_by_label("Your comment on paragraph 3").fill(COMMENT)
    paragraph.get_by_role("button", name="Post comment").click()

    expect(
        page.get_by_role("status").filter(has_text="Your comment on paragraph 3 is published")
    ).to_be_visible()
    paragraph = page.get_by_role("region", name="Paragraph 3", exact=True)
    expect(paragraph.get_by_role("article", name=f"Comment by {DISPLAY_NAME}")).to_contain_text(
        COMMENT
    )
    expect(paragraph).to_contain_text("1 comment on paragraph 3")
    comment = Comment.objects.get()
    assert (comment.paragraph.number, comment.author.email) == (3, EMAIL)

    # The window closes: the draft stays readable, the form is gone.
    Phase.objects.filter(pk=window.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    page.reload()
    paragraph = page.get_by_role("region", name="Paragraph 3", exact=True)
    expect(paragraph).to_contain_text("In 2016 it is proposed to develop")
    expect(paragraph).to_contain_text(COMMENT)
    expect(page.get_by_text("Comment on paragraph 3", exact=True)).to_have_count(0)
    expect(page.get_by_label("Your comment on paragraph 3")).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text(
        "R-CON-2: The comment window for this draft closed on"
    )

    # A direct POST, with a valid CSRF token, is refused on the server with the rule's message.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    post_url = reverse("consultations:comment-post", args=[consultation.slug, draft.version, 3])
    response = page.request.post(
        live_server.url + post_url,
        form={
            "csrfmiddlewaretoken": token,
            "p3-body": "Posted after the close.",
            "p3-language": "en",
        },
        headers={"Referer": live_server.url + draft_url},
    )
    assert response.status == 403
    text = response.text()
    assert "Your comment was not posted" in text
    assert "R-CON-2: The comment window for this draft closed on" in text
    assert Comment.objects.count() == 1


def test_an_editor_previews_markdown_through_the_sanitiser(page, live_server):
    from allauth.account.models import EmailAddress

    consultation, draft, window = _open_draft()
    EmailAddress.objects.create(
        user=consultation.created_by, email="coord@example.org", verified=True, primary=True
    )
    from tests.factories import PASSWORD as FACTORY_PASSWORD

    sign_in(page, "coord@example.org", FACTORY_PASSWORD)
    page.goto(reverse("consultations:draft-create", args=[consultation.slug]))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    text = page.get_by_label("Text (Markdown)")
    text.fill("## Preview works\n\n<img src=x onerror=alert(1)> [bad](javascript:alert(2))")
    text.press("End")
    preview = page.locator(".markdownx-preview")
    expect(preview.get_by_role("heading", name="Preview works")).to_be_visible()
    expect(preview.locator("img[onerror]")).to_have_count(0)
    expect(preview.locator("a[href^='javascript']")).to_have_count(0)
    assert dialogs == []
