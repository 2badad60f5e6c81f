"""Screenshots of the main pages, taken from the demo data that `make run` serves.

`make screenshots` runs this file with SCREENSHOTS_DIR=docs/screenshots, which the README
shows; in an ordinary test run the pictures go to a temporary folder, so the pages are still
opened as each role, checked for their heading, and photographed in CI.
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.journey_steps import sign_in

# (file name, who looks, path, the page's heading), in the order the README shows them.
# "ar" is a signed-out reader who chose Arabic in the footer's language switcher.
PAGES = [
    ("home", None, "/", re.compile("intersessional", re.I)),
    ("home-ar", "ar", "/", re.compile(".")),
    ("directory", None, "/workstreams/?kind=dc", re.compile("Dynamic Coalitions")),
    (
        "workstream",
        None,
        "/workstreams/pn-meaningful-access/",
        re.compile("Policy Network on Meaningful Access"),
    ),
    ("review-queue", "secretariat@example.org", "/workstreams/review/", re.compile("Review")),
    ("mag-dashboard", "mag-member@example.org", "/mag/duties/mine/", re.compile("My duties")),
    (
        "agenda",
        None,
        "/mag/meetings/open-consultations-and-mag-meeting-2017-06/",
        re.compile("Open Consultations"),
    ),
    (
        "draft-with-comments",
        None,
        "/consultations/cenb-phase-ii-policy-options/drafts/1/",
        re.compile("Policy Options"),
    ),
    (
        "output",
        None,
        "/consultations/cenb-phase-ii-policy-options/outputs/v1/",
        re.compile("Output, version 1"),
    ),
]


@pytest.fixture
def folder(tmp_path):
    wanted = os.environ.get("SCREENSHOTS_DIR")
    path = Path(wanted) if wanted else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def switch_to_arabic(page):
    page.goto("/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Switch language").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_screenshots_of_the_main_pages_as_make_run_serves_them(browser, live_server, folder):
    call_command("seed_demo", "--quiet", stdout=StringIO())
    taken = []
    contexts = {}
    try:
        for name, email, path, heading in PAGES:
            if email not in contexts:
                contexts[email] = browser.new_context(
                    base_url=live_server.url, viewport={"width": 1280, "height": 900}
                )
                if email == "ar":
                    switch_to_arabic(contexts[email].new_page())
                elif email:
                    sign_in(contexts[email].new_page(), email)
            page = contexts[email].new_page()
            response = page.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            comments = page.locator("article.comment")
            if name == "draft-with-comments":
                # The picture is of comments beside their paragraph, not of the title alone.
                expect(comments.first).to_be_visible()
                comments.first.scroll_into_view_if_needed()
            target = folder / f"{name}.png"
            page.screenshot(path=str(target))
            taken.append(target)
            page.close()
    finally:
        for context in contexts.values():
            context.close()
    for target in taken:
        # A real picture: a PNG of the whole viewport, not an empty file.
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert target.stat().st_size > 10_000, target
