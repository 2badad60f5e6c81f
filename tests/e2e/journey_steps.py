"""Steps the journeys share: the demo data, signing in and out, labels, times and PDFs.

Every step acts through the page as a person would (labels, roles, names); only the set-up
(seeding the demo) reaches past the browser.
"""

import datetime as dt
import re
import subprocess
import zoneinfo
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD

SECRETARIAT = "secretariat@example.org"
DC_COORDINATOR = "dc-coordinator@example.org"
MAG_MEMBER = "mag-member@example.org"
MEMBER = "member@example.org"


def seed_demo():
    """The demo data, as `make run` loads it (every demo account's password is DEMO_PASSWORD)."""
    call_command("seed_demo", "--quiet", stdout=StringIO())


def field(text):
    """A label as Django renders it (perhaps with a colon), matched whole."""
    return re.compile(rf"^{re.escape(text)}:?$")


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def sign_in(page, email, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def status_message(page, text):
    """The confirmation the portal shows after an action (a role=status message)."""
    return page.get_by_role("status").filter(has_text=text)


def local_now(time_zone):
    """Now, in a person's time zone (the zone the portal's date-time fields are read in)."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(time_zone))


def datetime_local(moment):
    """The value an <input type=datetime-local> holds: minutes, no zone."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def minute_floor(moment):
    return moment.replace(second=0, microsecond=0)


def days(n):
    return dt.timedelta(days=n)


def pdf_text(path):
    """The words of a PDF, one space apart (pdftotext, from poppler-utils)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return " ".join(text.split())
