"""A new person's first visit, through the real pages: sign up, verify the email, sign in.

Everything is done the way a person (or a screen reader) finds it: by link, button and label
names, never by CSS selectors. Sent mail lands in Django's locmem outbox, which the live server
shares, as it runs in a thread of this process.
"""

import re

from playwright.sync_api import expect

from accounts.models import User

EMAIL = "nadia@example.org"
DISPLAY_NAME = "Nadia Newcomer"
PASSWORD = "a long walk by the river"

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>/]+/")


def signed_in(page):
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Your profile")).to_be_visible()


def signed_out(page):
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_role("link", name="Your profile")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()


def test_new_person_signs_up_verifies_email_and_logs_in(page, live_server, mailoutbox):
    page.goto("/")
    signed_out(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Display name").fill(DISPLAY_NAME)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("sent an email to you for verification")
    signed_out(page)

    assert len(mailoutbox) == 1
    confirmation = mailoutbox[0]
    assert confirmation.to == [EMAIL]
    match = CONFIRM_LINK.search(confirmation.body)
    assert match, confirmation.body
    link = match.group(0)
    assert link.startswith(live_server.url), link

    # Verification is mandatory: the right password alone does not get the person in.
    sign_in(page, EMAIL, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()
    signed_out(page)
    assert all(message.to == [EMAIL] for message in mailoutbox)
    assert not any("Welcome" in message.subject for message in mailoutbox)

    page.goto(link)
    expect(page.get_by_role("heading", name="Confirm email address")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    sign_in(page, EMAIL, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    signed_in(page)
    expect(page.get_by_role("main")).to_contain_text(DISPLAY_NAME)

    welcome = [message for message in mailoutbox if "Welcome" in message.subject]
    assert len(welcome) == 1, [message.subject for message in mailoutbox]
    assert welcome[0].to == [EMAIL]
    assert mailoutbox[-1] is welcome[0]


def test_signup_with_bad_input_keeps_what_was_typed_and_names_the_problem(
    page, live_server, mailoutbox
):
    page.goto("/accounts/signup/")
    # "nadia@example" passes the browser's own check (no top-level domain is needed there)
    # but not the server's, so the server's error messages are what the person sees.
    email = page.get_by_label("Email")
    display_name = page.get_by_label("Display name")
    password_again = page.get_by_label(re.compile(r"^Password \(again\):?$"))
    email.fill("nadia@example")
    display_name.fill(DISPLAY_NAME)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    password_again.fill(PASSWORD + " but different")

    with page.expect_response(
        lambda response: (
            response.request.method == "POST" and response.url.endswith("/accounts/signup/")
        )
    ) as posted:
        page.get_by_role("main").get_by_role("button", name="Sign up").click()
    assert posted.value.status == 200

    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    # The portal's own stylesheet is served and applied (nothing comes from another host).
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(11, 79, 138)")
    expect(email).to_have_css("border-top-color", "rgb(164, 22, 26)")
    # Each message is tied to its own field: shown, and read out with it.
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Enter a valid email address"))
    expect(password_again).to_have_attribute("aria-invalid", "true")
    expect(password_again).to_have_accessible_description(
        re.compile("You must type the same password each time")
    )
    # An error summary at the top takes the focus and links to each field with a problem.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name=re.compile("Email: Enter a valid email address"))
    ).to_be_visible()
    summary.get_by_role(
        "link", name=re.compile("You must type the same password each time")
    ).click()
    expect(password_again).to_be_focused()

    # Nothing typed (other than the passwords) is lost.
    expect(email).to_have_value("nadia@example")
    expect(display_name).to_have_value(DISPLAY_NAME)

    signed_out(page)
    assert mailoutbox == []
    assert not User.objects.filter(email__startswith="nadia@").exists()
