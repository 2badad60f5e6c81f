"""Keyboard only: a newcomer signs up, verifies the address and comments on a paragraph of the
open PNMA draft without a mouse (R-CON-2, R-CON-3).

No click and no fill: the only inputs are Tab, Enter and Space, and typing into the element
that has the focus. Locators only say which element the person is looking for; `tab_to`
presses Tab until that element has the focus and checks that the focus is visible there (the
element matches :focus-visible and draws an outline), which is what a keyboard user relies
on. Page loads are by typing an address (the start page, and the verification link, which is
read from Django's locmem outbox as a person would read it in their mail).

With the demo data seeded: from the home page, Tab to "Sign up", fill the form, submit; open
the emailed link and confirm with Space; sign in; reach the PNMA draft outcome document through
Consultations; skip the navigation with the skip link; open the comment form of paragraph 5
with Enter (the cursor lands in its text box), type, tick "Name me in the published output"
with Space and post with Enter. The comment is shown under paragraph 5 of version 1.
"""

import re

from playwright.sync_api import expect

from consultations.models import Comment

from .journey_steps import main_nav, seed_demo

EMAIL = "kofi.keyboard@example.org"
DISPLAY_NAME = "Kofi Keyboard"
PASSWORD = "tab enter space and nothing else"
COMMENT = "Paragraph 5 should say which national plans already measure meaningful use."
CONSULTATION = "Policy Network on Meaningful Access: draft outcome document"
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>/]+/")


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def assert_focus_visible(locator):
    """The focused element shows it: :focus-visible matches and an outline is drawn."""
    expect(locator).to_be_focused()
    style = locator.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return {
                matches: element.matches(":focus-visible"),
                outline: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
            };
        }"""
    )
    assert style["matches"], style
    assert style["outline"] != "none" and style["width"] > 0, style


def tab_to(page, target, limit=150):
    """Press Tab until the target has the focus, as a keyboard user moves through a page."""
    target = target.first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(target):
            assert_focus_visible(target)
            return target
    raise AssertionError(f"{target} never received the focus in {limit} presses of Tab")


def type_into(page, target, text):
    tab_to(page, target)
    page.keyboard.type(text)


def test_R_CON_2_a_keyboard_user_signs_up_and_comments_on_a_paragraph(
    page, live_server, mailoutbox
):
    seed_demo()
    mailoutbox.clear()

    # Sign up, from the home page.
    page.goto("/")
    skip = page.get_by_role("link", name="Skip to main content")
    tab_to(page, skip)
    expect(skip).to_be_in_viewport()
    tab_to(page, main_nav(page).get_by_role("link", name="Sign up"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    type_into(page, page.get_by_label("Email"), EMAIL)
    type_into(page, page.get_by_label("Display name"), DISPLAY_NAME)
    type_into(page, page.get_by_label(re.compile(r"^Password:?$")), PASSWORD)
    type_into(page, page.get_by_label(re.compile(r"^Password \(again\):?$")), PASSWORD)
    tab_to(page, page.get_by_role("main").get_by_role("button", name="Sign up"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()

    # Verify the address by the emailed link, confirming with Space.
    sent = [message for message in mailoutbox if message.to == [EMAIL]]
    assert len(sent) == 1, [message.subject for message in mailoutbox]
    match = CONFIRM_LINK.search(sent[0].body)
    assert match, sent[0].body
    page.goto(match.group(0))
    expect(page.get_by_role("heading", name="Confirm email address")).to_be_visible()
    tab_to(page, page.get_by_role("main").get_by_role("button", name="Confirm"))
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    # Sign in: Enter in the password field sends the form.
    type_into(page, page.get_by_label("Email"), EMAIL)
    type_into(page, page.get_by_label(re.compile(r"^Password:?$")), PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # To the open draft, through Consultations.
    tab_to(page, main_nav(page).get_by_role("link", name="Consultations"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Consultations", level=1)).to_be_visible()
    tab_to(page, page.get_by_role("main").get_by_role("link", name=CONSULTATION))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CONSULTATION)
    tab_to(page, page.get_by_role("link", name="Read Draft outcome document (version 1)"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Open for comment until")

    # Past the navigation with the skip link, then to paragraph 5's comment form.
    page.keyboard.press("Tab")
    assert_focus_visible(page.get_by_role("link", name="Skip to main content"))
    page.keyboard.press("Enter")
    paragraph = page.get_by_role("region", name="Paragraph 5", exact=True)
    expect(paragraph).to_contain_text("Few national broadband plans measure use")
    tab_to(page, paragraph.get_by_text("Comment on paragraph 5", exact=True), limit=40)
    page.keyboard.press("Enter")
    box = paragraph.get_by_label("Your comment on paragraph 5")
    expect(box).to_be_visible()
    if not is_focused(box):  # without the page's script, the box is the next stop
        tab_to(page, box)
    assert_focus_visible(box)
    page.keyboard.type(COMMENT)
    named = paragraph.get_by_label("Name me in the published output")
    tab_to(page, named)
    page.keyboard.press("Space")
    expect(named).to_be_checked()
    tab_to(page, paragraph.get_by_role("button", name="Post comment"))
    page.keyboard.press("Enter")

    expect(
        page.get_by_role("status").filter(has_text="Your comment on paragraph 5 is published")
    ).to_be_visible()
    paragraph = page.get_by_role("region", name="Paragraph 5", exact=True)
    expect(paragraph.get_by_role("article", name=f"Comment by {DISPLAY_NAME}")).to_contain_text(
        COMMENT
    )
    expect(paragraph).to_contain_text("1 comment on paragraph 5")
    comment = Comment.objects.get(author__email=EMAIL)
    assert (comment.paragraph.number, comment.draft.version) == (5, 1)
    assert comment.named_in_output
