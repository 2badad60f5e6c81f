"""The portal's main pages in a real browser, for every demo role (issue 8).

The demo data is seeded once for this module (the `demo_site` fixture of conftest.py), and
every role's main pages are opened signed out and signed in as each demo account:

- accessibility: axe-core (axe-playwright-python) finds no "serious" or "critical" violation;
  the skip link is the first thing Tab reaches and moves focus to <main>; one main, one banner
  with the main navigation, one contentinfo; a form error is part of its input's accessible
  description;
- low bandwidth: a first load (the browser cache disabled, so everything is fetched) transfers
  at most 100 KB and asks no other host than the portal; without JavaScript every page still
  shows its heading and its content, and real forms (a comment on the open PNMA draft, following
  a workstream) still work;
- mobile: at 360 CSS pixels wide no page scrolls sideways;
- right to left: Arabic, chosen through the footer's language form, mirrors the layout.

Each role's pages are checked in one test that collects every failure and asserts once, so a
failure lists all that is wrong, and the module loads each page as few times as it can.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
MAX_PAGE_BYTES = 100 * 1024
NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}

CENB = "cenb-phase-ii-policy-options"
PNMA = "pnma-draft-outcome-document"
MEETING = "open-consultations-and-mag-meeting-2017-06"
DC = "dc-internet-rights-principles"
BPF = "bpf-cybersecurity"

AXE = Axe()


@dataclass(frozen=True)
class MainPage:
    """A page to check: where it is, its h1 and a piece of its content (shown without JS)."""

    name: str
    path: str
    h1: str
    content: str


def main_pages(role):
    """The main pages `role` (None when signed out, else a demo email) is meant to use."""
    pages = [
        MainPage(
            "home", reverse("home"), "IGF intersessional work", "Dynamic Coalition on Child Online"
        ),
        MainPage(
            "directory filtered to DCs",
            reverse("workstreams:list") + "?kind=dc",
            "Dynamic Coalition",
            "Dynamic Coalition on Internet Rights and Principles",
        ),
        MainPage(
            "a DC",
            reverse("workstreams:detail", args=[DC]),
            "Dynamic Coalition on Internet Rights and Principles",
            "make human rights standards and principles explicit",
        ),
        MainPage(
            "a BPF",
            reverse("workstreams:detail", args=[BPF]),
            "Best Practice Forum on Cybersecurity",
            "gathers existing practices and shared experiences on cybersecurity",
        ),
        MainPage(
            "an NRI",
            reverse("workstreams:detail", args=["nri-nigeria-igf"]),
            "Nigeria IGF",
            "The national Internet Governance Forum of Nigeria",
        ),
        MainPage(
            "a PN",
            reverse("workstreams:detail", args=["pn-meaningful-access"]),
            "Policy Network on Meaningful Access",
            "An expert-led network on meaningful access",
        ),
        MainPage(
            "MAG home",
            reverse("mag:home"),
            "The Multistakeholder Advisory Group",
            "Current MAG members",
        ),
        MainPage(
            "a meeting agenda",
            reverse("mag:meeting", args=[MEETING]),
            "2nd Open Consultations and MAG Meeting, June 2017",
            "Welcome from MAG Chair",
        ),
        MainPage(
            "consultations",
            reverse("consultations:list"),
            "Consultations",
            "Policy Network on Meaningful Access: draft outcome document",
        ),
        MainPage(
            "a consultation overview",
            reverse("consultations:detail", args=[CENB]),
            "Policy Options for Connecting and Enabling the Next Billion",
            "First draft open for public comment",
        ),
        MainPage(
            "a draft with comments",
            reverse("consultations:draft", args=[CENB, 2]),
            "Policy Options for Connecting and Enabling the Next Billion",
            "Please list regional fora too, such as the Caribbean IGF and LACIGF.",
        ),
        MainPage(
            "the open PNMA draft",
            reverse("consultations:draft", args=[PNMA, 1]),
            "Policy Network on Meaningful Access: draft outcome document",
            "meaningful access still depends on affordable devices",
        ),
        MainPage(
            "the published output",
            reverse("consultations:output", args=[CENB, 1]),
            "Output, version 1",
            "called for more tangible IGF outputs",
        ),
    ]
    if role is None:
        return pages + [
            MainPage("sign up", reverse("account_signup"), "Sign up", "Password (again)"),
            MainPage("sign in", reverse("account_login"), "Sign in", "Forgot your password?"),
        ]
    pages += [
        MainPage(
            "notifications",
            reverse("timelines:notifications"),
            "Notifications",
            "Reminders of your deadlines, and news from the workstreams you follow.",
        ),
        MainPage(
            "profile",
            reverse("accounts:profile-edit"),
            "Your profile",
            "Your email address is never shown",
        ),
        MainPage(
            "your data", reverse("accounts:your-data"), "Your data", "Download your data (JSON)"
        ),
        MainPage(
            "notification settings",
            reverse("timelines:preferences"),
            "Notification settings",
            "Deadlines you are responsible for",
        ),
    ]
    return pages + ROLE_PAGES[role]()


ROLE_PAGES = {
    "secretariat@example.org": lambda: [
        MainPage(
            "review queue",
            reverse("workstreams:review-queue"),
            "Review queue",
            "Dynamic Coalition on Digital Skills for Older Persons",
        ),
        MainPage(
            "all duties", reverse("mag:all-duties"), "Every member's duties", "Uncovered duties"
        ),
        MainPage(
            "register a workstream", reverse("workstreams:create"), "Register a workstream", "Kind"
        ),
    ],
    "dc-coordinator@example.org": lambda: [
        MainPage(
            "DC people",
            reverse("workstreams:members", args=[DC]),
            "Internet Rights",
            "Tomasz Wierzbicki-Lunde",
        ),
        MainPage(
            "DC edit",
            reverse("workstreams:edit", args=[DC]),
            "Internet Rights",
            "Mailing list archive",
        ),
        MainPage(
            "DC recognition",
            reverse("workstreams:dc-application", args=[DC]),
            "Internet Rights",
            "Application for recognition",
        ),
        MainPage(
            "DC annual report",
            reverse("workstreams:dc-annual-report", args=[DC]),
            "Internet Rights",
            "translated the Charter into two more languages",
        ),
    ],
    "bpf-coordinator@example.org": lambda: [
        MainPage(
            "BPF people",
            reverse("workstreams:members", args=[BPF]),
            "Cybersecurity",
            "Milan Zorić-Heller",
        ),
        MainPage(
            "BPF edit",
            reverse("workstreams:edit", args=[BPF]),
            "Cybersecurity",
            "Mailing list archive",
        ),
        MainPage(
            "BPF action items",
            reverse("workstreams:action-items", args=[BPF]),
            "Cybersecurity",
            "Add an action item",
        ),
        MainPage(
            "BPF timeline",
            reverse("workstreams:timeline", args=[BPF]),
            "Cybersecurity",
            "Subscribe to these milestones in your calendar",
        ),
    ],
    "mag-member@example.org": lambda: [
        MainPage("my duties", reverse("mag:my-duties"), "My duties", "BPF facilitator"),
        MainPage(
            "MAG meetings",
            reverse("mag:meetings"),
            "Meetings",
            "Best Practice Forum on Cybersecurity",
        ),
    ],
    "member@example.org": lambda: [
        MainPage(
            "apply for a DC",
            reverse("workstreams:dc-apply"),
            "Apply for recognition",
            "Name of the Dynamic Coalition",
        ),
        MainPage(
            "a BPF they belong to",
            reverse("workstreams:detail", args=["bpf-local-content"]),
            "Local Content",
            "Your role: Member",
        ),
    ],
}

ROLES = [None, *ROLE_PAGES]


def role_id(role):
    return "signed-out" if role is None else role.split("@")[0]


# ---- Helpers -------------------------------------------------------------------------------


def signed_in_state(browser, site, role):
    """Sign `role` in through the login form once; later contexts reuse the session cookie."""
    if role is None:
        return None
    context = browser.new_context(base_url=site.url)
    page = context.new_page()
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(role)
    page.get_by_label(re.compile(r"^Password:?$")).fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    state = context.storage_state()
    context.close()
    return state


def axe_failures(page):
    """Every serious or critical axe violation, each with its rule, help and targets.

    axe-core comes with axe-playwright-python; where a context has it as an init script (not
    a network request), pages already have it, others get it here.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    failures = []
    for violation in results["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        targets = "; ".join(
            " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
        )
        failures.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])}: {targets}]"
        )
    return failures


def landmark_failures(page):
    failures = []
    counts = {
        "main": page.get_by_role("main").count(),
        "banner": page.get_by_role("banner").count(),
        "contentinfo": page.get_by_role("contentinfo").count(),
    }
    for landmark, count in counts.items():
        if count != 1:
            failures.append(f"{count} {landmark} landmarks, want exactly 1")
    if page.get_by_role("banner").get_by_role("navigation", name="Main").count() != 1:
        failures.append("no navigation landmark named Main in the banner")
    return failures


DUPLICATE_IDS_SCRIPT = """() => {
  const seen = {};
  for (const element of document.querySelectorAll('[id]')) {
    seen[element.id] = (seen[element.id] || 0) + 1;
  }
  const repeated = Object.entries(seen).filter(([, count]) => count > 1);
  return repeated.map(([id, count]) => `#${id} x${count}`);
}"""


def duplicate_id_failures(page):
    """axe-core 4.12 reports a duplicate id only when ARIA refers to it; a label's `for`, a
    skip link or a fragment link finds the first element of that id just the same."""
    duplicates = page.evaluate(DUPLICATE_IDS_SCRIPT)
    return [f"duplicate ids: {', '.join(duplicates)}"] if duplicates else []


def skip_link_failures(page):
    """Tab from the top reaches the skip link first; following it puts focus on <main>."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => { const e = document.activeElement;"
        " return {cls: e.className, text: e.textContent.trim(), href: e.getAttribute('href')}; }"
    )
    if first["cls"] != "skip-link" or first["href"] != "#main":
        return [f"the first Tab stop is {first!r}, not the skip link to #main"]
    page.keyboard.press("Enter")
    focused = page.evaluate(
        "() => document.activeElement.tagName + '#' + document.activeElement.id"
    )
    if focused != "MAIN#main":
        return [f"the skip link moved focus to {focused}, not to main"]
    return []


OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const wide = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      let inside = element.parentElement;
      while (inside && getComputedStyle(inside).overflowX === 'visible') {
        inside = inside.parentElement;
      }
      if (inside && inside !== document.body && inside !== root) continue;  // scrolls inside
      const id = element.id ? '#' + element.id : '';
      const cls = element.classList.length ? '.' + [...element.classList].join('.') : '';
      const span = `${Math.round(box.left)}..${Math.round(box.right)}`;
      wide.push(`${element.tagName.toLowerCase()}${id}${cls} (${span})`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 8)};
}"""


def overflow_failures(page):
    page.set_viewport_size(NARROW)
    overflow = page.evaluate(OVERFLOW_SCRIPT)
    page.set_viewport_size(WIDE)
    if overflow is None:
        return []
    return [
        f"scrolls sideways at 360px: scrollWidth {overflow['scrollWidth']} > "
        f"clientWidth {overflow['clientWidth']}; too wide: {', '.join(overflow['wide'])}"
    ]


class Transfers:
    """Bytes each request of a page load actually took on the wire, from Chromium's DevTools.

    `Network.loadingFinished` reports `encodedDataLength`: the bytes received for a response,
    headers included, before any decompression. The browser cache is disabled for the page
    (`Network.setCacheDisabled`), so every load is a first load that fetches everything, as
    a fresh context with an empty cache would. `Network.requestWillBeSent` names every request
    the page made, data: URLs included.
    """

    def __init__(self, context, page):
        self.urls = {}
        self.bytes = {}
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.loadingFinished", self._finished)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def reset(self):
        self.urls.clear()
        self.bytes.clear()

    def _sent(self, event):
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event):
        self.bytes[event["requestId"]] = event["encodedDataLength"]

    @property
    def total(self):
        return sum(self.bytes.values())

    def foreign(self, origin):
        return sorted(
            url
            for url in self.urls.values()
            if not url.startswith("data:") and not url.startswith(origin + "/")
        )

    def breakdown(self):
        return ", ".join(
            f"{self.urls.get(request, '?').rsplit('/', 1)[-1] or '/'}={size}"
            for request, size in sorted(self.bytes.items(), key=lambda item: -item[1])
        )


def report(role, failures):
    return f"{role_id(role)}: {len(failures)} problem(s)\n" + "\n".join(failures)


# ---- Accessibility, weight, other hosts, 360px ----------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_main_pages_are_accessible_light_self_hosted_and_fit_a_phone(browser, demo_site, role):
    """Each main page, loaded with an empty cache, for this role: answers 200; has one main,
    banner (with the Main navigation) and contentinfo; axe-core finds no serious or critical
    violation; at 360px wide it does not scroll sideways; its skip link is the first Tab stop
    and moves focus to main; and the load transferred at most 100 KB in all (HTML, CSS, JS,
    images: CDP encodedDataLength, see Transfers), all from the portal's own origin."""
    state = signed_in_state(browser, demo_site, role)
    context = browser.new_context(base_url=demo_site.url, storage_state=state, viewport=WIDE)
    # Loading axe-core with each page costs less than sending it into each page afterwards.
    context.add_init_script(script=AXE.axe_script)
    page = context.new_page()
    transfers = Transfers(context, page)
    failures = []
    weights = []
    for target in main_pages(role):
        transfers.reset()
        response = page.goto(target.path)
        where = f"{target.name} ({target.path})"
        if response.status != 200 or page.url != demo_site.url + target.path:
            failures.append(f"{where}: answered {response.status} at {page.url}")
            continue
        problems = landmark_failures(page) + duplicate_id_failures(page) + axe_failures(page)
        problems += overflow_failures(page) + skip_link_failures(page)
        # Counted last, so a request the page makes after its load event is counted too.
        weights.append((transfers.total, target.path))
        if transfers.total > MAX_PAGE_BYTES:
            problems.append(
                f"transferred {transfers.total} bytes > {MAX_PAGE_BYTES} ({transfers.breakdown()})"
            )
        foreign = transfers.foreign(demo_site.url)
        if foreign:
            problems.append(f"requests to other hosts: {foreign}")
        failures += [f"{where}: {problem}" for problem in problems]
    context.close()
    heaviest = max(weights, default=(0, None))
    print(f"{role_id(role)}: heaviest first load {heaviest[0]} bytes at {heaviest[1]}")
    assert not failures, report(role, failures)


# ---- Without JavaScript ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_main_pages_show_their_heading_and_content_without_javascript(browser, demo_site, role):
    """With JavaScript off, each main page shows its h1 and its own content in main."""
    state = signed_in_state(browser, demo_site, role)
    context = browser.new_context(
        base_url=demo_site.url, storage_state=state, java_script_enabled=False
    )
    page = context.new_page()
    failures = []
    for target in main_pages(role):
        response = page.goto(target.path)
        where = f"{target.name} ({target.path})"
        if response.status != 200:
            failures.append(f"{where}: answered {response.status}")
            continue
        heading = page.locator("main h1")
        if heading.count() != 1 or not heading.is_visible():
            failures.append(f"{where}: {heading.count()} visible h1 in main")
        elif target.h1.lower() not in heading.inner_text().lower():
            failures.append(f"{where}: h1 is {heading.inner_text()!r}, want {target.h1!r}")
        content = page.get_by_role("main").get_by_text(target.content).first
        if not content.count() or not content.is_visible():
            failures.append(f"{where}: {target.content!r} is not shown in main")
    context.close()
    assert not failures, report(role, failures)


# ---- Form errors ---------------------------------------------------------------------------


def test_form_errors_are_announced_with_their_fields(browser, demo_site):
    """A rejected form marks each wrong field invalid and makes the error message part of the
    field's accessible description (aria-describedby), next to its help text; the error
    summary gets focus and links to the field. Both Django-rendered forms and allauth's."""
    context = browser.new_context(base_url=demo_site.url, viewport=WIDE)
    page = context.new_page()
    page.goto(reverse("account_signup"))
    page.get_by_label("Email").fill("not an email address")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long walk by the river")
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill("a long walk by the river")
    page.get_by_role("main").get_by_role("button", name="Sign up").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Enter a valid email address"))
    name = page.get_by_label("Display name")
    expect(name).to_have_attribute("aria-invalid", "true")
    # The help text and the error, both read with the field.
    expect(name).to_have_accessible_description(
        re.compile(r"How your name appears to others.*This field is required", re.S)
    )
    expect(summary.get_by_role("link", name=re.compile("^Email:"))).to_have_attribute(
        "href", "#" + email.get_attribute("id")
    )
    context.close()

    state = signed_in_state(browser, demo_site, "member@example.org")
    context = browser.new_context(base_url=demo_site.url, storage_state=state, viewport=WIDE)
    page = context.new_page()
    page.goto(reverse("accounts:profile-edit"))
    page.get_by_label("Display name").fill("")
    page.get_by_role("button", name="Save profile").click()
    name = page.get_by_label("Display name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("This field is required"))
    assert axe_failures(page) == []
    context.close()


# ---- A form without JavaScript -------------------------------------------------------------


def test_a_member_comments_and_follows_without_javascript(browser, demo_site):
    """With JavaScript off, a verified demo member opens the comment form of paragraph 3 of the
    open PNMA draft (a <details> the browser opens by itself), posts a comment and sees it on
    the draft; then follows a workstream and sees that they follow it."""
    state = signed_in_state(browser, demo_site, "member@example.org")
    context = browser.new_context(
        base_url=demo_site.url, storage_state=state, java_script_enabled=False
    )
    page = context.new_page()
    text = "Paragraph 3 should mention community networks; posted without JavaScript."
    page.goto(reverse("consultations:draft", args=[PNMA, 1]))
    paragraph = page.get_by_role("region", name="Paragraph 3", exact=True)
    paragraph.get_by_text("Comment on paragraph 3", exact=True).click()
    paragraph.get_by_label("Your comment on paragraph 3").fill(text)
    paragraph.get_by_role("button", name="Post comment").click()
    expect(
        page.get_by_role("status").filter(has_text="Your comment on paragraph 3 is published")
    ).to_be_visible()
    expect(page.get_by_role("region", name="Paragraph 3", exact=True)).to_contain_text(text)

    page.goto(reverse("workstreams:detail", args=["nri-nigeria-igf"]))
    page.get_by_role("button", name="Follow this workstream").click()
    expect(page.get_by_role("main")).to_contain_text("You follow this workstream")
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    context.close()


# ---- Right to left -------------------------------------------------------------------------

GEOMETRY_SCRIPT = """() => {
  const box = (element) => element.getBoundingClientRect();
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const range = document.createRange();
  range.selectNodeContents(main.querySelector('h1'));
  const text = range.getBoundingClientRect();
  const row = box(document.querySelector('.header-row'));
  const rowStyle = getComputedStyle(document.querySelector('.header-row'));
  const links = [...document.querySelectorAll('header nav li')].map((li) => box(li));
  return {
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    brand: box(document.querySelector('.brand')),
    nav: box(document.querySelector('header nav')),
    headerStart: row.left + parseFloat(rowStyle.paddingLeft),
    headerEnd: row.right - parseFloat(rowStyle.paddingRight),
    first: links[0],
    second: links[1],
    mainStart: box(main).left + parseFloat(style.paddingLeft),
    mainEnd: box(main).right - parseFloat(style.paddingRight),
    h1: {left: text.left, right: text.right},
  };
}"""


def test_arabic_from_the_footer_switcher_mirrors_the_layout(browser, demo_site):
    """Choosing العربية in the footer's language form gives <html lang="ar" dir="rtl">, and the
    layout mirrors: the brand moves from the left to the right of the header, the main
    navigation runs right to left, and the h1 starts at the right edge of main instead of the
    left. The Arabic home page passes axe and fits 360px too. (Its picture for the README is
    taken by test_screenshots.py under `make screenshots`.)"""
    context = browser.new_context(base_url=demo_site.url, viewport=WIDE)
    page = context.new_page()
    page.goto(reverse("home"))
    ltr = page.evaluate(GEOMETRY_SCRIPT)
    assert (ltr["lang"], ltr["dir"]) == ("en", "ltr")
    assert abs(ltr["brand"]["left"] - ltr["headerStart"]) <= 2, ltr
    assert ltr["first"]["left"] < ltr["second"]["left"], ltr
    assert abs(ltr["h1"]["left"] - ltr["mainStart"]) <= 2, ltr

    footer = page.get_by_role("contentinfo")
    footer.get_by_label("Language").select_option("ar")
    footer.get_by_role("button", name="Switch language").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.url == demo_site.url + reverse("home")

    rtl = page.evaluate(GEOMETRY_SCRIPT)
    # The brand sits at the right end of the header, the navigation to its left.
    assert abs(rtl["brand"]["right"] - rtl["headerEnd"]) <= 2, rtl
    assert rtl["brand"]["left"] > rtl["nav"]["right"] - 2, rtl
    # The first navigation item is the rightmost one.
    assert rtl["first"]["right"] > rtl["second"]["right"], rtl
    # The heading's text starts at the right edge of main, and does not reach its left.
    assert abs(rtl["h1"]["right"] - rtl["mainEnd"]) <= 2, rtl
    assert rtl["h1"]["left"] > rtl["mainStart"] + 10, rtl

    problems = axe_failures(page) + overflow_failures(page)
    context.close()
    assert not problems, "\n".join(problems)


# ---- The stylesheets ------------------------------------------------------------------------

PHYSICAL = re.compile(
    r"(?:margin|padding|border)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:"
    r"|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)|clear\s*:\s*(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
)


def test_screen_stylesheets_use_logical_properties_where_direction_matters():
    """Left and right in a browser stylesheet do not mirror in Arabic: the stylesheets use
    inline-start and inline-end instead (the PDF's print stylesheet is WeasyPrint's)."""
    sheets = [ROOT / "static" / "css" / "portal.css", *ROOT.glob("*/static/*/drafts.css")]
    found = [
        f"{sheet.relative_to(ROOT)}:{number}: {line.strip()}"
        for sheet in sheets
        for number, line in enumerate(sheet.read_text().splitlines(), 1)
        if PHYSICAL.search(line)
    ]
    assert not found, "physical directions in screen stylesheets:\n" + "\n".join(found)
