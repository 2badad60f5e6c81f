"""The draft page stays fast with thousands of comments: the same number of queries for 10 and
for 1,000 comments, and only the latest few per paragraph are rendered (the rest one link away).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import Comment, Paragraph

from .conftest import verified


def _add_comments(draft, window, authors, count):
    paragraphs = list(draft.paragraphs.order_by("number"))
    rows = [
        Comment(
            paragraph=paragraphs[i % len(paragraphs)],
            draft=draft,
            phase=window,
            author=authors[i % len(authors)],
            body=f"Bulk comment {i}",
        )
        for i in range(count)
    ]
    Comment.objects.bulk_create(rows, batch_size=500)
    # Replies too, so their counts are part of the page.
    parents = list(Comment.objects.filter(draft=draft)[:5])
    Comment.objects.bulk_create(
        Comment(
            paragraph=parent.paragraph,
            draft=draft,
            phase=window,
            author=authors[0],
            parent=parent,
            body="A reply",
        )
        for parent in parents
    )
    for paragraph in paragraphs:
        Paragraph.objects.filter(pk=paragraph.pk).update(
            comment_count=Comment.objects.filter(paragraph=paragraph).count()
        )


def _queries(client, url):
    # The first request of a session stores the reader's time zone; measure the steady state.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_draft_page_query_count_is_the_same_for_10_and_1000_comments(
    client, open_draft, window, commenter, editor, signed_in
):
    from tests.factories import UserFactory

    authors = [verified(UserFactory()) for _ in range(5)]
    if signed_in:
        client.force_login(commenter)
    url = reverse("consultations:draft", args=[open_draft.consultation.slug, 1])

    _add_comments(open_draft, window, authors, 10)
    small, _ = _queries(client, url)
    _add_comments(open_draft, window, authors, 990)
    large, html = _queries(client, url)

    assert small == large
    assert html.count('class="comment"') <= 3 * open_draft.paragraphs.count()
    assert "All comments and replies on paragraph 3" in html


def test_paragraph_comments_page_is_paginated_with_bounded_queries(
    client, open_draft, window, editor
):
    from tests.factories import UserFactory

    authors = [verified(UserFactory()) for _ in range(5)]
    client.force_login(editor)
    url = reverse("consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3])
    _add_comments(open_draft, window, authors, 10)
    small, _ = _queries(client, url)
    _add_comments(open_draft, window, authors, 500)
    large, html = _queries(client, url)
    assert small == large
    assert "Page 1 of" in html
    assert client.get(url, {"page": "\x00"}).status_code == 404


def test_consultation_list_query_count_is_the_same_for_3_and_30_consultations(
    client, bpf_a, bpf_a_coordinator, commenter
):
    from consultations import services
    from consultations.models import Consultation

    def add(n):
        for i in range(n):
            consultation = services.create_consultation(
                workstream=bpf_a,
                actor=bpf_a_coordinator,
                title=f"Round {Consultation.objects.count()} {i}",
            )
            Consultation.objects.filter(pk=consultation.pk).update(status="open")

    client.force_login(commenter)
    url = reverse("consultations:list")
    add(3)
    small, _ = _queries(client, url)
    add(27)
    large, html = _queries(client, url)
    assert small == large
    assert "Page 1 of 2" in html
