"""The notification centre, notification settings, unsubscribe, and the emails (R-TL-2)."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from timelines import services
from timelines.models import (
    CalendarToken,
    Category,
    EmailMode,
    Follow,
    Notification,
    NotificationPreference,
)

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def notifications_for(user, count, action="Draft the output report", start=0):
    """Notifications as the reminder job records them, straight into the outbox."""
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind="action_item_deadline",
                category=Category.DEADLINES,
                subject=f"actionitem:{start + n}",
                occasion="before-7:2026-11-30",
                url=f"/workstreams/bpf-cybersecurity/actions/#item-{start + n}",
                context={
                    "action": f"{action} {start + n}",
                    "deadline": "2026-11-30",
                    "days_left": 7,
                    "occasion": "before-7",
                    "workstream": "BPF on Cybersecurity",
                },
                email_mode=EmailMode.IMMEDIATE,
                email_status=Notification.EmailStatus.SENT,
            )
            for n in range(count)
        ]
    )


def email_mode(user, category):
    return services.email_modes([user.pk], category)[user.pk]


# ---- The notification centre ------------------------------------------------------------------


def test_the_notification_centre_lists_only_the_recipients_own_notifications(
    client, bpf_a_member, outsider
):
    notifications_for(bpf_a_member, 2, action="Mine")
    notifications_for(outsider, 2, action="Theirs", start=100)
    client.force_login(bpf_a_member)
    response = client.get(reverse("timelines:notifications"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Due in 7 days: Mine 0 (BPF on Cybersecurity)" in page
    assert "Mine 1" in page
    assert "Theirs" not in page


def test_the_notification_centre_shows_the_newest_first_and_paginates(client, bpf_a_member):
    rows = notifications_for(bpf_a_member, 30)
    client.force_login(bpf_a_member)
    page = client.get(reverse("timelines:notifications")).content.decode()
    newest = reverse("timelines:notification-open", args=[rows[-1].pk])
    oldest = reverse("timelines:notification-open", args=[rows[0].pk])
    assert newest in page
    assert oldest not in page
    assert "Page 1 of 2" in page
    second = client.get(reverse("timelines:notifications") + "?page=2").content.decode()
    assert oldest in second


def test_the_notification_centre_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("timelines:notifications"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_empty_notification_centre_says_so(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("timelines:notifications")).content.decode()
    assert "You have no notifications yet" in page
    assert "Mark all as read" not in page


def test_unread_notifications_are_marked_in_words_not_by_colour_alone(client, bpf_a_member):
    read, unread = notifications_for(bpf_a_member, 2)
    Notification.objects.filter(pk=read.pk).update(read_at=NOW)
    client.force_login(bpf_a_member)
    page = client.get(reverse("timelines:notifications")).content.decode()
    assert page.count('<span class="badge">Unread</span>') == 1


def test_opening_another_persons_notification_is_not_found_and_leaves_it_unread(
    client, bpf_a_member, outsider
):
    (theirs,) = notifications_for(outsider, 1)
    client.force_login(bpf_a_member)
    response = client.get(reverse("timelines:notification-open", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_header_shows_the_unread_count_to_signed_in_people(client, bpf_a_member, outsider):
    notifications_for(bpf_a_member, 3)
    notifications_for(outsider, 5, start=100)
    client.force_login(bpf_a_member)
    page = client.get(reverse("workstreams:list")).content.decode()
    assert re.search(r'Notifications \(3<span class="visually-hidden"> unread</span>\)', page)
    assert reverse("timelines:preferences") in page


def test_the_header_has_no_notifications_link_for_anonymous_visitors(client, db):
    page = client.get(reverse("workstreams:list")).content.decode()
    assert reverse("timelines:notifications") not in page


def test_the_unread_count_costs_nothing_on_a_page_that_does_not_show_it(rf, bpf_a_member):
    from timelines.context_processors import notifications

    notifications_for(bpf_a_member, 2)
    request = rf.get("/")
    request.user = bpf_a_member
    with CaptureQueriesContext(connection) as queries:
        context = notifications(request)
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert str(context["unread_notifications"]) == "2"
        assert context["unread_notifications"]
    assert len(queries) == 1


def test_opening_a_notification_marks_it_read_and_goes_to_the_item(client, bpf_a_member):
    first, second = notifications_for(bpf_a_member, 2)
    client.force_login(bpf_a_member)
    response = client.get(reverse("timelines:notification-open", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"] == first.url
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    page = client.get(reverse("timelines:notifications")).content.decode()
    assert "Notifications (1<span" in page


def test_mark_all_as_read_marks_only_the_persons_own(client, bpf_a_member, outsider):
    notifications_for(bpf_a_member, 3)
    notifications_for(outsider, 2, start=100)
    client.force_login(bpf_a_member)
    url = reverse("timelines:notifications-read-all")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=bpf_a_member, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=outsider, read_at__isnull=True).count() == 2
    page = client.get(reverse("timelines:notifications")).content.decode()
    assert "All your notifications are marked as read." in page
    assert "Notifications (" not in page


def test_the_notification_centre_costs_the_same_queries_for_5_or_100_notifications(
    client, bpf_a_member, django_assert_max_num_queries
):
    client.force_login(bpf_a_member)
    notifications_for(bpf_a_member, 5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("timelines:notifications")).status_code == 200
    notifications_for(bpf_a_member, 95, start=5)
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("timelines:notifications")).status_code == 200


# ---- Notification settings --------------------------------------------------------------------


def test_the_settings_page_offers_three_choices_per_category(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("timelines:preferences")).content.decode()
    for category in Category:
        assert f"<legend>{category.label}</legend>" in page
        for mode in EmailMode:
            assert f'name="{category.value}" id="mode-{category.value}-{mode.value}"' in page
    # The defaults are checked: deadlines immediately, milestones in the digest.
    assert re.search(r'id="mode-deadlines-immediate" value="immediate" checked', page)
    assert re.search(r'id="mode-milestones-digest" value="digest" checked', page)


def test_changing_a_category_to_digest_or_off_is_stored(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("timelines:preferences"), {"deadlines": "digest", "news": "off"})
    assert response.status_code == 302
    assert email_mode(outsider, Category.DEADLINES) == EmailMode.DIGEST
    assert email_mode(outsider, Category.NEWS) == EmailMode.OFF
    # A category left out of the form keeps its default.
    assert email_mode(outsider, Category.MILESTONES) == EmailMode.DIGEST
    page = client.get(reverse("timelines:preferences")).content.decode()
    assert "Your notification settings have been saved." in page
    assert re.search(r'id="mode-deadlines-digest" value="digest" checked', page)


def test_an_invalid_choice_gets_a_message_and_saves_nothing(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("timelines:preferences"), {"deadlines": "off", "news": "hourly"})
    assert response.status_code == 400
    assert "Choose immediately, daily digest or off for: News from workstreams you follow" in (
        response.content.decode()
    )
    assert not NotificationPreference.objects.filter(user=outsider).exists()


def test_the_settings_page_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("timelines:preferences"))
    assert response.status_code == 302
    assert client.post(reverse("timelines:calendar-rotate")).status_code == 302
    assert not CalendarToken.objects.exists()


def test_the_settings_page_shows_the_private_calendar_address_in_full(client, outsider):
    client.force_login(outsider)
    page = client.get(reverse("timelines:preferences")).content.decode()
    token = CalendarToken.objects.active().get(user=outsider)
    address = settings.SITE_URL + reverse("timelines:personal-calendar", args=[token.token])
    assert f'value="{address}"' in page
    assert "Create a new address (the old one stops working)" in page


def test_creating_a_new_calendar_address_revokes_the_old_one(client, outsider):
    client.force_login(outsider)
    old = services.calendar_token_for(outsider)
    assert client.get(reverse("timelines:calendar-rotate")).status_code == 405
    response = client.post(reverse("timelines:calendar-rotate"))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    new = CalendarToken.objects.active().get(user=outsider)
    page = client.get(reverse("timelines:preferences")).content.decode()
    assert new.token in page
    assert old.token not in page


def test_the_settings_page_lists_followed_workstreams_with_an_unfollow_button(
    client, outsider, bpf_a, bpf_b
):
    Follow.objects.create(user=outsider, workstream=bpf_a)
    client.force_login(outsider)
    page = client.get(reverse("timelines:preferences")).content.decode()
    assert "BPF on Cybersecurity" in page
    assert "BPF on Gender and Access" not in page
    assert f'action="{reverse("workstreams:unfollow", args=[bpf_a.slug])}"' in page


# ---- Unsubscribe (RFC 8058) -------------------------------------------------------------------


def unsubscribe_path(user, category=Category.DEADLINES):
    return reverse("timelines:unsubscribe", args=[services.unsubscribe_token(user.pk, category)])


def test_the_unsubscribe_link_asks_to_confirm_and_a_get_changes_nothing(client, outsider):
    response = client.get(unsubscribe_path(outsider))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stop emails about “Deadlines you are responsible for”?" in page
    assert '<meta name="robots" content="noindex">' in page
    assert email_mode(outsider, Category.DEADLINES) == EmailMode.IMMEDIATE
    assert not NotificationPreference.objects.exists()


def test_confirming_on_the_unsubscribe_page_turns_the_category_off(outsider):
    client = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(outsider, Category.MILESTONES)
    page = client.get(path).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(path, {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 200
    assert "You will no longer receive emails about: Milestones" in response.content.decode()
    assert email_mode(outsider, Category.MILESTONES) == EmailMode.OFF
    assert email_mode(outsider, Category.DEADLINES) == EmailMode.IMMEDIATE


def test_one_click_unsubscribe_from_a_mail_client_works_without_a_csrf_token(outsider):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie or token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_path(outsider), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert email_mode(outsider, Category.DEADLINES) == EmailMode.OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_or_malformed_unsubscribe_token_is_not_found(client, outsider, method):
    token = services.unsubscribe_token(outsider.pk, Category.DEADLINES)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "not-a-token", "x" * 300, ":"):
        path = reverse("timelines:unsubscribe", args=[bad])
        response = getattr(client, method)(path, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 404, bad
    assert not NotificationPreference.objects.exists()


def test_an_unsubscribe_token_of_a_closed_account_is_not_found(client, outsider):
    path = unsubscribe_path(outsider)
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    assert client.get(path).status_code == 404


# ---- Emails (R-TL-2) --------------------------------------------------------------------------


@pytest.fixture
def due_in_a_week(frozen, bpf_a, bpf_a_coordinator):
    return services.create_action_item(
        workstream=bpf_a,
        action="Circulate the draft output report",
        deadline=TODAY + dt.timedelta(days=7),
        actor=bpf_a_coordinator,
        users=[bpf_a_coordinator],
    )


def run_job():
    recorded = services.collect_due_reminders()
    sent, failed = services.deliver_pending()
    return recorded, sent, failed


def test_R_TL_2_the_actor_gets_one_email_with_text_html_a_link_and_one_click_unsubscribe(
    due_in_a_week, bpf_a_coordinator
):
    assert run_job() == (1, 1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [bpf_a_coordinator.email]
    assert "Due in 7 days: Circulate the draft output report (BPF on Cybersecurity)" in (
        message.subject
    )
    link = f"/actions/#item-{due_in_a_week.pk}"
    assert link in message.body
    assert "due on 30 Nov 2026, in 7 days" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert link in html
    assert "Circulate the draft output report" in html
    unsubscribe = services.unsubscribe_url(bpf_a_coordinator.pk, Category.DEADLINES)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert unsubscribe in html
    assert settings.SITE_URL + reverse("timelines:preferences") in message.body


def test_R_TL_2_running_the_reminder_job_again_sends_nothing_new(due_in_a_week):
    run_job()
    assert run_job() == (0, 0, 0)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_R_TL_2_the_overdue_notice_says_so(frozen, due_in_a_week, bpf_a_coordinator):
    run_job()
    frozen.move_to(NOW + dt.timedelta(days=8))
    assert run_job() == (1, 1, 0)
    overdue = mail.outbox[-1]
    assert overdue.subject.endswith(
        "Overdue: Circulate the draft output report (BPF on Cybersecurity)"
    )
    assert "is overdue: its deadline was 30 Nov 2026" in overdue.body


def test_R_TL_2_an_actor_who_chose_the_digest_gets_one_digest_email(
    due_in_a_week, bpf_a_coordinator
):
    services.set_email_mode(user=bpf_a_coordinator, category=Category.DEADLINES, mode="digest")
    assert run_job() == (1, 0, 0)
    assert mail.outbox == []
    assert services.send_digests() == 1
    assert services.send_digests() == 0
    (digest,) = mail.outbox
    assert digest.to == [bpf_a_coordinator.email]
    assert "Your daily digest" in digest.subject
    assert f"/actions/#item-{due_in_a_week.pk}" in digest.body
    assert "Deadlines you are responsible for" in digest.body
    ((html, _mimetype),) = digest.alternatives
    assert f"/actions/#item-{due_in_a_week.pk}" in html
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_from_a_digest_turns_off_every_category_sent_as_digest(
    due_in_a_week, bpf_a_coordinator
):
    services.set_email_mode(user=bpf_a_coordinator, category=Category.DEADLINES, mode="digest")
    services.set_email_mode(user=bpf_a_coordinator, category=Category.DUTIES, mode="immediate")
    run_job()
    services.send_digests()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix(settings.SITE_URL)
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(path).content.decode()
    assert "the daily digest" in page
    assert (
        services.email_modes([bpf_a_coordinator.pk], Category.DEADLINES)[bpf_a_coordinator.pk]
        == "digest"
    )
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    modes = {
        c: services.email_modes([bpf_a_coordinator.pk], c)[bpf_a_coordinator.pk]
        for c in Category.values
    }
    assert modes["deadlines"] == "off"  # was digest
    assert modes["milestones"] == "off" and modes["news"] == "off"  # digest by default
    assert modes["duties"] == "immediate"  # not a digest: untouched


def test_R_TL_2_an_actor_with_email_off_gets_no_email_but_the_notification_in_the_portal(
    client, due_in_a_week, bpf_a_coordinator
):
    services.set_email_mode(user=bpf_a_coordinator, category=Category.DEADLINES, mode="off")
    run_job()
    assert services.send_digests() == 0
    assert mail.outbox == []
    notification = Notification.objects.get(recipient=bpf_a_coordinator)
    assert notification.email_status == Notification.EmailStatus.NOT_WANTED
    client.force_login(bpf_a_coordinator)
    page = client.get(reverse("timelines:notifications")).content.decode()
    assert "Due in 7 days: Circulate the draft output report" in page


def test_a_follower_hears_of_a_new_milestone_by_email(frozen, bpf_a, bpf_a_coordinator, outsider):
    Follow.objects.create(user=outsider, workstream=bpf_a)
    services.set_email_mode(user=outsider, category=Category.NEWS, mode="immediate")
    services.create_milestone(
        workstream=bpf_a,
        title="Comment window",
        start=TODAY + dt.timedelta(days=10),
        end=TODAY + dt.timedelta(days=24),
        actor=bpf_a_coordinator,
    )
    assert services.deliver_pending() == (1, 0)
    (message,) = mail.outbox
    assert message.subject.endswith("New on the timeline of BPF on Cybersecurity: Comment window")
    assert "Comment window, from 3 Dec 2026 to 17 Dec 2026" in message.body
    assert reverse("workstreams:timeline", args=[bpf_a.slug]) in message.body


def test_a_follower_is_reminded_of_an_upcoming_milestone(
    frozen, bpf_a, bpf_a_coordinator, outsider
):
    Follow.objects.create(user=outsider, workstream=bpf_a)
    services.set_email_mode(user=outsider, category=Category.NEWS, mode="off")
    services.set_email_mode(user=outsider, category=Category.MILESTONES, mode="immediate")
    services.create_milestone(
        workstream=bpf_a,
        title="Open consultation",
        start=TODAY + dt.timedelta(days=1),
        actor=bpf_a_coordinator,
    )
    run_job()
    (message,) = mail.outbox
    assert message.subject.endswith("Open consultation (BPF on Cybersecurity)")
    assert "on 24 Nov 2026, in 1 day: Open consultation" in message.body
    ((html, _mimetype),) = message.alternatives
    assert "in 1 day: Open consultation" in html


def test_an_email_escapes_what_people_typed_in_html_and_keeps_it_as_is_in_text(
    frozen, bpf_a, bpf_a_coordinator
):
    item = services.create_action_item(
        workstream=bpf_a,
        action="Compare <b>R&D</b> budgets",
        deadline=TODAY + dt.timedelta(days=1),
        actor=bpf_a_coordinator,
        users=[bpf_a_coordinator],
    )
    run_job()
    (message,) = mail.outbox
    ((html, _mimetype),) = message.alternatives
    assert "Compare <b>R&D</b> budgets" in message.body
    assert "Compare &lt;b&gt;R&amp;D&lt;/b&gt; budgets" in html
    assert "<b>R&D</b>" not in html
    assert f"#item-{item.pk}" in html


def test_many_reminders_go_out_as_one_email_each(frozen, bpf_a, bpf_a_coordinator):
    people = [UserFactory() for _ in range(3)]
    services.create_action_item(
        workstream=bpf_a,
        action="Send the survey",
        deadline=TODAY + dt.timedelta(days=7),
        actor=bpf_a_coordinator,
        users=people,
    )
    assert run_job() == (3, 3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
