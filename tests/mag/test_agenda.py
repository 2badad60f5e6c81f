"""Structured agendas (R-MAG-5): the seed 003 text format, the editor, the published page."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.exceptions import DomainError
from demo.meetings import SEED_003_AGENDA
from mag import meetings
from mag.agenda_import import parse_agenda, split_sub_items
from mag.models import AgendaItem, MagEvent, Meeting

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


@pytest.fixture
def june_2017(secretariat):
    """The June 2017 Open Consultations and MAG meeting of seed 003, agenda imported."""
    meeting = meetings.create_meeting(
        actor=secretariat,
        kind=Meeting.Kind.MAG,
        title="2nd Open Consultations and MAG Meeting",
        starts_at=dt.datetime(2017, 6, 12, 10, 0, tzinfo=GENEVA),
        ends_at=dt.datetime(2017, 6, 14, 18, 0, tzinfo=GENEVA),
        time_zone="Europe/Zurich",
        location="Geneva, ITU Montbrillant Building",
        remote_url="https://meet.example.org/june-2017",
    )
    meetings.import_agenda(actor=secretariat, meeting=meeting, text=SEED_003_AGENDA)
    meetings.publish_agenda(actor=secretariat, meeting=meeting)
    return meeting


def page_text(response):
    html = re.sub(r"<select.*?</select>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


# ---- The text format of seed 003 -------------------------------------------------------------


def test_R_MAG_5_seed_003_parses_into_three_days_of_numbered_items_and_breaks():
    agenda = parse_agenda(SEED_003_AGENDA)
    assert [(day.date, day.title) for day in agenda.days] == [
        (dt.date(2017, 6, 12), "Open Consultations"),
        (dt.date(2017, 6, 13), "MAG Meeting (open to observers)"),
        (dt.date(2017, 6, 14), "MAG Meeting (open to observers)"),
    ]
    first = agenda.days[0].items
    # "Welcome from MAG Chair" is item 1 though the seed leaves it unnumbered.
    assert [(i.number, i.title[:22]) for i in first[:3]] == [
        (1, "Welcome from MAG Chair"),
        (2, "Welcome from Secretary"),
        (3, "Adoption of the agenda"),
    ]
    # The wrapped line belongs to item 2, not a new item.
    assert first[1].title.endswith("Telecommunication Union (ITU)")
    assert first[0].starts == dt.time(10, 0) and first[1].starts is None
    lunch = next(i for i in first if i.title == "Lunch")
    assert lunch.is_break and lunch.number is None and lunch.starts == dt.time(13, 0)
    day_two = agenda.days[1].items
    assert day_two[1].continued is True
    # "processb)" in the seed: glued letters are still split off.
    assert day_two[1].sub_items == ["Review final workshop selection process", "Workshop selection"]
    assert len(agenda.days[2].items[1].sub_items) == 4


def test_lettered_sub_items_are_split_in_order_and_brackets_in_titles_are_kept():
    assert split_sub_items(
        "Briefing a) Workshop proposals b) Main Sessions (Overview from MAG WG)"
    ) == ("Briefing", ["Workshop proposals", "Main Sessions (Overview from MAG WG)"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10:00 - 11:00\tWelcome", "No day found"),
        ("Day 1: 31 June 2017 - X\n10:00 - 11:00\tWelcome", "Line 1"),
        ("Day 1: 12 June 2017 - X\n25:00 - 26:00\tWelcome", "Line 2"),
        ("Day 1: 12 June 2017 - X\n11:00 - 10:00\tWelcome", "ends before it starts"),
        ("Day 1: 12 June 2017 - X\n\t2. Floating item", "needs a time slot"),
        ("Day 1: 12 June 2017\x00", "NUL"),
        ("x" * 50_001, "too long"),
    ],
)
def test_unreadable_agenda_text_is_refused_naming_the_problem(text, message):
    with pytest.raises(DomainError) as refused:
        parse_agenda(text)
    assert message in refused.value.messages[0]


# ---- The published page ------------------------------------------------------------------------


def test_R_MAG_5_the_agenda_page_reads_like_seed_003(client, june_2017):
    response = client.get(reverse("mag:meeting", args=[june_2017.slug]))
    assert response.status_code == 200
    text = page_text(response)
    assert "Day 1: 12 Jun 2017 - Open Consultations" in text
    assert "Day 2: 13 Jun 2017 - MAG Meeting (open to observers)" in text
    assert "Times are in Geneva time (Europe/Zurich)." in text
    assert "10:00 - 10:50 1. Welcome from MAG Chair 2. Welcome from Secretary-General" in text
    assert "6. Briefing on state of preparations from IGF Secretariat and Host Country" in text
    assert "a) Workshop proposals b) Main/Thematic Sessions" in text
    assert "10:30 - 13:00 (continued below) 2. Overview of workshop proposal evaluations" in text
    assert "13:00 - 15:00 Lunch (break)" in text
    assert "Join remotely" in text
    html = response.content.decode()
    assert '<th scope="col">Time</th>' in html and '<th scope="col">Agenda item</th>' in html
    assert 'class="agenda-break"' in html
    assert "<caption" in html


def test_R_MAG_5_a_reader_sees_each_slot_in_their_own_time_zone(client, june_2017, outsider):
    outsider.profile.time_zone = "Asia/Tokyo"
    outsider.profile.save()
    client.force_login(outsider)
    response = client.get(reverse("mag:meeting", args=[june_2017.slug]))
    text = page_text(response)
    assert "Your time (Asia/Tokyo) is shown under each time." in text
    # 10:00 in Geneva (CEST, UTC+2) is 17:00 in Tokyo: in the Time cell, not a column of its
    # own that squeezes the items at 360px.
    assert "10:00 - 10:50 your time 17:00 - 17:50 1. Welcome from MAG Chair" in text
    # 17:15-18:00 in Geneva crosses midnight in Tokyo.
    assert "17:15 - 18:00 your time 00:15 (13 Jun 2017) - 01:00 13." in text
    assert '<th scope="col">Your time' not in response.content.decode()
    # "When" is in the meeting's own zone, then in the reader's.
    assert "12 Jun 2017, 10:00 CEST – 14 Jun 2017, 18:00 CEST (Geneva time, Europe/Zurich)" in text
    assert "In your time zone (Asia/Tokyo): 12 Jun 2017, 17:00 JST – 15 Jun 2017, 01:00 JST" in text


def test_R_MAG_5_an_anonymous_reader_sees_when_in_the_meetings_own_zone(client, june_2017):
    text = page_text(client.get(reverse("mag:meeting", args=[june_2017.slug])))
    assert (
        "When 12 Jun 2017, 10:00 CEST – 14 Jun 2017, 18:00 CEST (Geneva time, Europe/Zurich)"
        in text
    )
    assert "08:00 UTC" not in text and "In your time zone" not in text


def test_the_time_zone_list_offers_real_zones_only_and_refuses_others(client, june_2017):
    url = reverse("mag:meeting", args=[june_2017.slug])
    html = client.get(url).content.decode()
    options = re.findall(r'<option value="([^"]+)"', html)
    assert "Asia/Tokyo" in options and "UTC" in options and "America/New_York" in options
    for junk in ("Factory", "localtime", "US/Eastern", "Etc/GMT+3", "SystemV/EST5", "EST"):
        assert junk not in options
    response = client.get(url, {"tz": "Factory"})
    assert response.status_code == 200
    text = page_text(response)
    assert "“Factory” is not a time zone the portal offers" in text
    assert "your time" not in text


def test_a_reader_can_ask_for_another_time_zone_without_signing_in(client, june_2017):
    url = reverse("mag:meeting", args=[june_2017.slug])
    text = page_text(client.get(url, {"tz": "America/New_York"}))
    assert "10:00 - 10:50 your time 04:00 - 04:50 1. Welcome" in text
    # An unknown zone is ignored, not an error.
    response = client.get(url, {"tz": "Mars/Olympus\x00" + "x" * 300})
    assert response.status_code == 200
    assert "your time" not in page_text(response)


def test_R_MAG_5_a_draft_agenda_is_hidden_from_the_public_until_published(
    client, secretariat, june_2017
):
    meetings.publish_agenda(actor=secretariat, meeting=june_2017, published=False)
    text = page_text(client.get(reverse("mag:meeting", args=[june_2017.slug])))
    assert "The agenda is not published yet." in text
    assert "Welcome from MAG Chair" not in text
    client.force_login(secretariat)
    text = page_text(client.get(reverse("mag:meeting", args=[june_2017.slug])))
    assert "Draft: not published" in text and "Welcome from MAG Chair" in text


def test_publishing_an_empty_agenda_is_refused_naming_R_MAG_5(secretariat):
    meeting = meetings.create_meeting(
        actor=secretariat,
        kind=Meeting.Kind.MAG,
        title="Empty",
        starts_at=dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC),
    )
    with pytest.raises(DomainError, match="R-MAG-5"):
        meetings.publish_agenda(actor=secretariat, meeting=meeting)


def _meeting_with_items(secretariat, count, slug):
    meeting = meetings.create_meeting(
        actor=secretariat,
        kind=Meeting.Kind.MAG,
        title=f"Sized {count}",
        slug=slug,
        starts_at=dt.datetime(2030, 3, 1, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 3, 2, 18, tzinfo=dt.UTC),
    )
    days = [
        meetings.add_agenda_day(actor=secretariat, meeting=meeting, date=dt.date(2030, 3, d))
        for d in (1, 2)
    ]
    for n in range(count):
        day = days[n % 2]
        item = meetings.add_agenda_item(
            actor=secretariat,
            day=day,
            title=f"Item {n}",
            number=n + 1,
            starts=dt.time(8 + n % 10, 0),
            ends=dt.time(8 + n % 10, 30),
            presenter="Chair",
        )
        if n % 3 == 0:
            meetings.add_agenda_item(actor=secretariat, day=day, parent=item, title="Sub")
    meetings.publish_agenda(actor=secretariat, meeting=meeting)
    return meeting


def test_the_agenda_page_runs_the_same_number_of_queries_at_5_and_50_items(
    client, secretariat, outsider
):
    small = _meeting_with_items(secretariat, 5, "small")
    large = _meeting_with_items(secretariat, 50, "large")
    outsider.profile.time_zone = "Asia/Tokyo"
    outsider.profile.save()
    client.force_login(outsider)
    # Warm up: the first request of a session loads what later ones find cached.
    client.get(reverse("mag:meeting", args=[small.slug]))
    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("mag:meeting", args=[meeting.slug]))
        assert response.status_code == 200
        counts.append(len(captured))
    assert "Item 49" in page_text(response)
    assert counts[0] == counts[1], counts


# ---- The editor ------------------------------------------------------------------------------


@pytest.fixture
def draft(secretariat):
    meeting = meetings.create_meeting(
        actor=secretariat,
        kind=Meeting.Kind.MAG,
        title="Virtual MAG meeting",
        starts_at=dt.datetime(2030, 5, 4, 12, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 5, 4, 15, tzinfo=dt.UTC),
    )
    return meeting


def test_the_secretariat_builds_an_agenda_with_items_sub_items_and_breaks(
    client, secretariat, draft
):
    client.force_login(secretariat)
    url = reverse("mag:agenda-edit", args=[draft.slug])
    response = client.post(
        url, {"action": "add_day", "day-date": "2030-05-04", "day-title": "MAG Meeting"}
    )
    assert response.status_code == 302
    day = draft.days.get()
    post = {
        "action": "add_item",
        "item-day": day.pk,
        "item-starts": "12:00",
        "item-ends": "13:00",
        "item-number": "1",
        "item-title": "Opening Statements",
        "item-presenter": "MAG Chair",
    }
    assert client.post(url, post).status_code == 302
    opening = AgendaItem.objects.get(title="Opening Statements")
    sub = {"action": "add_item", "item-day": day.pk, "item-parent": opening.pk}
    sub["item-title"] = "Introduction from the Chair"
    assert client.post(url, sub).status_code == 302
    lunch = {"action": "add_item", "item-day": day.pk, "item-starts": "13:00"}
    lunch.update({"item-ends": "14:00", "item-title": "Lunch", "item-is_break": "on"})
    assert client.post(url, lunch).status_code == 302
    client.post(url, {"action": "publish"})
    text = page_text(client.get(reverse("mag:meeting", args=[draft.slug])))
    assert "12:00 - 13:00 1. Opening Statements — presented by MAG Chair" in text
    assert "a) Introduction from the Chair" in text
    assert "13:00 - 14:00 Lunch (break)" in text
    actions = set(MagEvent.objects.filter(meeting=draft).values_list("action", flat=True))
    assert {"agenda_day_added", "agenda_item_added", "agenda_published"} <= actions


def test_an_agenda_form_with_bad_input_says_what_is_wrong_and_keeps_the_text(
    client, secretariat, draft
):
    day = meetings.add_agenda_day(actor=secretariat, meeting=draft, date=dt.date(2030, 5, 4))
    client.force_login(secretariat)
    url = reverse("mag:agenda-edit", args=[draft.slug])
    response = client.post(
        url,
        {
            "action": "add_item",
            "item-day": day.pk,
            "item-starts": "14:00",
            "item-ends": "13:00",
            "item-title": "Typed by hand\x00",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "A time slot ends after it starts." in text or "Null characters" in text
    assert "Typed by hand" in text
    response = client.post(url, {"action": "add_day", "day-date": "2030-02-31"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    response = client.post(url, {"action": "add_day", "day-date": "2031-01-01"})
    assert response.status_code == 400
    assert "The day must fall within the meeting" in response.content.decode()
    response = client.post(url, {"action": "import", "import-text": "Day 1: 4 May 2030\n\t2. X"})
    assert response.status_code == 400
    assert "Line 2: an agenda item needs a time slot" in response.content.decode()
    assert "Day 1: 4 May 2030" in response.content.decode()


def test_removing_an_agenda_item_is_recorded_with_its_text(client, secretariat, draft):
    day = meetings.add_agenda_day(actor=secretariat, meeting=draft, date=dt.date(2030, 5, 4))
    item = meetings.add_agenda_item(actor=secretariat, day=day, title="Any Other Business")
    client.force_login(secretariat)
    url = reverse("mag:agenda-edit", args=[draft.slug])
    assert client.post(url, {"action": "remove_item", "item": item.pk}).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    event = MagEvent.objects.get(action="agenda_item_removed")
    assert event.details["removed"][0]["title"] == "Any Other Business"
    assert event.actor == secretariat
    # Someone else's item, or garbage, is not found.
    assert client.post(url, {"action": "remove_item", "item": "x"}).status_code == 404


def test_editing_an_item_shows_its_current_text_and_saves_the_change(client, secretariat, draft):
    day = meetings.add_agenda_day(actor=secretariat, meeting=draft, date=dt.date(2030, 5, 4))
    item = meetings.add_agenda_item(
        actor=secretariat, day=day, title="Adoption of the agenda", number=3
    )
    client.force_login(secretariat)
    url = reverse("mag:agenda-edit", args=[draft.slug])
    assert "Adoption of the agenda" in client.get(url, {"item": item.pk}).content.decode()
    response = client.post(
        url,
        {"action": "edit_item", "item": item.pk, "edit-title": "Adoption", "edit-number": "4"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.number) == ("Adoption", 4)
    event = MagEvent.objects.get(action="agenda_item_edited")
    assert event.details["before"]["title"] == "Adoption of the agenda"


def test_the_agenda_editor_names_days_by_the_portals_date_and_scrolls_its_tables(
    client, secretariat, june_2017
):
    client.force_login(secretariat)
    html = client.get(reverse("mag:agenda-edit", args=[june_2017.slug])).content.decode()
    day_select = re.search(r'<select name="item-day".*?</select>', html, flags=re.S).group(0)
    # A day is required: no "---------" choice, and no raw ISO date.
    assert "---------" not in day_select and "2017-06-12" not in day_select
    assert "12 Jun 2017 – Open Consultations" in day_select
    parent_select = re.search(r'<select name="item-parent".*?</select>', html, flags=re.S)
    assert "12 Jun 2017 · 1. Welcome from MAG Chair" in parent_select.group(0)
    assert "2017-06-12" not in parent_select.group(0)
    # Each day's table scrolls inside a named region instead of widening the page at 360px.
    assert html.count('<div class="table-scroll" role="region"') == 3
    assert 'aria-labelledby="edit-day-' in html
