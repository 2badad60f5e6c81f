"""Outcome messages (R-CON-7): consensus or the range of diverging views, with sources."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.exceptions import DomainError
from consultations import messages
from consultations.models import ConsultationEvent, Message

from .conftest import paragraph
from .conftest_outputs import *  # noqa: F403 - fixtures
from .conftest_outputs import make_comments


def test_R_CON_7_a_consensus_message_links_paragraphs_and_comments(open_draft, editor, commenter):
    [comment] = make_comments(open_draft, [commenter], 1, number=3)
    message = messages.create_message(
        consultation=open_draft.consultation,
        actor=editor,
        kind=Message.Kind.CONSENSUS,
        title="Affordability comes first",
        paragraphs=[paragraph(open_draft, 3)],
        comment_ids=[comment.pk],
    )
    assert list(message.paragraphs.all()) == [paragraph(open_draft, 3)]
    assert list(message.comments.all()) == [comment]
    event = ConsultationEvent.objects.get(action="message_created")
    assert event.details["comments"] == [comment.pk]


def test_R_CON_7_diverging_views_must_describe_the_range(open_draft, editor):
    with pytest.raises(DomainError) as refused:
        messages.create_message(
            consultation=open_draft.consultation,
            actor=editor,
            kind=Message.Kind.DIVERGING,
            title="Spectrum policy",
            paragraphs=[paragraph(open_draft, 2)],
        )
    assert "R-CON-7" in refused.value.messages[0] and refused.value.field == "body"


def test_R_CON_7_a_message_needs_a_source(open_draft, editor):
    with pytest.raises(DomainError) as refused:
        messages.create_message(
            consultation=open_draft.consultation, actor=editor, kind="consensus", title="Floating"
        )
    assert "R-CON-7" in refused.value.messages[0]


def test_R_CON_7_a_comment_from_elsewhere_is_refused(open_draft, editor):
    with pytest.raises(DomainError) as refused:
        messages.create_message(
            consultation=open_draft.consultation,
            actor=editor,
            kind="consensus",
            title="Wrong source",
            comment_ids=[999999],
        )
    assert "#999999" in refused.value.messages[0]


def test_only_editors_and_managers_write_messages(open_draft, outsider):
    with pytest.raises(PermissionDenied):
        messages.create_message(
            consultation=open_draft.consultation,
            actor=outsider,
            kind="consensus",
            title="Not mine",
            paragraphs=[paragraph(open_draft, 2)],
        )


def test_R_CON_7_messages_are_ordered_edited_and_withdrawn_with_a_reason(open_draft, editor):
    consultation = open_draft.consultation
    first = messages.create_message(
        consultation=consultation,
        actor=editor,
        kind="consensus",
        title="First",
        paragraphs=[paragraph(open_draft, 2)],
    )
    second = messages.create_message(
        consultation=consultation,
        actor=editor,
        kind="consensus",
        title="Second",
        paragraphs=[paragraph(open_draft, 3)],
        position=0,
    )
    assert [m.title for m in messages.live_messages(consultation)] == ["Second", "First"]
    messages.update_message(
        message=first,
        actor=editor,
        kind="diverging",
        title="First, revised",
        body="Some favour licensing, others unlicensed spectrum.",
        paragraphs=[paragraph(open_draft, 4)],
    )
    with pytest.raises(DomainError):
        messages.withdraw_message(message=second, actor=editor, reason="")
    messages.withdraw_message(message=second, actor=editor, reason="Merged into the first")
    assert [m.title for m in messages.live_messages(consultation)] == ["First, revised"]
    assert Message.objects.count() == 2  # never deleted


def test_R_CON_7_the_messages_page_shows_kind_and_sources(client, open_draft, editor):
    messages.create_message(
        consultation=open_draft.consultation,
        actor=editor,
        kind="diverging",
        title="Views differ on spectrum",
        body="Two camps.",
        paragraphs=[paragraph(open_draft, 3)],
    )
    response = client.get(reverse("consultations:messages", args=[open_draft.consultation.slug]))
    assert response.status_code == 200
    assert "Diverging views" in response.text and "Views differ on spectrum" in response.text
    assert "draft 1 ¶ 3" in response.text


def test_the_message_form_reshows_input_and_names_the_rule(client, open_draft, editor):
    client.force_login(editor)
    url = reverse("consultations:message-create", args=[open_draft.consultation.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "diverging", "title": "Typed title", "comments": "12, x"})
    assert response.status_code == 400
    assert "Typed title" in response.text and "“x” is not a comment number" in response.text
    response = client.post(url, {"kind": "diverging", "title": "Typed title\x00"})
    assert response.status_code == 400
    response = client.post(
        url,
        {"kind": "diverging", "title": "Typed title", "paragraphs": [paragraph(open_draft, 2).pk]},
    )
    assert response.status_code == 400 and "R-CON-7" in response.text
    assert not Message.objects.exists()


def test_the_messages_page_takes_the_same_queries_for_3_and_30_messages(
    client, open_draft, editor, commenter
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    comments = make_comments(open_draft, [commenter], 30, number=2)
    url = reverse("consultations:messages", args=[open_draft.consultation.slug])
    client.get(url)
    counts = []
    for size in (3, 27):
        for n in range(size):
            messages.create_message(
                consultation=open_draft.consultation,
                actor=editor,
                kind="consensus",
                title=f"Message {n}",
                paragraphs=[paragraph(open_draft, 2), paragraph(open_draft, 3)],
                comment_ids=[comments[n].pk],
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
