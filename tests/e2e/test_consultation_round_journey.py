"""The Secretariat runs a consultation round from creation to a published PDF (R-CON-1,
R-CON-2, R-CON-3, R-CON-6, R-TL-1).

With the demo data seeded, secretariat@example.org signs in and, through the real pages only:
starts a consultation owned by the BPF on Cybersecurity; writes its first draft in Markdown
(the preview renders it) and publishes it, which numbers its paragraphs, freezes it and makes
the consultation public; opens a comment window on it (R-CON-1). In a second browser,
member@example.org comments on paragraph 2 and agrees to be named (R-CON-2, R-CON-3). The
Secretariat then closes the window by moving its close to now (the draft stays readable, the
comment form is gone), adds the final-output phase, publishes the output, and downloads its
PDF: application/pdf, and its text names the consultation and the commenter who agreed to be
named (R-CON-6). Last, the consultation is recorded as closed. The timeline marks each phase
past, now or upcoming (R-TL-1). Tasks run in-process (tests/conftest.py), so the PDF is
rendered by the time the Outputs page comes back.
"""

import datetime as dt
import re

from playwright.sync_api import expect

from accounts.models import User

from .journey_steps import (
    MEMBER,
    SECRETARIAT,
    datetime_local,
    days,
    field,
    local_now,
    main_nav,
    minute_floor,
    pdf_text,
    seed_demo,
    sign_in,
    status_message,
)

WORKSTREAM = "Best Practice Forum on Cybersecurity"
TITLE = "Cybersecurity norms in practice, 2026"
SUMMARY = "Which cybersecurity norms work in practice, and what stands in their way."
DRAFT_TITLE = "First draft"
BODY = """# Cybersecurity norms in practice

Norms agreed between states only matter once operators and users can act on them.

Incident response teams in smaller countries still lack the people to follow them.

## Next steps

The BPF will gather case studies from every region before the annual meeting.
"""
COMMENT = "Paragraph 2 should name the private sector's role in reporting incidents."
COMMENTER_NAME = "Luzia Aranhó"  # member@example.org in the demo


def overview(page):
    tabs = page.get_by_role("navigation", name="Consultation")
    tabs.get_by_role("link", name="Overview and drafts").click()


def phase_row(page, name):
    return (
        page.get_by_role("list", name="Timeline")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name=name))
    )


def test_R_CON_6_the_secretariat_runs_a_round_from_creation_to_a_published_pdf(
    page, browser, live_server, tmp_path
):
    seed_demo()
    zone = User.objects.get(email=SECRETARIAT).profile.time_zone

    # A new consultation, owned by a workstream.
    sign_in(page, SECRETARIAT)
    main_nav(page).get_by_role("link", name="Consultations").click()
    page.get_by_role("link", name="Start a consultation").click()
    expect(page.get_by_role("heading", name="Start a consultation", level=1)).to_be_visible()
    page.get_by_label(field("Owning workstream")).select_option(label=WORKSTREAM)
    page.get_by_label(field("Title")).fill(TITLE)
    page.get_by_label(field("Summary")).fill(SUMMARY)
    page.get_by_role("button", name="Create the consultation").click()
    expect(status_message(page, "The consultation is created.")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(TITLE)
    expect(heading).to_contain_text("Being prepared")
    expect(page.get_by_role("main")).to_contain_text("No phases are planned yet.")

    # The first draft, in Markdown, with the editor's preview.
    page.get_by_role("link", name="Start the first draft").click()
    page.get_by_label(field("Title")).fill(DRAFT_TITLE)
    text = page.get_by_label(field("Text (Markdown)"))
    text.fill(BODY)
    text.press("End")
    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name="Next steps")).to_be_visible()
    page.get_by_role("button", name="Save the draft").click()
    expect(status_message(page, "Version 1 is saved")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("This version is being edited")
    expect(page.get_by_role("region", name="Paragraph 3", exact=True)).to_contain_text(
        "Incident response teams"
    )

    # Publishing numbers and freezes it, and makes the consultation public.
    page.get_by_role("link", name="Publish it").click()
    expect(page.get_by_role("main")).to_contain_text("split into 5 numbered paragraphs")
    page.get_by_role("button", name="Publish version 1").click()
    expect(status_message(page, "Version 1 is published.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit this draft")).to_have_count(0)
    overview(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Under way")

    # A comment window on the published draft (R-CON-1), in the Secretariat's time zone.
    opens = minute_floor(local_now(zone)) - dt.timedelta(hours=1)
    page.get_by_role("link", name="Add a phase").click()
    page.get_by_label(field("Phase")).select_option(label="Draft open for public comment")
    page.get_by_label(field("Opens")).fill(datetime_local(opens))
    page.get_by_label(field("Closes")).fill(datetime_local(opens + days(14)))
    page.get_by_label(field("Draft")).select_option(label=f"{DRAFT_TITLE} (v1)")
    page.get_by_role("button", name="Save the phase").click()
    expect(status_message(page, "The phase is saved.")).to_be_visible()
    window = phase_row(page, "Draft open for public comment")
    expect(window).to_contain_text("Now")
    expect(window.get_by_role("link", name=f"Read {DRAFT_TITLE} (version 1)")).to_be_visible()

    # Someone else comments on paragraph 2, from their own browser (R-CON-2, R-CON-3).
    context = browser.new_context(base_url=live_server.url)
    try:
        other = context.new_page()
        sign_in(other, MEMBER)
        main_nav(other).get_by_role("link", name="Consultations").click()
        other.get_by_role("link", name=TITLE).click()
        other.get_by_role("link", name=f"Read {DRAFT_TITLE} (version 1)").click()
        expect(other.get_by_role("main")).to_contain_text("Open for comment until")
        paragraph = other.get_by_role("region", name="Paragraph 2", exact=True)
        paragraph.get_by_text("Comment on paragraph 2", exact=True).click()
        paragraph.get_by_label("Your comment on paragraph 2").fill(COMMENT)
        paragraph.get_by_label("Name me in the published output").check()
        paragraph.get_by_role("button", name="Post comment").click()
        expect(status_message(other, "Your comment on paragraph 2 is published")).to_be_visible()
        expect(
            other.get_by_role("region", name="Paragraph 2", exact=True).get_by_role(
                "article", name=f"Comment by {COMMENTER_NAME}"
            )
        ).to_contain_text(COMMENT)
    finally:
        context.close()

    # The Secretariat closes the window: its close moves to now (a recorded change).
    page.reload()
    phase_row(page, "Draft open for public comment").get_by_role(
        "link", name="Edit Draft open for public comment"
    ).click()
    expect(page.get_by_role("heading", name="Edit a phase")).to_be_visible()
    page.get_by_label(field("Closes")).fill(datetime_local(minute_floor(local_now(zone))))
    page.get_by_role("button", name="Save the phase").click()
    expect(status_message(page, "The phase is saved.")).to_be_visible()
    expect(phase_row(page, "Draft open for public comment")).to_contain_text("Past")

    # The draft stays readable with its comment; commenting is over.
    phase_row(page, "Draft open for public comment").get_by_role(
        "link", name=f"Read {DRAFT_TITLE} (version 1)"
    ).click()
    paragraph = page.get_by_role("region", name="Paragraph 2", exact=True)
    expect(paragraph).to_contain_text(COMMENT)
    expect(page.get_by_text("Comment on paragraph 2", exact=True)).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text("R-CON-2: The comment window")
    overview(page)

    # The final output's phase, open-ended from now.
    page.get_by_role("link", name="Add a phase").click()
    page.get_by_label(field("Phase")).select_option(label="Final output")
    page.get_by_label(field("Opens")).fill(datetime_local(minute_floor(local_now(zone))))
    page.get_by_role("button", name="Save the phase").click()
    expect(status_message(page, "The phase is saved.")).to_be_visible()
    final = phase_row(page, "Final output")
    expect(final).to_contain_text("Now")
    expect(final).to_contain_text("open-ended")

    # Publishing the output renders it to PDF (R-CON-6).
    page.get_by_role("navigation", name="Consultation").get_by_role("link", name="Outputs").click()
    expect(page.get_by_role("main")).to_contain_text("No output has been published yet.")
    page.get_by_label(field("Draft to publish as the output")).select_option(
        label=f"{DRAFT_TITLE} (v1)"
    )
    page.get_by_role("button", name="Publish and render to PDF").click()
    expect(status_message(page, "Version 1 is published; it is being rendered")).to_be_visible()
    versions = page.get_by_role("table", name="Published versions")
    expect(versions).to_contain_text("Ready")
    versions.get_by_role("link", name=DRAFT_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Output, version 1")
    expect(page.get_by_role("main")).to_contain_text("Incident response teams")

    download = page.get_by_role("link", name="Download the PDF (version 1)")
    href = download.get_attribute("href")
    assert href.endswith("/outputs/v1.pdf"), href
    response = page.request.get(href)
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "output.pdf"
    pdf.write_bytes(response.body())
    words = pdf_text(pdf)
    assert TITLE in words, words[:500]
    assert "Incident response teams in smaller countries" in words
    assert COMMENTER_NAME in words  # named, as the commenter agreed (R-CON-6)

    # The round is over: the consultation is recorded as closed, with a reason.
    overview(page)
    page.get_by_role("link", name="Edit the consultation").click()
    page.get_by_label(field("Status")).select_option(label="Closed")
    page.get_by_label(re.compile(r"^Reason for the change")).fill("The final output is published.")
    page.get_by_role("button", name="Save").click()
    expect(status_message(page, "The consultation is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Closed")
    expect(phase_row(page, "Draft open for public comment")).to_contain_text("Past")
    expect(phase_row(page, "Final output")).to_contain_text("Closed")
