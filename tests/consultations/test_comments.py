"""Paragraph comments (R-CON-2, R-CON-3): the window enforced at its exact edges on the server,
replies and their notifications, the rate limit, moderation and flags, all recorded."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.exceptions import DomainError
from consultations import services
from consultations.models import Comment, CommentFlag, ConsultationEvent
from tests.factories import UserFactory
from timelines.models import Follow, Notification

from .conftest import paragraph

OPENS = dt.datetime(2030, 9, 1, 9, 0, tzinfo=dt.UTC)
CLOSES = dt.datetime(2030, 9, 30, 17, 0, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)


@pytest.fixture
def dated_draft(draft, bpf_a_coordinator):
    """The draft with a comment window from OPENS to CLOSES (UTC), nothing else open."""
    services.add_phase(
        consultation=draft.consultation,
        actor=bpf_a_coordinator,
        kind="comments",
        opens_at=OPENS,
        closes_at=CLOSES,
        draft=draft,
    )
    return draft


def _post(draft, user, body="A comment."):
    return services.post_comment(paragraph=paragraph(draft, 3), actor=user, body=body)


# ---- The window, at its exact edges (R-CON-2) ------------------------------------------------


def test_R_CON_2_a_comment_is_refused_one_instant_before_the_window_opens(dated_draft, commenter):
    with time_machine.travel(OPENS - TICK, tick=False), pytest.raises(DomainError) as refused:
        _post(dated_draft, commenter)
    assert refused.value.rule == "R-CON-2"
    assert "open on 1 Sep 2030, 09:00" in str(refused.value)
    assert not Comment.objects.exists()


def test_R_CON_2_a_comment_is_accepted_exactly_when_the_window_opens(dated_draft, commenter):
    with time_machine.travel(OPENS, tick=False):
        comment = _post(dated_draft, commenter)
    assert comment.created == OPENS
    assert comment.phase.opens_at == OPENS


def test_R_CON_2_a_comment_is_accepted_one_instant_before_the_window_closes(dated_draft, commenter):
    with time_machine.travel(CLOSES - TICK, tick=False):
        _post(dated_draft, commenter)
    assert Comment.objects.count() == 1


def test_R_CON_2_a_comment_is_refused_exactly_when_the_window_closes(dated_draft, commenter):
    with time_machine.travel(CLOSES, tick=False), pytest.raises(DomainError) as refused:
        _post(dated_draft, commenter)
    assert refused.value.rule == "R-CON-2"
    assert "closed on 30 Sep 2030, 17:00" in str(refused.value)
    assert not Comment.objects.exists()


def test_R_CON_2_after_the_close_the_form_is_gone_and_a_direct_post_is_refused(
    client, dated_draft, commenter
):
    slug = dated_draft.consultation.slug
    page_url = reverse("consultations:draft", args=[slug, 1])
    with time_machine.travel(CLOSES - dt.timedelta(hours=1), tick=False):
        # Signed in at that time: a session started today would have expired by 2030.
        client.force_login(commenter)
        assert "Comment on paragraph 3" in client.get(page_url).content.decode()
    with time_machine.travel(CLOSES, tick=False):
        page = client.get(page_url)
        html = page.content.decode()
        assert page.status_code == 200
        assert "Comment on paragraph 3" not in html
        assert "p3-body" not in html
        assert "R-CON-2: The comment window for this draft closed on 30 Sep 2030, 17:00" in html
        # The draft itself stays readable.
        assert "In 2016 it is proposed to develop these policy options further." in html

        response = client.post(
            reverse("consultations:comment-post", args=[slug, 1, 3]),
            {"p3-body": "Too late, but typed with care.", "p3-language": "en"},
        )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your comment was not posted" in html
    assert "R-CON-2: The comment window for this draft closed on 30 Sep 2030, 17:00" in html
    assert "Too late, but typed with care." in html
    assert not Comment.objects.exists()


def test_R_CON_2_window_times_are_shown_in_the_readers_time_zone(client, dated_draft, commenter):
    commenter.profile.time_zone = "Asia/Tokyo"
    commenter.profile.save()
    with time_machine.travel(OPENS + dt.timedelta(days=1), tick=False):
        client.force_login(commenter)
        html = client.get(
            reverse("consultations:draft", args=[dated_draft.consultation.slug, 1])
        ).content.decode()
    # 17:00 UTC is 02:00 the next day in Tokyo.
    assert "Open for comment until 1 Oct 2030, 02:00 JST" in html


def test_R_CON_2_an_unverified_person_is_refused(open_draft):
    unverified = UserFactory(email="unverified@example.org")
    with pytest.raises(DomainError) as refused:
        _post(open_draft, unverified)
    assert "R-CON-2" in str(refused.value)
    assert "verified email" in str(refused.value)


def test_R_CON_2_an_unverified_person_sees_no_form_and_is_told_why(client, open_draft):
    client.force_login(UserFactory(email="unverified@example.org"))
    url = reverse("consultations:draft", args=[open_draft.consultation.slug, 1])
    html = client.get(url).content.decode()
    assert "p3-body" not in html
    assert "Verify your email address to comment." in html
    response = client.post(
        reverse("consultations:comment-post", args=[open_draft.consultation.slug, 1, 3]),
        {"p3-body": "Hello", "p3-language": "en"},
    )
    assert response.status_code == 403
    assert "verified email address" in response.content.decode()


def test_R_CON_2_anonymous_visitors_read_the_draft_and_are_asked_to_sign_in(client, open_draft):
    url = reverse("consultations:draft", args=[open_draft.consultation.slug, 1])
    html = client.get(url).content.decode()
    assert "Sign in to comment" in html
    response = client.post(
        reverse("consultations:comment-post", args=[open_draft.consultation.slug, 1, 3]),
        {"p3-body": "Hello", "p3-language": "en"},
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# ---- Posting through the page ----------------------------------------------------------------


def test_R_CON_3_a_comment_posted_from_the_draft_page_is_shown_on_its_paragraph(
    client, open_draft, commenter
):
    client.force_login(commenter)
    slug = open_draft.consultation.slug
    response = client.post(
        reverse("consultations:comment-post", args=[slug, 1, 3]),
        {"p3-body": "Name the options.", "p3-language": "fr", "p3-named_in_output": "on"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your comment on paragraph 3 is published." in html
    assert "Name the options." in html
    assert "1 comment on paragraph 3" in html
    comment = Comment.objects.get()
    assert (comment.paragraph.number, comment.draft_id) == (3, open_draft.pk)
    assert comment.language == "fr"
    assert comment.named_in_output is True
    assert paragraph(open_draft, 3).comment_count == 1
    assert ConsultationEvent.objects.filter(action="comment_posted", actor=commenter).exists()


@pytest.mark.parametrize("body", ["\x00", "", "a" * 5001])
def test_bad_comment_text_is_answered_and_kept(client, open_draft, commenter, body):
    client.force_login(commenter)
    response = client.post(
        reverse("consultations:comment-post", args=[open_draft.consultation.slug, 1, 3]),
        {"p3-body": body, "p3-language": "xx"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select a valid choice" in html
    if len(body) > 100:
        assert body in html
        assert "5000" in html
    assert not Comment.objects.exists()


def test_hostile_comments_render_inert(client, open_draft, commenter):
    _post(open_draft, commenter, body='<script>alert(1)</script><img src=x onerror="alert(2)">')
    for url in (
        reverse("consultations:draft", args=[open_draft.consultation.slug, 1]),
        reverse("consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---- Replies and their notifications ---------------------------------------------------------


def test_a_reply_notifies_the_author_of_the_comment_through_their_preferences(
    client, open_draft, commenter, second_commenter, django_capture_on_commit_callbacks
):
    first = _post(open_draft, commenter, body="First thought.")
    client.force_login(second_commenter)
    url = reverse("consultations:comment-post", args=[open_draft.consultation.slug, 1, 3])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                f"c{first.pk}-body": "A reply.",
                f"c{first.pk}-language": "en",
                f"c{first.pk}-parent": first.pk,
            },
        )
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    assert "Your reply is published." in landing.content.decode()
    reply = Comment.objects.get(body="A reply.")
    assert reply.parent == first
    note = Notification.objects.get(recipient=commenter, kind="consultation_comment_reply")
    assert note.context["author"] == "Sol Second"
    assert note.context["paragraph"] == 3
    assert note.url.endswith(f"#comment-{reply.pk}")
    # News-like notifications reach people as their preferences say: a daily digest by default.
    assert note.email_mode == "digest"
    assert mail.outbox == []
    # The reply author is not told of their own reply; counts include replies.
    assert not Notification.objects.filter(recipient=second_commenter).exists()
    assert paragraph(open_draft, 3).comment_count == 2
    page = client.get(
        reverse("consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3])
    )
    assert "A reply." in page.content.decode()


def test_a_reply_is_emailed_at_once_to_who_asked_for_it(
    open_draft, commenter, second_commenter, django_capture_on_commit_callbacks
):
    from timelines import services as timeline_services

    timeline_services.set_email_mode(user=commenter, category="news", mode="immediate")
    first = _post(open_draft, commenter, body="First thought.")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(
            paragraph=first.paragraph, actor=second_commenter, body="A reply.", parent=first
        )
    assert [m.to for m in mail.outbox] == [["commenter@example.org"]]
    assert "Sol Second replied to your comment on paragraph 3" in mail.outbox[0].subject
    assert "A reply." in mail.outbox[0].body


def test_replying_to_your_own_comment_notifies_nobody(open_draft, commenter):
    first = _post(open_draft, commenter)
    services.post_comment(
        paragraph=first.paragraph, actor=commenter, body="Adding to it.", parent=first
    )
    assert not Notification.objects.exists()


def test_a_reply_to_a_reply_joins_the_conversation(open_draft, commenter, second_commenter):
    first = _post(open_draft, commenter)
    reply = services.post_comment(
        paragraph=first.paragraph, actor=second_commenter, body="Reply", parent=first
    )
    again = services.post_comment(
        paragraph=first.paragraph, actor=commenter, body="Again", parent=reply
    )
    assert again.parent == first


# ---- The rate limit --------------------------------------------------------------------------


def test_R_CON_2_the_rate_limit_counts_each_persons_comments_per_hour(
    client, open_draft, commenter, editor
):
    consultation = open_draft.consultation
    consultation.comment_rate_limit = 2
    consultation.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _post(open_draft, commenter)
        _post(open_draft, commenter)
        client.force_login(commenter)
        response = client.post(
            reverse("consultations:comment-post", args=[consultation.slug, 1, 3]),
            {"p3-body": "A third one.", "p3-language": "en"},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "R-CON-2: You have posted 2 comments in this consultation in the last hour" in html
        assert "A third one." in html
        # Editors are not limited.
        for _ in range(3):
            _post(open_draft, editor)
    with time_machine.travel(start + dt.timedelta(hours=1, seconds=1), tick=False):
        _post(open_draft, commenter, body="An hour later.")
    assert Comment.objects.filter(author=commenter).count() == 3


# ---- Moderation and flags --------------------------------------------------------------------


def test_hiding_a_comment_needs_a_reason_is_recorded_and_never_deletes(
    client, open_draft, commenter, editor
):
    comment = _post(open_draft, commenter, body="Off-topic advertising.")
    client.force_login(editor)
    url = reverse("consultations:comment-hide", args=[open_draft.consultation.slug, comment.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Give the reason; it is recorded." in refused.content.decode()

    assert client.post(url, {"reason": "Advertising."}).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert (comment.hidden_by, comment.hidden_reason) == (editor, "Advertising.")
    assert paragraph(open_draft, 3).comment_count == 0
    event = ConsultationEvent.objects.get(action="comment_hidden")
    assert (event.actor, event.subject_user, event.reason) == (editor, commenter, "Advertising.")

    paragraph_url = reverse(
        "consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3]
    )
    assert "Advertising." in client.get(paragraph_url).content.decode()  # moderators see why
    client.logout()
    assert "Off-topic advertising." not in client.get(paragraph_url).content.decode()

    services.unhide_comment(comment=comment, actor=editor, reason="Mistake.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert paragraph(open_draft, 3).comment_count == 1
    assert ConsultationEvent.objects.filter(action="comment_restored", reason="Mistake.").exists()


def test_only_moderators_may_hide(client, open_draft, commenter, second_commenter):
    comment = _post(open_draft, commenter)
    client.force_login(second_commenter)
    url = reverse("consultations:comment-hide", args=[open_draft.consultation.slug, comment.pk])
    assert client.post(url, {"reason": "I dislike it"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_flagging_is_recorded_once_per_person_and_hiding_resolves_flags(
    client, open_draft, commenter, second_commenter, editor
):
    comment = _post(open_draft, commenter)
    client.force_login(second_commenter)
    url = reverse("consultations:comment-flag", args=[open_draft.consultation.slug, comment.pk])
    assert client.post(url, {"reason": "Personal attack."}).status_code == 302
    again = client.post(url, {"reason": "Still bad."})
    assert again.status_code == 400
    assert "already flagged" in again.content.decode()
    assert CommentFlag.objects.count() == 1
    assert ConsultationEvent.objects.filter(action="comment_flagged", reason="Personal attack.")

    client.force_login(editor)
    page = client.get(
        reverse("consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3])
    )
    assert "1 open flag" in page.content.decode()
    services.hide_comment(comment=comment, actor=editor, reason="Attack.")
    flag = CommentFlag.objects.get()
    assert flag.resolved_by == editor and flag.resolved_at is not None


def test_you_cannot_flag_your_own_comment(open_draft, commenter):
    comment = _post(open_draft, commenter)
    with pytest.raises(DomainError):
        services.flag_comment(comment=comment, actor=commenter, reason="Oops")


# ---- The window closing soon (R-TL-2) --------------------------------------------------------


def test_editors_and_followers_are_reminded_once_that_the_window_closes_soon(
    dated_draft, editor, second_commenter, outsider
):
    from timelines.services import collect_due_reminders

    Follow.objects.create(user=second_commenter, workstream=dated_draft.consultation.workstream)
    with time_machine.travel(CLOSES - dt.timedelta(days=3), tick=False):
        collect_due_reminders()
    assert not Notification.objects.filter(kind="consultation_window_closing").exists()
    with time_machine.travel(CLOSES - dt.timedelta(days=1), tick=False):
        collect_due_reminders()
        collect_due_reminders()
    notes = Notification.objects.filter(kind="consultation_window_closing")
    assert sorted(n.recipient_id for n in notes) == sorted([editor.pk, second_commenter.pk])
    assert notes[0].context["closes_at_utc"] == "30 Sep 2030, 17:00 UTC"
    with time_machine.travel(CLOSES, tick=False):
        collect_due_reminders()
    assert notes.count() == 2


def test_a_hidden_comment_with_replies_stays_as_a_placeholder(
    client, open_draft, commenter, second_commenter, editor
):
    first = _post(open_draft, commenter, body="Rude words here.")
    services.post_comment(
        paragraph=first.paragraph, actor=second_commenter, body="A calm reply.", parent=first
    )
    services.hide_comment(comment=first, actor=editor, reason="Rude.")
    url = reverse("consultations:paragraph-comments", args=[open_draft.consultation.slug, 1, 3])
    html = client.get(url).content.decode()
    assert "A comment hidden by a moderator." in html
    assert "Rude words here." not in html
    assert "A calm reply." in html


def test_R_CON_2_a_commenter_who_chose_not_to_be_named_is_not_named_on_the_page(
    client, open_draft, commenter
):
    """The choice "name me" is kept on the website too, not only in the output."""
    paragraph = open_draft.paragraphs.get(number=2)
    services.post_comment(paragraph=paragraph, actor=commenter, body="Unnamed view.")
    url = reverse("consultations:draft", args=[open_draft.consultation.slug, open_draft.version])
    page = client.get(url).content.decode()
    assert "Unnamed view." in page
    assert commenter.public_name not in page
    assert "A participant who chose not to be named" in page
    client.force_login(commenter)
    assert commenter.public_name in client.get(url).content.decode()  # they see their own
