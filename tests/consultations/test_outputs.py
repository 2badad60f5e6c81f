"""Published outputs (R-CON-6): rendered to HTML and PDF by a Celery task, idempotent by
content hash, with a permanent versioned URL, sent to a distribution list from the
Secretariat's directory of fora and entities."""

import re
import shutil
import subprocess

import pytest
from django.core import mail
from django.urls import reverse

from accounts.exceptions import DomainError
from consultations import contributions, editorial, outputs
from consultations import messages as outcome_messages
from consultations.models import Consultation, Contribution, Distribution, Entity, Output
from pagecache.cache import bump_version
from tests.conftest import need
from tests.factories import UserFactory

from .conftest import paragraph, verified
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments


@pytest.fixture
def fake_pdf(monkeypatch):
    """WeasyPrint replaced by a counter, for tests about the task rather than the PDF."""
    calls = []

    def write_pdf(html):
        calls.append(html)
        return b"%PDF-1.7 fake " + str(len(calls)).encode()

    monkeypatch.setattr(outputs, "write_pdf", write_pdf)
    return calls


@pytest.fixture
def entity(secretariat):
    return outputs.create_entity(
        actor=secretariat,
        name="WSIS Forum",
        kind=Entity.Kind.INTERGOVERNMENTAL,
        un_regional_group="",
        contact_name="Forum team",
        contact_email="wsis@example.org",
        issues="Digital development",
    )


def publish(draft, actor, capture, **kwargs):
    with capture(execute=True):
        output = outputs.publish_output(
            actor=actor, consultation=draft.consultation, draft=draft, **kwargs
        )
    output.refresh_from_db()
    return output


def test_R_CON_6_publishing_renders_the_output_in_the_task(
    open_draft, bpf_a_coordinator, fake_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        output = outputs.publish_output(
            actor=bpf_a_coordinator, consultation=open_draft.consultation, draft=open_draft
        )
    assert output.version == 1 and output.render_status == Output.RenderStatus.PENDING
    # Enqueued on commit, not rendered inline (the other callback refreshes the page cache).
    (render,) = [callback for callback in callbacks if callback is not bump_version]
    assert fake_pdf == []
    render()
    output.refresh_from_db()
    assert output.render_status == Output.RenderStatus.READY
    assert len(output.content_hash) == 64 and output.pdf.name.endswith(".pdf")
    assert "Connecting the next billion" in output.html
    assert output.render_attempts == 1


def test_R_CON_6_the_task_is_idempotent_by_content_hash(
    open_draft, bpf_a_coordinator, fake_pdf, django_capture_on_commit_callbacks
):
    output = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    first_file = output.pdf.name
    outputs.render_output(output.pk)  # delivered twice: nothing happens
    assert len(fake_pdf) == 1
    # Asked to render again with unchanged content (a lost acknowledgement, a manual reset):
    # the PDF with the same hash is reused, WeasyPrint is not called.
    Output.objects.filter(pk=output.pk).update(render_status=Output.RenderStatus.PENDING)
    outputs.render_output(output.pk)
    output.refresh_from_db()
    assert len(fake_pdf) == 1
    assert output.pdf.name == first_file and output.render_status == Output.RenderStatus.READY


def test_R_CON_6_a_failed_render_shows_and_can_be_retried(
    client, open_draft, bpf_a_coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(html):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(outputs, "write_pdf", broken)
    output = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    assert output.render_status == Output.RenderStatus.FAILED
    assert "fonts missing" in output.render_error
    client.force_login(bpf_a_coordinator)
    page = client.get(reverse("consultations:outputs", args=[open_draft.consultation.slug]))
    assert "Failed" in page.text and "fonts missing" in page.text and "Retry" in page.text
    monkeypatch.setattr(outputs, "write_pdf", lambda html: b"%PDF-1.7 ok")
    retry_url = reverse("consultations:output-retry", args=[open_draft.consultation.slug, 1])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry_url).status_code == 302
    output.refresh_from_db()
    assert output.render_status == Output.RenderStatus.READY and output.render_attempts == 2
    with pytest.raises(DomainError):
        outputs.retry_output(output=output, actor=bpf_a_coordinator)


def test_R_CON_6_the_publisher_sees_pending_with_an_auto_refresh(
    client, open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        outputs.publish_output(
            actor=bpf_a_coordinator, consultation=open_draft.consultation, draft=open_draft
        )
    client.force_login(bpf_a_coordinator)
    page = client.get(reverse("consultations:outputs", args=[open_draft.consultation.slug]))
    assert '<meta http-equiv="refresh"' in page.text and "Rendering" in page.text
    client.logout()
    page = client.get(reverse("consultations:outputs", args=[open_draft.consultation.slug]))
    assert "Rendering" not in page.text  # the public sees ready outputs only


def test_R_CON_6_the_pdf_has_a_permanent_versioned_url(
    client, open_draft, bpf_a_coordinator, fake_pdf, django_capture_on_commit_callbacks
):
    first = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    url = reverse("consultations:output-pdf", args=[open_draft.consultation.slug, 1])
    assert url == f"/consultations/{open_draft.consultation.slug}/outputs/v1.pdf"
    assert outputs.permanent_pdf_url(first).endswith(url)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    v1 = b"".join(response.streaming_content)
    second = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    assert second.version == 2
    assert b"".join(client.get(url).streaming_content) == v1  # v1 never changes
    v2 = reverse("consultations:output-pdf", args=[open_draft.consultation.slug, 2])
    assert client.get(v2).status_code == 200
    assert client.get(v2.replace("v2", "v3")).status_code == 404


def test_R_CON_6_only_a_published_draft_becomes_an_output(consultation, bpf_a_coordinator):
    from consultations import services

    draft = services.create_draft(
        consultation=consultation, actor=bpf_a_coordinator, title="Unpublished", body="Text"
    )
    with pytest.raises(DomainError) as refused:
        outputs.publish_output(actor=bpf_a_coordinator, consultation=consultation, draft=draft)
    assert "R-CON-6" in refused.value.messages[0]


def test_R_CON_6_the_distribution_list_is_notified_once_with_the_permanent_url(
    open_draft, bpf_a_coordinator, secretariat, entity, fake_pdf, django_capture_on_commit_callbacks
):
    silent = outputs.create_entity(actor=secretariat, name="No email forum", kind="other")
    output = publish(
        open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks, entities=[entity, silent]
    )
    [message] = mail.outbox
    assert message.to == ["wsis@example.org"]
    assert outputs.permanent_pdf_url(output) in message.body
    distribution = Distribution.objects.get(output=output, entity=entity)
    assert distribution.notified_at is not None
    assert outputs.notify_distribution(output) == 0
    outputs.render_output(output.pk)
    assert len(mail.outbox) == 1


def test_R_CON_6_an_inactive_entity_is_not_offered(
    open_draft, bpf_a_coordinator, secretariat, entity
):
    outputs.deactivate_entity(entity=entity, actor=secretariat, reason="Merged into another")
    entity.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        outputs.publish_output(
            actor=bpf_a_coordinator,
            consultation=open_draft.consultation,
            draft=open_draft,
            entities=[entity],
        )
    assert "WSIS Forum" in refused.value.messages[0]


def build_consultation_with_people(open_draft, call, editor, consenting, declining):
    consultation = open_draft.consultation
    [named] = make_comments(open_draft, [consenting], 1, named=True, number=3)
    [anonymous] = make_comments(open_draft, [declining], 1, named=False, number=3)
    editorial.give_disposition(comment=named, actor=editor, outcome="addressed", reply="Taken up")
    contributions.submit_contribution(
        consultation=consultation,
        actor=declining,
        title="Quiet contribution",
        text="No name please.",
        on_behalf_of=Contribution.OnBehalf.SELF,
    )
    outcome_messages.create_message(
        consultation=consultation,
        actor=editor,
        kind="consensus",
        title="Affordability <script>alert(1)</script> matters",
        paragraphs=[paragraph(open_draft, 3)],
        comment_ids=[named.pk],
    )
    return named, anonymous


def test_R_CON_6_the_output_html_has_cover_contents_messages_annex_and_register(
    client,
    open_draft,
    call,
    editor,
    commenter,
    second_commenter,
    bpf_a_coordinator,
    fake_pdf,
    django_capture_on_commit_callbacks,
):
    build_consultation_with_people(open_draft, call, editor, commenter, second_commenter)
    output = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    html = output.html
    assert 'class="cover"' in html and "Contents" in html
    assert 'href="#p-3"' in html or 'id="p-3"' in html
    assert "Affordability &lt;script&gt;" in html and "<script>" not in html
    assert "Cleo Commenter" in html and "Sol Second" not in html
    assert "Taken up" in html and "Addressed" in html
    page = client.get(reverse("consultations:output", args=[open_draft.consultation.slug, 1]))
    assert page.status_code == 200 and "Cleo Commenter" in page.text
    assert "<script>alert" not in page.text


def test_R_CON_6_the_pdf_text_has_title_paragraph_and_only_consenting_names(
    client,
    open_draft,
    call,
    editor,
    commenter,
    second_commenter,
    bpf_a_coordinator,
    django_capture_on_commit_callbacks,
    tmp_path,
):
    need("pdftotext", bool(shutil.which("pdftotext")), "install poppler-utils")
    contributing = verified(UserFactory(email="named@example.org", display_name="Nadia Named"))
    build_consultation_with_people(open_draft, call, editor, commenter, second_commenter)
    contributions.submit_contribution(
        consultation=open_draft.consultation,
        actor=contributing,
        title="Named contribution",
        text="Please credit me.",
        on_behalf_of=Contribution.OnBehalf.ORGANISATION,
        organisation="Rural Connect",
        named_in_output=True,
    )
    output = publish(open_draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    assert output.render_status == Output.RenderStatus.READY, output.render_error
    response = client.get(reverse("consultations:output-pdf", args=[output.consultation.slug, 1]))
    pdf_file = tmp_path / "output.pdf"
    pdf_file.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    assert "Policy Options, first draft" in flat  # the title
    assert "In 2016 it is proposed to develop these policy options further." in flat
    assert "Cleo Commenter" in flat and "Nadia Named (Rural Connect)" in flat
    assert "Sol Second" not in flat
    assert "Affordability <script>alert(1)</script> matters" in flat  # shown as text, inert
    # The cover names the consultation once, the draft's own title as its subtitle.
    cover = " ".join(pdf_text(pdf_file, first=1, last=1).split())
    assert cover.count(open_draft.consultation.title) == 1
    assert cover.count("Policy Options, first draft") == 1
    # The contents are numbered once: no list number in front of a section number.
    assert not re.search(DOUBLE_NUMBER, flat)
    assert "1. Connecting the next billion" in flat


# A list's number in front of a section's own number, as in "2. 1. Introduction".
DOUBLE_NUMBER = r"(?:^|\s)\d{1,2}\. \d{1,2}\.(?:\d|\s)"


def pdf_text(pdf_file, first=None, last=None):
    pages = ["-f", str(first), "-l", str(last)] if first else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf_file), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


CENB_BODY = """# Policy Options for Connecting the Next Billion – Phase II

## Introduction

The MAG started a new intersessional programme in 2015.

## Phase II

In 2016 the policy options are developed further.

### Local specificities

National and regional IGFs explain local challenges.
"""


def _titled_like_cenb(consultation, actor):
    """A draft whose title and leading H1 repeat the consultation's title, as CENB's does."""
    from consultations import services

    title = "Policy Options for Connecting the Next Billion – Phase II"
    Consultation.objects.filter(pk=consultation.pk).update(title=title)
    consultation.refresh_from_db()
    draft = services.create_draft(
        consultation=consultation, actor=actor, title=title, body=CENB_BODY
    )
    return services.publish_draft(draft=draft, actor=actor)


def test_R_CON_6_a_leading_h1_repeating_the_title_is_the_title_not_a_section(
    client, consultation, bpf_a_coordinator, fake_pdf, django_capture_on_commit_callbacks
):
    draft = _titled_like_cenb(consultation, bpf_a_coordinator)
    output = publish(draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    html = output.html
    cover = html.split('<section class="cover">', 1)[1].split("</section>", 1)[0]
    assert cover.count(consultation.title) == 1  # no subtitle, no repeated meta line
    contents = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert "<ol" not in contents  # numbers are written once, by hand, in plain lists
    assert "1. Introduction" in contents and "2. Phase II" in contents
    assert "2.1 Local specificities" in contents
    assert consultation.title not in contents
    assert '<h3 id="p-2">1. Introduction</h3>' in html
    assert 'id="p-1"' in html  # a link to the title's paragraph still lands
    assert "¶ 3" in html and 'id="p-3"' in html  # paragraphs keep their numbers
    page = client.get(reverse("consultations:output", args=[consultation.slug, 1]))
    assert page.text.count("<h1") == 1  # the page's own; the document's headings move down
    assert 'class="table-scroll"' in page.text or "No comments were made." in page.text


def test_R_CON_6_the_pdf_cover_shows_the_title_once(
    client, consultation, bpf_a_coordinator, django_capture_on_commit_callbacks, tmp_path
):
    need("pdftotext", bool(shutil.which("pdftotext")), "install poppler-utils")
    draft = _titled_like_cenb(consultation, bpf_a_coordinator)
    output = publish(draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    assert output.render_status == Output.RenderStatus.READY, output.render_error
    pdf_file = tmp_path / "cenb.pdf"
    pdf_file.write_bytes(output.pdf.read())
    cover = " ".join(pdf_text(pdf_file, first=1, last=1).split())
    assert cover.count("Policy Options for Connecting the Next Billion") == 1
    flat = " ".join(pdf_text(pdf_file).split())
    assert not re.search(DOUBLE_NUMBER, flat)
    assert "1. Introduction" in flat and "2.1 Local specificities" in flat
    assert "¶ 3" in flat or "¶3" in flat


def test_R_CON_6_headings_with_ampersands_read_once_escaped(
    consultation, bpf_a_coordinator, fake_pdf, django_capture_on_commit_callbacks
):
    from consultations import services

    draft = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Outcome",
        body="# Good & bad practices\n\nShared towers worked.\n",
    )
    draft = services.publish_draft(draft=draft, actor=bpf_a_coordinator)
    output = publish(draft, bpf_a_coordinator, django_capture_on_commit_callbacks)
    assert "1. Good &amp; bad practices" in output.html
    assert "&amp;amp;" not in output.html


# ---- The directory of fora and entities -----------------------------------------------------


def test_R_CON_6_the_secretariat_keeps_the_directory_with_filters(client, secretariat, entity):
    outputs.create_entity(
        actor=secretariat,
        name="Parliament of Kenya",
        kind=Entity.Kind.PARLIAMENT,
        un_regional_group="AFRICAN",
        issues="Access",
    )
    client.force_login(secretariat)
    url = reverse("consultations:entities")
    page = client.get(url)
    assert "WSIS Forum" in page.text and "Parliament of Kenya" in page.text
    page = client.get(url, {"kind": "parliament"})
    assert "Parliament of Kenya" in page.text and "WSIS Forum" not in page.text
    page = client.get(url, {"region": "AFRICAN", "q": "kenya"})
    assert "Parliament of Kenya" in page.text
    page = client.get(url, {"q": "nothing matches this"})
    assert "No fora or entities match." in page.text
    assert client.get(url, {"q": "nul\x00byte", "kind": "x" * 500, "page": "zz"}).status_code == 200


def test_the_entity_form_reshows_input_and_deactivation_keeps_the_row(client, secretariat, entity):
    client.force_login(secretariat)
    response = client.post(
        reverse("consultations:entity-create"),
        {"name": "Typed name", "kind": "alien", "contact_email": "not-an-email"},
    )
    assert response.status_code == 400
    assert "Typed name" in response.text and "valid email" in response.text
    response = client.post(
        reverse("consultations:entity-create"), {"name": "Nul\x00name", "kind": "other"}
    )
    assert response.status_code == 400
    deactivate = reverse("consultations:entity-deactivate", args=[entity.pk])
    assert client.post(deactivate, {"reason": ""}).status_code == 400
    assert client.post(deactivate, {"reason": "Closed down"}).status_code == 302
    entity.refresh_from_db()
    assert entity.active is False and Entity.objects.filter(pk=entity.pk).exists()
    edit = client.get(reverse("consultations:entity-edit", args=[entity.pk]))
    assert "deactivated: Closed down" in edit.text


def test_the_directory_is_the_secretariats_only(client, bpf_a_coordinator, entity):
    client.force_login(bpf_a_coordinator)
    assert client.get(reverse("consultations:entities")).status_code == 404
    with pytest.raises(Exception, match="Secretariat"):
        outputs.create_entity(actor=bpf_a_coordinator, name="X", kind="other")
