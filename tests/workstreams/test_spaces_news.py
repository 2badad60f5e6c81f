"""News posts: coordinators post (R-DC-7), followers hear of it once, removal is recorded."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.exceptions import DomainError
from tests.factories import UserFactory
from tests.workstreams.test_spaces_uploads import pdf_bytes, upload
from timelines import services as timeline_services
from timelines.models import Category, EmailMode, Follow, Notification, NotificationPreference
from timelines.registry import Occasion
from workstreams import spaces
from workstreams.models import Document, NewsPost


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _follower(workstream, email, mode=EmailMode.IMMEDIATE):
    user = UserFactory(email=email)
    Follow.objects.create(user=user, workstream=workstream)
    NotificationPreference.objects.create(user=user, category=Category.NEWS, email_mode=mode)
    return user


def test_R_DC_7_posting_news_emails_each_follower_once_and_never_the_author(
    client, bpf_a, bpf_a_coordinator, django_capture_on_commit_callbacks
):
    first = _follower(bpf_a, "first@example.org")
    second = _follower(bpf_a, "second@example.org")
    Follow.objects.create(user=bpf_a_coordinator, workstream=bpf_a)  # the author follows too
    client.force_login(bpf_a_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workstreams:news-create", args=[bpf_a.slug]),
            {"title": "Survey open", "body": "Please answer\nby Friday."},
        )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    assert sorted(message.to[0] for message in mail.outbox) == [first.email, second.email]
    message = mail.outbox[0]
    assert message.subject.endswith("News from BPF on Cybersecurity: Survey open")
    assert "Please answer" in message.body
    assert f"#news-{post.pk}" in message.body
    rows = Notification.objects.filter(kind="workstream_news")
    assert {row.recipient_id for row in rows} == {first.pk, second.pk}
    assert {row.subject for row in rows} == {f"news:{post.pk}"}
    assert {row.occasion for row in rows} == {"posted"}
    assert {row.category for row in rows} == {Category.NEWS}

    # Once: recording the same occasion again and delivering again sends nothing more.
    again = [Occasion(recipient_id=first.pk, subject=f"news:{post.pk}", occasion="posted", url="/")]
    assert timeline_services.record_notifications("workstream_news", again) == 0
    assert timeline_services.deliver_pending() == (0, 0)
    assert len(mail.outbox) == 2


def test_news_in_an_email_is_plain_text_in_the_text_part_and_escaped_in_the_html(
    bpf_a, bpf_a_coordinator, django_capture_on_commit_callbacks
):
    _follower(bpf_a, "reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        spaces.post_news(
            workstream=bpf_a, actor=bpf_a_coordinator, title="<b>Bold</b>", body="<script>x"
        )
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "<script>x" in mail.outbox[0].body


def test_a_follower_who_can_no_longer_see_a_private_workstream_is_not_told(
    dc_proposed, dc_coordinator, secretariat
):
    stranger = UserFactory(email="stranger@example.org")
    Follow.objects.create(user=stranger, workstream=dc_proposed)
    Follow.objects.create(user=secretariat, workstream=dc_proposed)
    spaces.post_news(workstream=dc_proposed, actor=dc_coordinator, title="Internal", body="x")
    recipients = set(
        Notification.objects.filter(kind="workstream_news").values_list("recipient", flat=True)
    )
    assert recipients == {secretariat.pk}


def test_news_text_is_escaped_and_keeps_its_line_breaks(client, bpf_a, bpf_a_coordinator):
    spaces.post_news(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="<script>alert(1)</script>",
        body="Line one\nLine <b>two</b>",
    )
    page = client.get(reverse("workstreams:news", args=[bpf_a.slug])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Line one<br>Line &lt;b&gt;two&lt;/b&gt;" in page


def test_R_DC_7_a_coordinator_corrects_a_post_without_notifying_again(
    client, bpf_a, bpf_a_coordinator
):
    _follower(bpf_a, "reader@example.org")
    post = spaces.post_news(workstream=bpf_a, actor=bpf_a_coordinator, title="Tpyo", body="x")
    client.force_login(bpf_a_coordinator)
    response = client.post(
        reverse("workstreams:news-edit", args=[bpf_a.slug, post.pk]),
        {"title": "Typo", "body": "Fixed"},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body) == ("Typo", "Fixed")
    assert Notification.objects.filter(kind="workstream_news").count() == 1


def test_removed_news_leaves_the_lists_but_stays_on_record_with_who_and_why(
    client, bpf_a, bpf_a_coordinator
):
    post = spaces.post_news(workstream=bpf_a, actor=bpf_a_coordinator, title="Oops", body="x")
    client.force_login(bpf_a_coordinator)
    url = reverse("workstreams:news-remove", args=[bpf_a.slug, post.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why it is removed" in response.content.decode()
    response = client.post(url, {"reason": "Posted to the wrong BPF"}, follow=True)
    assert "“Oops” has been removed." in response.content.decode()  # the message, once
    post.refresh_from_db()
    assert post.removed_by == bpf_a_coordinator
    assert post.remove_reason == "Posted to the wrong BPF"
    assert post.removed_at is not None
    for page_url in (
        reverse("workstreams:news", args=[bpf_a.slug]),
        reverse("workstreams:detail", args=[bpf_a.slug]),
    ):
        assert "Oops" not in client.get(page_url).content.decode()
    assert client.post(url, {"reason": "again"}).status_code == 404
    with pytest.raises(DomainError):
        spaces.remove_news(post=post, actor=bpf_a_coordinator, reason="again")


def test_removed_documents_leave_the_lists_and_downloads_but_stay_on_record(
    client, bpf_a, bpf_a_coordinator, secretariat
):
    document = spaces.upload_document(
        workstream=bpf_a,
        actor=bpf_a_coordinator,
        title="Old draft",
        uploaded_file=upload("draft.pdf", pdf_bytes()),
    )
    client.force_login(secretariat)
    response = client.post(
        reverse("workstreams:document-remove", args=[bpf_a.slug, document.pk]),
        {"reason": "Superseded by the final report"},
        follow=True,
    )
    assert "“Old draft” has been removed." in response.content.decode()  # the message, once
    document.refresh_from_db()
    assert document.removed_by == secretariat
    assert document.remove_reason == "Superseded by the final report"
    assert Document.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)
    for page_url in (
        reverse("workstreams:documents", args=[bpf_a.slug]),
        reverse("workstreams:detail", args=[bpf_a.slug]),
    ):
        assert "Old draft" not in client.get(page_url).content.decode()
    download = reverse("workstreams:document-download", args=[bpf_a.slug, document.pk])
    assert client.get(download).status_code == 404


def test_news_is_paginated(client, bpf_a, bpf_a_coordinator, settings):
    settings.PAGINATE_BY = 2
    for number in range(5):
        spaces.post_news(
            workstream=bpf_a, actor=bpf_a_coordinator, title=f"Post {number}", body="x"
        )
    url = reverse("workstreams:news", args=[bpf_a.slug])
    first = client.get(url).content.decode()
    assert "Post 4" in first and "Post 3" in first and "Post 2" not in first
    assert "Post 0" in client.get(url, {"page": 3}).content.decode()
    assert client.get(url, {"page": "x\x00"}).status_code == 404
