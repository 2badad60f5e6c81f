"""Drafts: versions, immutability once published, and the diff between versions (R-CON-3)."""

import pytest
from django.urls import reverse

from accounts.exceptions import DomainError
from consultations import services
from consultations.models import ConsultationEvent, Draft, Paragraph

from .conftest import DRAFT_BODY, paragraph


def _second_version(consultation, actor):
    body = (
        DRAFT_BODY.replace(
            "In 2016 it is proposed to develop these policy options further.",
            "In 2016 it is proposed to adapt these policy options to local specificities.",
        )
        + "\nA new closing paragraph about NRIs.\n"
    )
    draft = services.create_draft(
        consultation=consultation, actor=actor, title="Policy Options, second draft", body=body
    )
    return services.publish_draft(draft=draft, actor=actor)


def test_R_CON_3_publishing_v2_keeps_v1_and_its_comments_intact(
    open_draft, commenter, bpf_a_coordinator
):
    consultation = open_draft.consultation
    first = services.post_comment(
        paragraph=paragraph(open_draft, 3), actor=commenter, body="Say which options."
    )
    v1_paragraphs = list(open_draft.paragraphs.values_list("number", "source", "html"))

    v2 = _second_version(consultation, bpf_a_coordinator)

    assert v2.version == 2
    open_draft.refresh_from_db()
    assert open_draft.status == Draft.Status.PUBLISHED
    assert list(open_draft.paragraphs.values_list("number", "source", "html")) == v1_paragraphs
    first.refresh_from_db()
    assert first.draft_id == open_draft.pk
    assert first.paragraph.number == 3
    assert paragraph(open_draft, 3).comment_count == 1
    assert not v2.paragraphs.filter(comments__isnull=False).exists()
    assert Paragraph.objects.get(draft=v2, number=3).comment_count == 0
    assert ConsultationEvent.objects.filter(
        consultation=consultation, action="draft_published", details__version=2
    ).exists()


def test_R_CON_3_the_v1_page_still_shows_its_comments_after_v2(
    client, open_draft, commenter, bpf_a_coordinator
):
    consultation = open_draft.consultation
    services.post_comment(
        paragraph=paragraph(open_draft, 3), actor=commenter, body="Anchored to version one."
    )
    _second_version(consultation, bpf_a_coordinator)
    v1 = client.get(reverse("consultations:draft", args=[consultation.slug, 1])).content.decode()
    v2 = client.get(reverse("consultations:draft", args=[consultation.slug, 2])).content.decode()
    assert "Anchored to version one." in v1
    assert "Anchored to version one." not in v2


def test_R_CON_3_a_published_draft_never_changes(open_draft, bpf_a_coordinator):
    with pytest.raises(DomainError) as refused:
        services.update_draft(
            draft=open_draft,
            actor=bpf_a_coordinator,
            title="Changed",
            body="Changed",
            language="en",
        )
    assert "R-CON-3" in str(refused.value)
    with pytest.raises(DomainError):
        services.publish_draft(draft=open_draft, actor=bpf_a_coordinator)
    open_draft.refresh_from_db()
    assert open_draft.title == "Policy Options, first draft"


def test_R_CON_3_editing_a_published_draft_redirects_with_the_rule(
    client, open_draft, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    slug = open_draft.consultation.slug
    response = client.get(reverse("consultations:draft-edit", args=[slug, 1]), follow=True)
    assert "R-CON-3" in response.content.decode()


def test_publishing_numbers_paragraphs_with_stable_anchors(open_draft):
    rows = list(open_draft.paragraphs.values_list("number", "anchor", "is_heading"))
    assert rows[0] == (1, "p-1", True)
    assert rows[1:] == [(n, f"p-{n}", False) for n in range(2, 6)]


def test_draft_page_shows_numbered_anchors(client, open_draft):
    html = client.get(
        reverse("consultations:draft", args=[open_draft.consultation.slug, 1])
    ).content.decode()
    for n in range(1, 6):
        assert f'id="p-{n}"' in html
        assert f'href="#p-{n}"' in html


def test_draft_form_keeps_what_was_typed_and_names_the_problem(
    client, consultation, bpf_a_coordinator
):
    client.force_login(bpf_a_coordinator)
    url = reverse("consultations:draft-create", args=[consultation.slug])
    response = client.post(
        url, {"title": "Kept title\x00", "body": "x" * 200_001, "language": "en"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kept title" in html
    assert "at most 200000 characters" in html or "200000" in html
    assert not consultation.drafts.exists()


def test_diff_between_versions_is_readable_and_escaped(client, open_draft, bpf_a_coordinator):
    consultation = open_draft.consultation
    _second_version(consultation, bpf_a_coordinator)
    draft = services.create_draft(
        consultation=consultation,
        actor=bpf_a_coordinator,
        title="Third",
        body=DRAFT_BODY + "\n<script>alert(1)</script> tail\n",
    )
    services.publish_draft(draft=draft, actor=bpf_a_coordinator)
    response = client.get(reverse("consultations:draft-diff", args=[consultation.slug, 1, 2]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>develop</del>" in html
    assert "<ins>adapt</ins>" in html
    assert "<ins>A new closing paragraph about NRIs.</ins>" in html
    assert '<caption id="diff-caption">' in html and 'scope="col"' in html
    third = client.get(
        reverse("consultations:draft-diff", args=[consultation.slug, 1, 3])
    ).content.decode()
    # Compared as readers see the text: the sanitiser drops the script, its words stay out.
    assert "<script>alert(1)</script>" not in third and "alert(1)" not in third
    assert "<ins>tail</ins>" in third


def test_publishing_needs_the_manager(client, consultation, editor):
    draft = services.create_draft(
        consultation=consultation, actor=editor, title="By an editor", body="Text"
    )
    client.force_login(editor)
    response = client.post(
        reverse("consultations:draft-publish", args=[consultation.slug, draft.version])
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Draft.Status.EDITING
