"""Demo meetings: the June 2017 Open Consultations and MAG meeting of seed 003 with its agenda,
this year's MAG meetings with attendance (one member below the expected three, R-MAG-3), an
upcoming MAG meeting, an upcoming Policy Network working-group call (R-PN-5) and a BPF virtual
meeting (R-BPF-4).

Idempotent like the rest of seed_demo: meetings are keyed by slug, agendas imported only into a
meeting with no day yet, attendance recorded only where none is, all through mag.meetings with
the Secretariat demo account as the actor.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone

from mag import meetings
from mag.models import Attendance, MagTerm, Meeting, MeetingRegistration

Kind = Meeting.Kind
UTC = dt.UTC
GENEVA = "Europe/Zurich"

# Seed 003, from its first day (the title and purpose are the meeting's own fields).
SEED_003_AGENDA = "\n".join(
    [
        "Day 1: 12 June 2017 - Open Consultations",
        "",
        "Time\tAgenda Item",
        "10:00 - 10:50\tWelcome from MAG Chair",
        "\t2. Welcome from Secretary-General of the International",
        "\tTelecommunication Union (ITU)",
        "\t3. Adoption of the agenda",
        (
            "\t4. Welcome from Honorary Host Country Chair and briefing on state of "
            "preparations for annual meeting by Host Country"
        ),
        "\t5. Welcome from Director-General of the UN Office at Geneva (UNOG)",
        (
            "10:50 - 11:10\t 6. Briefing on state of preparations from IGF Secretariat and "
            "Host Country a) Workshop proposals b) Main/Thematic Sessions (Overview from MAG "
            "WG on Main Sessions)"
        ),
        (
            "11:10 - 11:50\t7. Updates from IGF Best Practice Forums (BPFs) – BPF on "
            "Cybersecurity; BPF on Gender & Access; BPF on Local Content; and"
        ),
        "\t8. IGF Policy Options for Connecting and Enabling the Next Billion(s) - Phase III",
        "11:50 - 13:00\t9. Updates from National and Regional IGF Initiatives (NRIs)",
        "13:00 - 15:00\tLunch",
        "",
        "15:00 - 16:00\t10. Updates from IGF Dynamic Coalitions (DCs)",
        "\t11. Updates on MAG working Groups",
        "16:00 - 17:15\t12. Briefings from other related/relevant initiatives or organizations",
        (
            "17:15 - 18:00\t13. Open Discussion with community on ways to encourage "
            "Governments and Private Sector participation"
        ),
        "",
        "Day 2: 13 June 2017 - MAG Meeting (open to observers)",
        "",
        "Time\tAgenda Item",
        "10:00 - 10:30\tOpening Statements a) Introduction from the Chair and adoption of agenda",
        (
            "10:30 - 13:00 (continued below)\t2. Overview of workshop proposal evaluations,a) "
            "Review final workshop selection processb) Workshop selection"
        ),
        "13:00 - 15:00\tLunch",
        "15:00 - 18:00 (continued below)\t3. Continue workshop selection",
        "",
        "Day 3: 14 June 2017 - MAG Meeting (open to observers)",
        "",
        "Time\tAgenda Item",
        "10:00 - 11:30\tContinue and finalize workshop selection",
        (
            "11:30 - 13:00 (continued below)\t 2. Discussion on Main/Focus Sessions a) Update "
            "from MAG WG on Main/Focus Sessions b) Main/Focus Sessions: Content including "
            "desired outcomes/outputs, format, length, etc. c) Selection and scheduling of "
            "main/focus sessions d) Next steps in planning, appointment of MAG lead "
            "facilitators"
        ),
        "13:00 - 15:00\tLunch",
        (
            "15:00 - 17:00\t 3. Follow-up as needed based on status updates from Open "
            "Consultations -Working Groups - BPFs - CENB Phase III - NRIs - DCs"
        ),
        "17:00 - 17:45\t4. Next steps in annual meeting programming, main session planning, etc.",
        "17:45 - 18:00\t5. Any Other Business",
    ]
)

JUNE_2017 = {
    "slug": "open-consultations-and-mag-meeting-2017-06",
    # Day 1 is the Open Consultations; they count for attendance like a MAG meeting (R-MAG-3).
    "kind": Kind.OPEN_CONSULTATIONS,
    "title": "2nd Open Consultations and MAG Meeting, June 2017",
    "purpose": (
        "The purpose of the second round of IGF open consultations and MAG meeting is to advance "
        "preparations for the IGF 2017 annual meeting and to take stock of the ongoing IGF "
        "community intersessional activities and other relevant Internet Governance related fora."
    ),
    "location": (
        "Geneva, Room K, ITU Montbrillant Building (12 June); Room A, ITU Tower Building "
        "(13 & 14 June)"
    ),
    "start": (dt.date(2017, 6, 12), dt.time(10, 0)),
    "end": (dt.date(2017, 6, 14), dt.time(18, 0)),
    "time_zone": GENEVA,
}

UPCOMING_AGENDA = """Day 1: {date} - MAG Meeting (open to observers)
Time\tAgenda Item
14:00 - 14:15\t1. Opening and adoption of the agenda Presenter: MAG Chair
14:15 - 15:15\t2. Updates from the BPFs a) BPF on Cybersecurity b) BPF on Gender and Access
15:15 - 15:30\tBreak
15:30 - 16:30\t3. Updates from the Policy Networks and the DC Coordination Group
16:30 - 17:00\t4. Any Other Business
"""

PN_CALL_AGENDA = """Day 1: {date} - Working-group monthly call
Time\tAgenda Item
13:00 - 13:10\t1. Welcome and adoption of the pre-agreed agenda
13:10 - 13:40\t2. Progress on the work plan a) Survey results b) Case studies received
13:40 - 14:00\t3. Next steps and date of the next call
"""

BPF_AGENDA = """Day 1: {date} - Open virtual meeting
Time\tAgenda Item
15:00 - 15:10\t1. Welcome
15:10 - 15:50\t2. Review of the draft output report Presenter: BPF coordinators
15:50 - 16:00\t3. Any Other Business
"""

REMOTE = "https://meet.example.org/igf-{slug}"
DEMO_OBSERVER = "member@example.org"


def _at(day, time, zone):
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone))


def _meeting(secretariat, created, *, slug, agenda=None, **fields):
    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None:
        meeting = meetings.create_meeting(actor=secretariat, slug=slug, **fields)
        created["meetings"] += 1
    if agenda and not meeting.days.exists():
        meetings.import_agenda(actor=secretariat, meeting=meeting, text=agenda)
        meetings.publish_agenda(actor=secretariat, meeting=meeting)
        created["agendas"] += 1
    return meeting


def _attend(secretariat, created, meeting, user, status):
    # Attendance is recorded once a meeting has begun (R-MAG-3); early in January this
    # year's meetings may not have.
    if meeting.starts_at > timezone.now():
        return
    if not Attendance.objects.filter(meeting=meeting, user=user).exists():
        meetings.record_attendance(actor=secretariat, meeting=meeting, user=user, status=status)
        created["attendance"] += 1


def _this_years_meetings(secretariat, created, today):
    """Three past MAG meetings this year, spread over the part of the year gone by."""
    jan1 = dt.date(today.year, 1, 1)
    elapsed = max((today - jan1).days, 3)
    rows = [
        ("First MAG meeting {year} (virtual)", Kind.MAG, "", "UTC"),
        ("Open Consultations and MAG meeting {year}", Kind.OPEN_CONSULTATIONS, "Geneva", GENEVA),
        ("Third MAG meeting {year} (virtual)", Kind.MAG, "", "UTC"),
    ]
    result = []
    for number, (title, kind, location, zone) in enumerate(rows, start=1):
        day = jan1 + dt.timedelta(days=elapsed * number // 4)
        day = min(day, today - dt.timedelta(days=1)) if today > jan1 else day
        result.append(
            _meeting(
                secretariat,
                created,
                slug=f"mag-meeting-{today.year}-{number}",
                kind=kind,
                title=title.format(year=today.year),
                starts_at=_at(day, dt.time(9, 0), zone),
                ends_at=_at(day, dt.time(12, 0), zone),
                time_zone=zone,
                location=location,
                remote_url=REMOTE.format(slug=f"mag-{today.year}-{number}"),
            )
        )
    return result


def seed(*, secretariat, people, workstreams, stdout):
    """Create the demo meetings, agendas and attendance that are missing."""
    today = timezone.localdate()
    created = {"meetings": 0, "agendas": 0, "attendance": 0, "registrations": 0}

    june = _meeting(
        secretariat,
        created,
        slug=JUNE_2017["slug"],
        kind=JUNE_2017["kind"],
        title=JUNE_2017["title"],
        purpose=JUNE_2017["purpose"],
        location=JUNE_2017["location"],
        starts_at=_at(*JUNE_2017["start"], GENEVA),
        ends_at=_at(*JUNE_2017["end"], GENEVA),
        time_zone=GENEVA,
        agenda=SEED_003_AGENDA,
    )

    # R-MAG-3: the current MAG's attendance this year; the last member falls below three.
    members = [
        term.user
        for term in MagTerm.objects.current(today).select_related("user").order_by("user__email")
    ]
    this_year = _this_years_meetings(secretariat, created, today)
    for index, user in enumerate(members):
        below = index == len(members) - 1
        for number, meeting in enumerate(this_year):
            if below and number > 0:
                status = Attendance.Status.EXCUSED if number == 1 else Attendance.Status.ABSENT
            else:
                status = (
                    Attendance.Status.REMOTE if number % 2 == 0 else Attendance.Status.IN_PERSON
                )
            _attend(secretariat, created, meeting, user, status)
    # Only people who served on the MAG in June 2017 can have attended it as members; the
    # demo's terms start later, so this records nobody unless older terms were added.
    june_day = june.starts_at.date()
    served = MagTerm.objects.filter(start__lte=june_day, end__gte=june_day)
    for term in served.select_related("user").order_by("user__email")[:3]:
        _attend(secretariat, created, june, term.user, Attendance.Status.IN_PERSON)

    upcoming_day = today + dt.timedelta(days=21)
    _meeting(
        secretariat,
        created,
        slug=f"mag-meeting-{upcoming_day:%Y-%m}-virtual",
        kind=Kind.MAG,
        title=f"Virtual MAG meeting, {upcoming_day:%B %Y}",
        purpose="Stock-taking of the intersessional work ahead of the annual meeting.",
        starts_at=_at(upcoming_day, dt.time(14, 0), "UTC"),
        ends_at=_at(upcoming_day, dt.time(17, 0), "UTC"),
        time_zone="UTC",
        remote_url=REMOTE.format(slug="mag-virtual"),
        agenda=UPCOMING_AGENDA.format(date=f"{upcoming_day.day} {upcoming_day:%B %Y}"),
    )

    pn = workstreams.get("pn-meaningful-access")
    if pn is not None:
        call_day = today + dt.timedelta(days=10)
        call = _meeting(
            secretariat,
            created,
            slug=f"{pn.slug}-monthly-call-{call_day:%Y-%m}",
            kind=Kind.PN_CALL,
            workstream=pn,
            title=f"{pn.short_name or pn.name} working-group monthly call, {call_day:%B %Y}",
            purpose="The working group's monthly call on its pre-agreed agenda (R-PN-5).",
            starts_at=_at(call_day, dt.time(13, 0), "UTC"),
            ends_at=_at(call_day, dt.time(14, 0), "UTC"),
            time_zone="UTC",
            remote_url=REMOTE.format(slug="pnma-call"),
            agenda=PN_CALL_AGENDA.format(date=f"{call_day.day} {call_day:%B %Y}"),
        )
        observer = people.get(DEMO_OBSERVER)
        if (
            observer is not None
            and not MeetingRegistration.objects.filter(meeting=call, user=observer).exists()
        ):
            meetings.register_for_meeting(actor=observer, meeting=call)
            created["registrations"] += 1

    bpf = workstreams.get("bpf-cybersecurity")
    if bpf is not None:
        bpf_day = today + dt.timedelta(days=14)
        _meeting(
            secretariat,
            created,
            slug=f"{bpf.slug}-virtual-meeting-{bpf_day:%Y-%m}",
            kind=Kind.BPF_MEETING,
            workstream=bpf,
            title=f"{bpf.name}: virtual meeting, {bpf_day:%B %Y}",
            purpose="One of the BPF's regular open virtual meetings (R-BPF-4).",
            starts_at=_at(bpf_day, dt.time(15, 0), "UTC"),
            ends_at=_at(bpf_day, dt.time(16, 0), "UTC"),
            time_zone="UTC",
            remote_url=REMOTE.format(slug="bpf-cybersecurity"),
            agenda=BPF_AGENDA.format(date=f"{bpf_day.day} {bpf_day:%B %Y}"),
        )

    stdout.write(
        "  Meetings: " + ", ".join(f"{count} {what} created" for what, count in created.items())
    )
