"""iCalendar feeds: a private feed of a person's deadlines, a public one of a timeline."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tests.factories import UserFactory
from timelines import feeds, services
from timelines.models import CalendarToken, Milestone

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def days(n):
    return TODAY + dt.timedelta(days=n)


def item(workstream, manager, action, deadline, users=(), roles=()):
    return services.create_action_item(
        workstream=workstream,
        action=action,
        deadline=deadline,
        actor=manager,
        users=users,
        roles=roles,
        allow_past=True,
    )


def feed_path(user):
    return reverse("timelines:personal-calendar", args=[services.calendar_token_for(user).token])


def events(content):
    return list(Calendar.from_ical(content).walk("VEVENT"))


# ---- The personal feed ------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["not-a-token", "x" * 200, "..", "%00"])
def test_a_malformed_calendar_token_is_not_found(client, db, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_revoked_calendar_token_is_not_found(client, outsider):
    path = feed_path(outsider)
    services.rotate_calendar_token(user=outsider)
    assert client.get(path).status_code == 404


def test_the_token_of_a_closed_account_is_not_found(client, outsider):
    path = feed_path(outsider)
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])
    assert client.get(path).status_code == 404


def test_the_personal_feed_lists_the_persons_deadlines_as_all_day_events(
    client, bpf_a, bpf_a_coordinator, outsider
):
    mine = item(bpf_a, bpf_a_coordinator, "Send the survey", days(7), users=[outsider])
    response = client.get(feed_path(outsider))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "DTSTART;VALUE=DATE:20261130\r\n" in text
    assert "DTEND;VALUE=DATE:20261201\r\n" in text
    assert f"UID:actionitem-{mine.pk}@igfportal\r\n" in text
    assert "SUMMARY:Send the survey (BPF on Cybersecurity)\r\n" in text
    (event,) = events(response.content)
    assert str(event["URL"]) == (
        settings.SITE_URL
        + reverse("workstreams:action-items", args=[bpf_a.slug])
        + f"#item-{mine.pk}"
    )


def test_the_personal_feed_is_valid_icalendar(client, bpf_a, bpf_a_coordinator, outsider):
    item(bpf_a, bpf_a_coordinator, "Send the survey", days(7), users=[outsider])
    item(bpf_a, bpf_a_coordinator, "Report to the MAG", days(-3), users=[outsider])
    content = client.get(feed_path(outsider)).content
    calendar = Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == feeds.PRODID
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "X-WR-CALNAME" in calendar
    found = events(content)
    assert len(found) == 2
    for event in found:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert name in event, name
        # DTSTAMP is in UTC; the deadline is a day, not a moment.
        assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
        assert type(event.decoded("DTSTART")) is dt.date
    assert b"DTSTAMP:20261123T090000Z" in content


def test_the_personal_feed_includes_items_for_a_role_the_person_holds(
    client, bpf_a, bpf_a_coordinator, secretariat
):
    via_role = item(bpf_a, secretariat, "Prepare the agenda", days(3), roles=["coordinator"])
    text = client.get(feed_path(bpf_a_coordinator)).content.decode()
    assert f"UID:actionitem-{via_role.pk}@igfportal" in text


def test_the_personal_feed_never_shows_what_the_person_is_not_an_actor_of(
    client, bpf_a, bpf_b, bpf_a_coordinator, bpf_a_member, bpf_b_coordinator, secretariat
):
    """Tenancy: a role in one workstream never brings in the items of another."""
    mine = item(bpf_a, secretariat, "Mine", days(3), users=[bpf_a_coordinator])
    item(bpf_a, secretariat, "Someone else's", days(3), users=[bpf_a_member])
    item(bpf_a, secretariat, "The members'", days(3), roles=["member"])
    item(bpf_b, secretariat, "The other coordinators'", days(3), roles=["coordinator"])
    item(bpf_b, secretariat, "Theirs", days(3), users=[bpf_b_coordinator])
    done = item(bpf_a, secretariat, "Finished", days(3), users=[bpf_a_coordinator])
    services.complete_action_item(item=done, actor=bpf_a_coordinator)
    item(bpf_a, secretariat, "No date yet", None, users=[bpf_a_coordinator])
    found = events(client.get(feed_path(bpf_a_coordinator)).content)
    assert [str(event["UID"]) for event in found] == [f"actionitem-{mine.pk}@igfportal"]


def test_a_new_calendar_address_kills_the_old_one(client, outsider):
    old_path = feed_path(outsider)
    assert client.get(old_path).status_code == 200
    client.force_login(outsider)
    client.post(reverse("timelines:calendar-rotate"))
    client.logout()
    assert client.get(old_path).status_code == 404
    new = CalendarToken.objects.active().get(user=outsider)
    assert client.get(reverse("timelines:personal-calendar", args=[new.token])).status_code == 200


def test_the_personal_feed_costs_the_same_queries_for_3_or_50_items(
    client, bpf_a, bpf_a_coordinator, secretariat, django_assert_max_num_queries
):
    path = feed_path(bpf_a_coordinator)
    for n in range(3):
        item(bpf_a, secretariat, f"Item {n}", days(n), users=[bpf_a_coordinator])
    with CaptureQueriesContext(connection) as few:
        assert len(events(client.get(path).content)) == 3
    for n in range(3, 50):
        roles = ["coordinator"] if n % 2 else []
        users = [] if n % 2 else [bpf_a_coordinator]
        item(bpf_a, secretariat, f"Item {n}", days(n % 20), users=users, roles=roles)
    with django_assert_max_num_queries(len(few)):
        assert len(events(client.get(path).content)) == 50


# ---- The public workstream feed ---------------------------------------------------------------


def test_R_TL_1_the_workstream_feed_shows_milestones_as_all_day_events_and_periods(
    bpf_a, bpf_a_coordinator
):
    window = services.create_milestone(
        workstream=bpf_a,
        title="Public comment window",
        start=dt.date(2026, 12, 1),
        end=dt.date(2026, 12, 14),
        actor=bpf_a_coordinator,
    )
    day = services.create_milestone(
        workstream=bpf_a,
        title="Final output",
        start=dt.date(2026, 12, 20),
        actor=bpf_a_coordinator,
        is_deadline=True,
    )
    content = feeds.workstream_calendar(bpf_a, Milestone.objects.current().filter(workstream=bpf_a))
    text = content.decode()
    assert "X-WR-CALNAME:BPF on Cybersecurity · timeline\r\n" in text
    by_uid = {str(event["UID"]): event for event in events(content)}
    period = by_uid[f"milestone-{window.pk}@igfportal"]
    assert period.decoded("DTSTART") == dt.date(2026, 12, 1)
    # DTEND is exclusive: the day after the last day of the period.
    assert period.decoded("DTEND") == dt.date(2026, 12, 15)
    single = by_uid[f"milestone-{day.pk}@igfportal"]
    assert single.decoded("DTSTART") == dt.date(2026, 12, 20)
    assert single.decoded("DTEND") == dt.date(2026, 12, 21)
    assert str(single["SUMMARY"]) == "Deadline: Final output"
    assert "DTSTART;VALUE=DATE:20261201\r\n" in text
    assert str(period["URL"]) == settings.SITE_URL + reverse(
        "workstreams:timeline", args=[bpf_a.slug]
    )


def test_the_workstream_feed_is_empty_but_valid_without_milestones(bpf_a):
    calendar = Calendar.from_ical(feeds.workstream_calendar(bpf_a, []))
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.walk("VEVENT") == []


def test_a_timed_event_is_written_in_utc():
    zone = dt.timezone(dt.timedelta(hours=2))
    event = feeds._event(
        "meeting-1",
        "MAG meeting",
        dt.datetime(2026, 12, 1, 15, 0, tzinfo=zone),
        dt.datetime(2026, 12, 1, 17, 0, tzinfo=zone),
    )
    text = event.to_ical().decode()
    assert "DTSTART:20261201T130000Z\r\n" in text
    assert "DTEND:20261201T150000Z\r\n" in text


def test_someone_with_no_deadlines_gets_an_empty_feed(client, db):
    person = UserFactory()
    response = client.get(feed_path(person))
    assert response.status_code == 200
    assert events(response.content) == []
