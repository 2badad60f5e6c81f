"""What readers see on the consultation pages: a closed consultation invites nothing
(R-CON-1), one header on every sub-page, tables that fit a phone, plain help texts, the
disposition register reachable (R-CON-5), a readable diff (R-CON-3) and honest empty states."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from consultations import contributions, editorial, services
from consultations.forms import ConsultationForm, PhaseForm
from consultations.forms_outputs import MessageForm
from consultations.models import Consultation, Editor

from .conftest import DRAFT_BODY, verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments


class Outline(HTMLParser):
    """The h1 elements of a page, and each table with the element that holds it."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.tables = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        if tag == "table":
            parent = self.stack[-1] if self.stack else ("", {})
            self.tables.append((attrs, parent))
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr"}:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def close(consultation):
    consultation.status = Consultation.Status.CLOSED
    consultation.save(update_fields=["status"])
    return consultation


# ---- A closed consultation runs no phase (R-CON-1) ----------------------------------------


def test_R_CON_1_a_closed_consultation_shows_no_phase_as_running(client, open_draft, call):
    consultation = open_draft.consultation
    url = reverse("consultations:detail", args=[consultation.slug])
    assert "phase-current" in client.get(url).text
    close(consultation)
    page = client.get(url).text
    assert "phase-current" not in page and ">Now<" not in page
    assert page.count('class="milestone phase-past"') == 2


def test_R_CON_1_a_closed_consultation_invites_no_contribution(
    client, open_draft, call, contributor
):
    consultation = close(open_draft.consultation)
    assert contributions.open_call(consultation) is None
    client.force_login(contributor)
    page = client.get(reverse("consultations:contributions", args=[consultation.slug])).text
    assert "This consultation is closed" in page
    assert "The call for contributions is open" not in page
    assert reverse("consultations:contribution-create", args=[consultation.slug]) not in page
    form_page = client.get(reverse("consultations:contribution-create", args=[consultation.slug]))
    assert "R-CON-1: This consultation is closed" in form_page.text
    assert 'enctype="multipart/form-data"' not in form_page.text


def test_R_CON_2_a_closed_consultation_takes_no_comments(client, open_draft, commenter):
    consultation = close(open_draft.consultation)
    assert services.comment_window(open_draft) is None
    client.force_login(commenter)
    page = client.get(reverse("consultations:draft", args=[consultation.slug, 1])).text
    assert "This consultation is closed" in page and "Post comment" not in page


# ---- One header on every sub-page ---------------------------------------------------------


SUB_PAGES = [
    ("consultations:detail", ()),
    ("consultations:contributions", ()),
    ("consultations:editors", ()),
    ("consultations:messages", ()),
    ("consultations:participation", ()),
    ("consultations:outputs", ()),
    ("consultations:dispositions", (1,)),
    ("consultations:draft", (1,)),
    ("consultations:draft-create", ()),
    ("consultations:message-create", ()),
    ("consultations:contribution-create", ()),
]


@pytest.mark.parametrize(("name", "args"), SUB_PAGES)
def test_every_sub_page_has_the_same_header_and_one_h1(
    client, open_draft, call, bpf_a_coordinator, name, args
):
    consultation = open_draft.consultation
    client.force_login(verified(bpf_a_coordinator))
    response = client.get(reverse(name, args=[consultation.slug, *args]))
    assert response.status_code == 200
    assert outline(response).h1 == 1
    page = response.text
    assert 'class="kicker"' in page and reverse("consultations:list") in page
    assert 'class="breadcrumb"' not in page
    assert 'class="tabs"' in page


# ---- Tables fit a phone: styled and scrolling inside themselves ---------------------------


def test_every_table_is_a_data_table_in_a_scrolling_region(
    client, open_draft, call, editor, commenter, bpf_a_coordinator, secretariat
):
    consultation = open_draft.consultation
    [comment] = make_comments(open_draft, [commenter], 1, number=3)
    editorial.give_disposition(comment=comment, actor=editor, outcome="addressed", reply="Done")
    contributions.submit_contribution(
        consultation=consultation,
        actor=commenter,
        title="A contribution",
        text="Text",
        on_behalf_of="self",
    )
    Editor.objects.create(consultation=consultation, user=commenter, motivation="Let me help")
    client.force_login(secretariat)
    urls = [
        reverse("consultations:participation", args=[consultation.slug]),
        reverse("consultations:contributions", args=[consultation.slug]),
        reverse("consultations:dispositions", args=[consultation.slug, 1]),
        reverse("consultations:editors", args=[consultation.slug]),
        reverse("consultations:entities"),
    ]
    from consultations import outputs

    outputs.create_entity(actor=secretariat, name="WSIS Forum", kind="intergovernmental")
    seen = 0
    for url in urls:
        for attrs, (parent_tag, parent) in outline(client.get(url)).tables:
            seen += 1
            assert "data" in attrs.get("class", "").split(), url
            assert parent_tag == "div" and "table-scroll" in parent.get("class", ""), url
            assert parent.get("role") == "region" and parent.get("tabindex") == "0", url
            assert parent.get("aria-labelledby"), url
    assert seen >= 7


# ---- Help texts name no rules; errors still do -------------------------------------------


def test_help_texts_and_prose_name_no_rule_ids(client, open_draft, bpf_a_coordinator):
    consultation = open_draft.consultation
    forms = [
        ConsultationForm(workstreams=None),
        PhaseForm(consultation=consultation),
        MessageForm(consultation=consultation),
    ]
    for form in forms:
        for field in form.fields.values():
            assert "R-" not in str(field.help_text) and "R-" not in str(field.label)
    client.force_login(bpf_a_coordinator)
    for url in (
        reverse("consultations:draft-create", args=[consultation.slug]),
        reverse("consultations:phase-create", args=[consultation.slug]),
        reverse("consultations:create"),
    ):
        assert not re.search(r"\(R-[A-Z]+-\d", client.get(url).text), url


# ---- The disposition register is reachable (R-CON-5) --------------------------------------


def test_R_CON_5_the_draft_and_overview_link_to_the_disposition_register(client, open_draft):
    consultation = open_draft.consultation
    register = reverse("consultations:dispositions", args=[consultation.slug, 1])
    for url in (
        reverse("consultations:draft", args=[consultation.slug, 1]),
        reverse("consultations:detail", args=[consultation.slug]),
    ):
        page = client.get(url).text
        assert f'href="{register}"' in page and "Disposition register" in page
    assert client.get(register).status_code == 200


def test_R_CON_5_the_register_counts_in_the_singular(client, open_draft, commenter):
    make_comments(open_draft, [commenter], 1, number=2)
    page = client.get(
        reverse("consultations:dispositions", args=[open_draft.consultation.slug, 1])
    ).text
    assert "1 comment; 1 without a disposition yet." in page
    assert "1 comments" not in page


# ---- The draft editor ---------------------------------------------------------------------


def test_the_first_draft_is_called_the_first_and_its_preview_is_labelled(
    client, consultation, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    detail = client.get(reverse("consultations:detail", args=[consultation.slug])).text
    assert "Start the first draft" in detail and "Start the next draft" not in detail
    page = client.get(reverse("consultations:draft-create", args=[consultation.slug])).text
    assert "Start the first draft" in page and "Start the next draft" not in page
    assert 'class="markdown-preview-box"' in page
    assert re.search(r'<h3 class="markdown-preview-label" id="[^"]+">Preview</h3>', page)
    assert '<div class="markdownx-preview" aria-live="polite">' in page


def test_a_later_draft_is_the_next_draft(client, open_draft, bpf_a_coordinator):
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:draft-create", args=[open_draft.consultation.slug])
    assert "Start the next draft" in client.get(url).text


# ---- The diff reads as text (R-CON-3) -----------------------------------------------------


def test_R_CON_3_the_diff_compares_plain_text_and_marks_headings(
    client, open_draft, bpf_a_coordinator
):
    consultation = open_draft.consultation
    second = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Second",
        body=DRAFT_BODY.replace("# Connecting", "## Connecting").replace(
            "policy options further", "*policy options* further, **together**"
        ),
    )
    services.publish_draft(draft=second, actor=bpf_a_coordinator)
    page = client.get(reverse("consultations:draft-diff", args=[consultation.slug, 1, 2])).text
    assert "# Connecting" not in page and "*policy options*" not in page
    assert "**" not in page
    assert re.search(r'class="diff-text diff-heading"><span class="badge">Heading</span>', page)
    assert "<ins>further, together.</ins>" in page or "<ins>together.</ins>" in page


# ---- The editorial group --------------------------------------------------------------------


def test_R_CON_5_those_who_decide_are_not_offered_to_ask_to_join(
    client, open_draft, bpf_a_coordinator, commenter
):
    url = reverse("consultations:editors", args=[open_draft.consultation.slug])
    client.force_login(bpf_a_coordinator)
    assert "Ask to join" not in client.get(url).text
    client.force_login(commenter)
    assert "Ask to join" in client.get(url).text


def test_R_CON_5_a_closed_consultation_offers_no_joining(client, open_draft, commenter):
    consultation = close(open_draft.consultation)
    url = reverse("consultations:editors", args=[consultation.slug])
    page = client.get(url).text
    assert "Sign in to ask to join" not in page and "Ask to join" not in page
    client.force_login(commenter)
    assert "Ask to join" not in client.get(url).text


def test_a_drafts_text_keeps_its_own_language_and_direction_in_an_arabic_page(client, open_draft):
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("consultations:draft", args=[open_draft.consultation.slug, 1])).text
    assert '<html lang="ar" dir="rtl">' in page
    assert '<div class="draft-text" dir="auto" lang="en">' in page
