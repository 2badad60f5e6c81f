"""The read API for the MAG and meetings: public fields only, never attendance (R-MAG-3/5)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Profile
from mag import services
from mag.models import (
    AgendaDay,
    AgendaItem,
    Attendance,
    LiaisonAssignment,
    Meeting,
    MeetingRegistration,
)
from tests.factories import IgfCycleFactory, UserFactory, WorkstreamFactory, stakeholder_group
from workstreams.models import Workstream

MEMBERS = reverse("api:mag-member-list")
LIAISONS = reverse("api:mag-liaison-list")
MEETINGS = reverse("api:meeting-list")


def meeting_url(slug):
    return reverse("api:meeting-detail", kwargs={"slug": slug})


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def cycle(db):
    return IgfCycleFactory(year=timezone.localdate().year)


def _term(secretariat, user, cycle, group="government", country="RO", gender="", days=300):
    today = timezone.localdate()
    return services.create_mag_term(
        actor=secretariat,
        user=user,
        cycle=cycle,
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=days),
        stakeholder_group=stakeholder_group(group),
        country=country,
        gender=gender,
    )


@pytest.fixture
def mag_member(secretariat, cycle):
    """Serving today; made their gender public on their profile."""
    user = UserFactory(email="mag-member@example.org", display_name="Mia MAG")
    Profile.objects.filter(user=user).update(gender="woman", public_gender=True)
    _term(secretariat, user, cycle, gender="woman")
    return user


@pytest.fixture
def private_mag_member(secretariat, cycle):
    """Serving today; keeps their gender private."""
    user = UserFactory(email="mag-private@example.org", display_name="Pat Private")
    Profile.objects.filter(user=user).update(gender="man", public_gender=False)
    _term(secretariat, user, cycle, group="civil-society", country="BR", gender="man")
    return user


@pytest.fixture
def former_mag_member(secretariat):
    user = UserFactory(email="former-mag@example.org", display_name="Fay Former")
    old = IgfCycleFactory(year=timezone.localdate().year - 3)
    services.create_mag_term(
        actor=secretariat,
        user=user,
        cycle=old,
        start=dt.date(old.year, 1, 1),
        end=dt.date(old.year, 12, 31),
        stakeholder_group=stakeholder_group("government"),
        country="RO",
    )
    return user


# ---- MAG members --------------------------------------------------------------------------------


def test_R_MAG_1_the_member_list_holds_current_terms_only(
    api, mag_member, private_mag_member, former_mag_member
):
    names = {row["name"] for row in api.get(MEMBERS).json()["results"]}
    assert names == {"Mia MAG", "Pat Private"}


def test_members_show_public_fields_and_gender_only_when_made_public(
    api, mag_member, private_mag_member
):
    response = api.get(MEMBERS)
    rows = {row["name"]: row for row in response.json()["results"]}
    assert rows["Mia MAG"]["gender"] == "Woman"
    assert rows["Mia MAG"]["stakeholder_group"] == "government"
    assert rows["Mia MAG"]["country"] == "RO"
    assert rows["Mia MAG"]["un_regional_group"] == "EASTERN_EUROPEAN"
    assert rows["Pat Private"]["gender"] is None
    assert rows["Pat Private"]["country"] == "BR"
    text = response.content.decode()
    assert '"Man"' not in text and '"man"' not in text
    assert "@example.org" not in text
    assert "developing_country" not in text


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"group": "civil-society"}, {"Pat Private"}),
        ({"region": "EASTERN_EUROPEAN"}, {"Mia MAG"}),
        ({"country": "BR"}, {"Pat Private"}),
    ],
)
def test_member_filters_narrow_the_list(api, mag_member, private_mag_member, params, expected):
    assert {row["name"] for row in api.get(MEMBERS, params).json()["results"]} == expected


def test_an_invalid_member_filter_is_a_400(api, mag_member):
    response = api.get(MEMBERS, {"group": "wizards"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "group"


def test_the_member_list_costs_the_same_queries_at_two_sizes(
    api, secretariat, cycle, django_assert_max_num_queries
):
    def add(n, start):
        for i in range(start, start + n):
            _term(secretariat, UserFactory(email=f"mag{i}@example.org"), cycle)

    add(2, 0)
    api.get(MEMBERS)
    with django_assert_max_num_queries(20) as small:
        api.get(MEMBERS)
    add(15, 2)
    with django_assert_max_num_queries(20) as large:
        assert api.get(MEMBERS).json()["count"] == 17
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- Liaisons ------------------------------------------------------------------------------------


@pytest.fixture
def duties(secretariat, mag_member, private_mag_member):
    bpf = WorkstreamFactory(name="BPF on Cybersecurity", slug="bpf-cyber")
    pn = WorkstreamFactory(kind=Workstream.Kind.PN, name="PN on Access", slug="pn-access")
    hidden = WorkstreamFactory(name="BPF Proposed", slug="bpf-hidden", status="proposed")
    services.assign_liaison(
        actor=secretariat, member=mag_member, kind="bpf_facilitator", workstream=bpf
    )
    services.assign_liaison(
        actor=secretariat,
        member=private_mag_member,
        kind="pn_liaison",
        workstream=pn,
        reason="internal note",
    )
    services.assign_liaison(actor=secretariat, member=mag_member, kind="dccg_liaison")
    LiaisonAssignment.objects.create(
        member=private_mag_member, kind="bpf_facilitator", workstream=hidden
    )
    ended = LiaisonAssignment.objects.create(
        member=private_mag_member, kind="bpf_facilitator", workstream=bpf
    )
    ended.ended_at = timezone.now()
    ended.save()
    return bpf, pn, hidden


def test_R_MAG_6_active_liaison_duties_name_the_member_and_workstream(api, duties):
    response = api.get(LIAISONS)
    rows = response.json()["results"]
    assert [(r["kind"], r["workstream"], r["member"]) for r in rows] == [
        ("bpf_facilitator", "bpf-cyber", "Mia MAG"),
        ("dccg_liaison", None, "Mia MAG"),
        ("pn_liaison", "pn-access", "Pat Private"),
    ]
    assert rows[0]["start"] == timezone.localdate().isoformat()
    text = response.content.decode()
    assert "internal note" not in text and "@example.org" not in text
    assert "bpf-hidden" not in text


def test_liaisons_of_a_proposed_workstream_are_shown_to_the_secretariat(api, duties, secretariat):
    api.force_login(secretariat)
    assert "bpf-hidden" in {r["workstream"] for r in api.get(LIAISONS).json()["results"]}


@pytest.mark.parametrize(
    "params, expected",
    [({"kind": "pn_liaison"}, ["pn-access"]), ({"workstream": "bpf-cyber"}, ["bpf-cyber"])],
)
def test_liaison_filters(api, duties, params, expected):
    assert [r["workstream"] for r in api.get(LIAISONS, params).json()["results"]] == expected


# ---- Meetings ------------------------------------------------------------------------------------


def _meeting(slug, workstream=None, **fields):
    start = fields.pop("starts_at", timezone.now() + dt.timedelta(days=10))
    return Meeting.objects.create(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").title()),
        kind=fields.pop("kind", "mag" if workstream is None else "bpf_meeting"),
        workstream=workstream,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        **fields,
    )


@pytest.fixture
def meetings(db, bpf_a, dc_proposed, outsider, secretariat):
    mag = _meeting(
        "mag-june",
        time_zone="Europe/Zurich",
        location="Geneva",
        remote_url="https://meet.example.org/mag",
        agenda_published=True,
        starts_at=dt.datetime(2030, 6, 12, 7, 0, tzinfo=dt.UTC),
    )
    day = AgendaDay.objects.create(meeting=mag, date=dt.date(2030, 6, 12), title="Day 1")
    opening = AgendaItem.objects.create(
        day=day, starts=dt.time(9, 0), ends=dt.time(10, 0), number=1, title="Opening", order=1
    )
    AgendaItem.objects.create(day=day, parent=opening, title="Welcome", order=2)
    draft = _meeting("mag-draft-agenda", agenda_published=False)
    AgendaItem.objects.create(
        day=AgendaDay.objects.create(meeting=draft, date=dt.date(2030, 7, 1)),
        title="Unpublished item",
    )
    _meeting("bpf-call", workstream=bpf_a, open_to_observers=False)
    _meeting("dc-secret-call", workstream=dc_proposed)
    _meeting("mag-past", starts_at=timezone.now() - dt.timedelta(days=30))
    MeetingRegistration.objects.create(meeting=mag, user=outsider)
    Attendance.objects.create(
        meeting=mag, user=outsider, status="absent", note="sick note", recorded_by=secretariat
    )
    return mag


def test_R_MAG_5_mag_meetings_are_public_and_workstream_ones_follow_the_workstream(
    api, meetings, dc_coordinator
):
    listed = {row["slug"] for row in api.get(MEETINGS).json()["results"]}
    assert listed == {"mag-june", "mag-draft-agenda", "bpf-call", "mag-past"}
    assert api.get(meeting_url("dc-secret-call")).status_code == 404
    api.force_login(dc_coordinator)
    assert "dc-secret-call" in {row["slug"] for row in api.get(MEETINGS).json()["results"]}
    assert api.get(meeting_url("dc-secret-call")).status_code == 200


def test_R_MAG_5_a_meeting_shows_utc_times_its_zone_and_its_published_agenda(api, meetings):
    response = api.get(meeting_url("mag-june"))
    body = response.json()
    assert body["starts_at"] == "2030-06-12T07:00:00Z"
    assert body["ends_at"] == "2030-06-12T10:00:00Z"
    assert body["time_zone"] == "Europe/Zurich"
    assert body["remote_url"] == "https://meet.example.org/mag"
    assert body["open_to_observers"] is True
    assert body["days"][0]["title"] == "Day 1"
    items = body["days"][0]["items"]
    assert [(i["title"], i["parent"]) for i in items] == [("Opening", None)]
    [welcome] = items[0]["sub_items"]
    assert (welcome["title"], welcome["parent"], welcome["letter"]) == (
        "Welcome",
        items[0]["id"],
        "a",
    )
    assert items[0]["starts"] == "09:00:00"
    assert response["Last-Modified"].endswith("GMT") and response["ETag"]


def test_R_MAG_3_a_meeting_never_shows_attendance_or_registrations(api, meetings, secretariat):
    for reader in (None, secretariat):
        if reader:
            api.force_login(reader)
        text = api.get(meeting_url("mag-june")).content.decode()
        assert "sick note" not in text and "absent" not in text
        assert "Otto Outsider" not in text and "outsider@example.org" not in text
        assert "attendance" not in text and "registrations" not in text


def test_an_unpublished_agenda_is_not_shown(api, meetings, secretariat):
    api.force_login(secretariat)
    response = api.get(meeting_url("mag-draft-agenda"))
    assert response.json()["days"] == []
    assert "Unpublished item" not in response.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "bpf_meeting"}, {"bpf-call"}),
        ({"workstream": "bpf-cybersecurity"}, {"bpf-call"}),
        ({"workstream": "dc-testing"}, set()),
        ({"mag": "true", "when": "past"}, {"mag-past"}),
        ({"when": "upcoming", "mag": "false"}, {"bpf-call"}),
        ({"starts_after": "2030-06-01T00:00:00Z"}, {"mag-june"}),
        ({"search": "draft agenda"}, {"mag-draft-agenda"}),
    ],
)
def test_meeting_filters(api, meetings, params, expected):
    assert {row["slug"] for row in api.get(MEETINGS, params).json()["results"]} == expected


def test_meetings_are_ordered_by_start(api, meetings):
    rows = api.get(MEETINGS).json()["results"]
    assert rows[0]["slug"] == "mag-past" and rows[-1]["slug"] == "mag-june"
    rows = api.get(MEETINGS, {"ordering": "-starts_at"}).json()["results"]
    assert rows[0]["slug"] == "mag-june"


def test_an_invalid_meeting_filter_is_a_400(api, meetings):
    response = api.get(MEETINGS, {"when": "someday"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "when"


def test_the_meeting_list_costs_the_same_queries_at_two_sizes(
    api, bpf_a, outsider, django_assert_max_num_queries
):
    api.force_login(outsider)

    def add(n, start):
        for i in range(start, start + n):
            _meeting(f"m-{i}", workstream=bpf_a if i % 2 else None)

    add(2, 0)
    api.get(MEETINGS)
    with django_assert_max_num_queries(20) as small:
        api.get(MEETINGS)
    add(30, 2)
    with django_assert_max_num_queries(20) as large:
        assert api.get(MEETINGS).json()["count"] == 32
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_agenda_costs_the_same_queries_however_long(
    api, meetings, django_assert_max_num_queries
):
    api.get(meeting_url("mag-june"))
    with django_assert_max_num_queries(20) as small:
        api.get(meeting_url("mag-june"))
    for n in range(2, 8):
        day = AgendaDay.objects.create(meeting=meetings, date=dt.date(2030, 6, n + 10), order=n)
        for i in range(5):
            AgendaItem.objects.create(day=day, title=f"Item {n}.{i}", order=i)
    with django_assert_max_num_queries(20) as large:
        assert len(api.get(meeting_url("mag-june")).json()["days"]) == 7
    assert len(large.captured_queries) == len(small.captured_queries)


def test_sub_items_nest_under_their_item_in_the_agendas_order(api, meetings):
    """Sub-items added after later items, and a break between sub-items, as in the demo's
    open consultations: the API reads in the website's order (mag.views_meetings)."""
    day = meetings.days.get()
    day.items.all().delete()
    one = AgendaItem.objects.create(day=day, number=1, title="One", order=1)
    two = AgendaItem.objects.create(day=day, number=2, title="Two", order=3)
    AgendaItem.objects.create(day=day, parent=two, title="Two a", order=2)
    AgendaItem.objects.create(day=day, parent=two, title="Two b", order=4)
    AgendaItem.objects.create(day=day, parent=two, title="Two c", order=5)
    AgendaItem.objects.create(day=day, title="Lunch", is_break=True, order=6)
    AgendaItem.objects.create(day=day, parent=two, title="Two d", order=7)
    AgendaItem.objects.create(day=day, parent=one, title="One a", order=8)
    items = api.get(meeting_url("mag-june")).json()["days"][0]["items"]
    assert [i["title"] for i in items] == ["One", "Two", "Lunch"]
    assert [(s["letter"], s["title"]) for s in items[1]["sub_items"]] == [
        ("a", "Two a"),
        ("b", "Two b"),
        ("c", "Two c"),
        ("d", "Two d"),
    ]
    assert [s["title"] for s in items[0]["sub_items"]] == ["One a"]
    assert items[2]["sub_items"] == []


def test_agenda_times_are_given_in_utc_beside_the_local_ones(api, meetings):
    day = meetings.days.get()
    AgendaItem.objects.create(
        day=day, starts=dt.time(23, 30), ends=dt.time(0, 30), title="Late", order=9
    )
    items = api.get(meeting_url("mag-june")).json()["days"][0]["items"]
    # Europe/Zurich is UTC+2 in June.
    assert (items[0]["starts"], items[0]["ends"]) == ("09:00:00", "10:00:00")
    assert (items[0]["starts_at"], items[0]["ends_at"]) == (
        "2030-06-12T07:00:00Z",
        "2030-06-12T08:00:00Z",
    )
    assert items[0]["sub_items"][0]["starts_at"] is None
    assert (items[1]["starts_at"], items[1]["ends_at"]) == (
        "2030-06-12T21:30:00Z",
        "2030-06-12T22:30:00Z",
    )
