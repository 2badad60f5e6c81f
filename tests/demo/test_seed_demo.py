"""`manage.py seed_demo`: the demo workstreams, people and accounts, and that it is idempotent."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile, SiteRole, StakeholderGroup, User
from accounts.regions import RegionalGroup
from demo import data
from timelines.models import (
    ActionItem,
    ActionItemActor,
    ActionItemEvent,
    Follow,
    Milestone,
    Notification,
    Phase,
)
from workstreams import services
from workstreams.models import IgfCycle, Membership, Workstream, WorkstreamEvent

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "igfportal-demo"
DEMO_ACCOUNTS = [
    "secretariat@example.org",
    "dc-coordinator@example.org",
    "bpf-coordinator@example.org",
    "mag-member@example.org",
    "member@example.org",
]

# Every real person the seeds name: seed 000's commenter, and the MAG liaisons of seed 001's
# next-steps table (given by first name only). Read from ../shared/seeds/*.txt.
REAL_PEOPLE_IN_SEEDS = ["Lynn St Amour", "Giacomo", "Carlos", "Roberto", "Karim"]

Kind, Status, Level, Role = (
    Workstream.Kind,
    Workstream.Status,
    Workstream.NriLevel,
    Membership.Role,
)


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    seed()


def base_workstreams():
    """The registry's workstreams of demo/data.py (not the applications seeded beside them)."""
    return Workstream.objects.filter(slug__in=[row["slug"] for row in data.WORKSTREAMS])


def names(kind, **filters):
    return set(Workstream.objects.filter(kind=kind, **filters).values_list("name", flat=True))


def row_counts():
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "site roles": SiteRole.objects.count(),
        "cycles": IgfCycle.objects.count(),
        "workstreams": Workstream.objects.count(),
        "memberships": Membership.objects.count(),
        "events": WorkstreamEvent.objects.count(),
        "milestones": Milestone.objects.count(),
        "action items": ActionItem.objects.count(),
        "actors": ActionItemActor.objects.count(),
        "action item events": ActionItemEvent.objects.count(),
        "follows": Follow.objects.count(),
        "notifications": Notification.objects.count(),
    }


# ---- What is seeded -----------------------------------------------------------------------


def test_seeding_creates_the_igf_cycles_with_their_host_cities_and_dates(seeded):
    cycles = {cycle.year: cycle for cycle in IgfCycle.objects.all()}
    # The seeds' cycles, and the MAG's: earlier terms of its third-year members and next
    # year's nominees, around the cycle of the day the demo is seeded.
    this_year = timezone.localdate().year
    mag_years = {this_year - 2, this_year - 1, this_year, this_year + 1}
    assert set(cycles) == {2016, 2017, 2021, 2026} | mag_years
    assert (cycles[2016].host_city, cycles[2016].host_country.code) == ("Guadalajara", "MX")
    assert str(cycles[2016].meeting_start) == "2016-12-06"
    assert str(cycles[2016].meeting_end) == "2016-12-09"
    assert (cycles[2017].host_city, str(cycles[2017].meeting_start)) == ("Geneva", "2017-12-18")
    assert (cycles[2021].host_city, str(cycles[2021].meeting_end)) == ("Katowice", "2021-12-10")
    assert cycles[2026].host_city == ""
    assert cycles[2026].meeting_start is None


def test_seeding_creates_the_2017_bpfs_the_2021_policy_networks_and_the_cenb_programme(seeded):
    assert names(Kind.BPF, cycle__year=2017) == {
        "Best Practice Forum on Cybersecurity",
        "Best Practice Forum on Gender and Access",
        "Best Practice Forum on Local Content",
    }
    pns = Workstream.objects.filter(kind=Kind.PN, cycle__year=2021)
    assert {(pn.name, pn.short_name) for pn in pns} == {
        ("Policy Network on Meaningful Access", "PNMA"),
        ("Policy Network on Environment", "PNE"),
    }
    cenb = Workstream.objects.get(kind=Kind.PROGRAMME)
    assert cenb.name == "Policy Options for Connecting and Enabling the Next Billion – Phase II"
    assert cenb.cycle.year == 2016
    assert "consultation" in cenb.description


def test_R_BPF_6_each_seeded_bpf_page_shows_that_it_sets_its_own_methodology(seeded, client):
    for bpf in Workstream.objects.filter(kind=Kind.BPF):
        page = client.get(bpf.get_absolute_url())
        assert page.status_code == 200
        assert "its own methodology" in page.content.decode()


def test_seeding_creates_five_recognised_dcs_and_applications_in_each_state(seeded):
    assert len(names(Kind.DC, status=Status.ACTIVE)) >= 5
    assert "Dynamic Coalition on Internet Rights and Principles" in names(Kind.DC)
    proposed = Workstream.objects.filter(kind=Kind.DC, status=Status.PROPOSED)
    # Every unrecognised DC has an application: one submitted, one draft, one sent back.
    assert set(proposed.values_list("dc_application__status", flat=True)) == {
        "submitted",
        "draft",
        "changes_requested",
    }


def test_R_NRI_3_seeded_nris_carry_level_country_or_region_and_youth_flag(seeded):
    nris = list(Workstream.objects.filter(kind=Kind.NRI))
    assert len(nris) >= 12
    assert {nri.nri_level for nri in nris} == set(Level.values)
    youth_levels = {nri.nri_level for nri in nris if nri.is_youth}
    assert len(youth_levels) >= 2
    for nri in nris:
        if nri.nri_level == Level.NATIONAL:
            assert nri.country, nri
            assert nri.un_regional_group, nri
        else:
            assert nri.region_name and not nri.country, nri
    kenya = Workstream.objects.get(slug="nri-kenya-youth-igf")
    assert (kenya.country.code, kenya.is_youth, kenya.un_regional_group) == (
        "KE",
        True,
        RegionalGroup.AFRICAN,
    )


def test_every_seeded_workstream_has_an_example_org_mailing_list_and_archive(seeded):
    for workstream in base_workstreams():
        assert re.fullmatch(r"[a-z0-9-]+@lists\.example\.org", workstream.mailing_list)
        assert workstream.archive_url.startswith("https://lists.example.org/")
        assert workstream.description


def test_every_seeded_workstream_is_active_but_the_proposed_dc_and_the_inactive_dc(seeded):
    # The registry's workstreams; applications awaiting recognition are seeded separately.
    others = base_workstreams().exclude(status=Status.ACTIVE)
    assert sorted((w.kind, w.status) for w in others) == [
        (Kind.DC, Status.INACTIVE),
        (Kind.DC, Status.PROPOSED),
    ]


def test_R_DC_3_seeded_decisions_are_recorded_with_the_secretariat_as_actor_and_a_reason(
    seeded,
):
    secretariat = User.objects.get(email="secretariat@example.org")
    bpf = Workstream.objects.get(slug="bpf-cybersecurity")
    verbs = list(bpf.events.order_by("pk").values_list("verb", "actor", "to_status"))
    assert verbs[0] == (WorkstreamEvent.Verb.CREATED, secretariat.pk, Status.PROPOSED)
    assert (WorkstreamEvent.Verb.TRANSITION, secretariat.pk, Status.ACTIVE) in verbs
    # In the registry's workstreams every lifecycle decision is the Secretariat's, with a
    # reason (applicants submit their own applications: another workflow).
    # (A DC restored by filing its annual report is the coordinator's act, R-DC-4.)
    decisions = WorkstreamEvent.objects.filter(
        workstream__in=base_workstreams(), verb=WorkstreamEvent.Verb.TRANSITION, workflow=""
    ).exclude(reason__startswith="Annual report filed")
    assert decisions.exists()
    assert not decisions.exclude(actor=secretariat).exists()
    assert not decisions.filter(reason="").exists()


def test_R_DC_4_the_inactive_dc_was_recorded_inactive_by_a_decision_with_a_reason(seeded):
    dc = Workstream.objects.get(kind=Kind.DC, status=Status.INACTIVE)
    event = dc.events.get(verb=WorkstreamEvent.Verb.TRANSITION, to_status=Status.INACTIVE)
    assert event.from_status == Status.ACTIVE
    assert "annual report" in event.reason


def test_roles_are_granted_through_the_service_so_each_has_a_history_event(seeded):
    memberships = Membership.objects.active()
    assert memberships.count() >= 40
    granted = WorkstreamEvent.objects.filter(verb=WorkstreamEvent.Verb.ROLE_GRANTED)
    assert granted.count() == memberships.count()
    assert not memberships.filter(granted_by__isnull=True).exists()


# ---- Idempotency ----------------------------------------------------------------------------


def test_running_seed_demo_twice_leaves_the_same_rows(db):
    first_output = seed()
    after_first = row_counts()
    second_output = seed()
    assert row_counts() == after_first
    assert re.search(r"workstreams:\s+\d+ created,\s+0 existing", first_output)
    assert re.search(r"workstreams:\s+0 created,\s+\d+ existing", second_output)
    assert re.search(r"history events:\s+0 recorded", second_output)
    for what in ("milestones", "action items", "follows"):
        assert re.search(rf"{what}:\s+[1-9]\d* created,\s+0 existing", first_output), what
        assert re.search(rf"{what}:\s+0 created,\s+[1-9]\d* existing", second_output), what


def test_seeding_again_does_not_undo_a_later_secretariat_decision(seeded):
    secretariat = User.objects.get(email="secretariat@example.org")
    cenb = Workstream.objects.get(slug="cenb-phase-ii")
    services.apply_transition(
        workstream=cenb, action="conclude", actor=secretariat, reason="Final output published."
    )
    events = WorkstreamEvent.objects.count()
    seed()
    cenb.refresh_from_db()
    assert cenb.status == Status.CONCLUDED
    assert WorkstreamEvent.objects.count() == events


# ---- Demo accounts ---------------------------------------------------------------------------


@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_each_demo_account_signs_in_with_the_demo_password(seeded, client, email):
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    assert home.wsgi_request.user.email == email
    assert "Sign out" in home.content.decode()


def test_demo_addresses_are_verified_without_sending_any_email(seeded):
    assert mail.outbox == []
    for email in DEMO_ACCOUNTS:
        address = EmailAddress.objects.get(email=email)
        assert address.verified and address.primary
    assert not Profile.objects.filter(welcome_sent_at__isnull=False).exists()


def test_demo_accounts_hold_the_roles_the_make_run_banner_promises(seeded):
    secretariat = User.objects.get(email="secretariat@example.org")
    role = SiteRole.objects.active().get(user=secretariat)
    assert (role.role, role.granted_by, role.grant_reason) == (
        SiteRole.Role.SECRETARIAT,
        None,
        "demo",
    )
    assert secretariat.is_staff

    def roles(email):
        return {
            (m.workstream.kind, m.workstream.slug, m.workstream.status, m.role)
            for m in Membership.objects.active().filter(user__email=email)
        }

    assert any(
        kind == Kind.DC and status == Status.ACTIVE and role == Role.COORDINATOR
        for kind, _slug, status, role in roles("dc-coordinator@example.org")
    )
    assert (Kind.BPF, "bpf-cybersecurity", Status.ACTIVE, Role.COORDINATOR) in roles(
        "bpf-coordinator@example.org"
    )
    mag_kinds = {kind for kind, _slug, _status, role in roles("mag-member@example.org")}
    assert {Kind.BPF, Kind.PN} <= mag_kinds
    active_roles = [r for r in roles("member@example.org") if r[2] == Status.ACTIVE]
    assert 1 <= len(active_roles) <= 2


# ---- The fictional cast ------------------------------------------------------------------


def test_demo_people_span_all_six_stakeholder_groups_and_five_regional_groups(seeded):
    profiles = Profile.objects.all()
    assert profiles.count() >= 20
    groups = set(profiles.values_list("stakeholder_group__slug", flat=True))
    assert groups == set(StakeholderGroup.objects.values_list("slug", flat=True))
    assert len(groups) == 6
    assert set(profiles.values_list("un_regional_group", flat=True)) == set(RegionalGroup.values)
    genders = set(profiles.values_list("gender", flat=True))
    assert {"self_described", "prefer_not_to_say"} <= genders
    assert not profiles.filter(gender="self_described", gender_self_description="").exists()


def test_demo_people_have_time_zones_and_example_org_emails(seeded):
    for profile in Profile.objects.select_related("user"):
        assert profile.user.email.endswith("@example.org")
        assert profile.country and profile.time_zone != "UTC"
        assert profile.organisation


def test_no_demo_person_is_named_after_a_real_person_named_in_the_seeds(seeded):
    real = [name.casefold() for name in REAL_PEOPLE_IN_SEEDS]
    for display_name in Profile.objects.values_list("display_name", flat=True):
        words = set(re.split(r"[\s-]+", display_name.casefold()))
        for name in real:
            assert name not in display_name.casefold(), display_name
            assert not set(name.split()) <= words, display_name


def test_home_page_shows_seeded_workstreams_but_not_the_proposed_dc(seeded, client):
    page = client.get("/").content.decode()
    assert "Best Practice Forum on Cybersecurity" in page
    proposed = Workstream.objects.filter(status=Status.PROPOSED)
    assert proposed.exists()
    for workstream in proposed:
        assert workstream.name not in page


# ---- Timelines and next steps (R-TL-1, R-PN-10) ------------------------------------------------

# The day the demo is seeded, in the PNs' time zone (UTC): seed 001's 10 April 2021.
SEED_DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def seeded_on_a_known_day(db):
    with time_machine.travel(SEED_DAY, tick=False) as traveller:
        seed()
        yield traveller


def in_days(n):
    return SEED_DAY.date() + dt.timedelta(days=n)


def test_R_PN_10_both_next_steps_tables_are_imported_as_pn_action_items(seeded_on_a_known_day):
    pnma = Workstream.objects.get(short_name="PNMA")
    pne = Workstream.objects.get(short_name="PNE")
    deadlines = {
        item.action.split(":")[0].split(",")[0]: item.deadline
        for item in ActionItem.objects.filter(workstream=pnma)
    }
    # 10 April 2021 is the seeding day; every other date keeps its distance from it.
    assert deadlines == {
        "Update the proposal’s focus to reflect the two BPFs": in_days(-15),  # 26 March
        "Communicate the invitations to the multistakeholder working group.": in_days(-15),
        "Form the multistakeholder working group": in_days(12),  # 22 April
        "Define the scope of work for 2021-22": None,  # "to be set"
        "Develop the database and the communication and outreach strategy.": in_days(15),
        "Set milestones and the final timeline": in_days(5),  # 15 April
    }
    assert sorted(
        (item.action, item.deadline) for item in ActionItem.objects.filter(workstream=pne)
    ) == sorted(
        [
            ("Contract the consultant.", in_days(0)),
            ("Form the multistakeholder working group.", None),
            ("Develop the database, communication and outreach strategy.", in_days(0)),
            (
                "Set milestones and the final timeline: share the proposal with the working "
                "group members.",
                in_days(5),
            ),
        ]
    )
    # Imported through the service, by the Secretariat, with the import allowance recorded.
    secretariat = User.objects.get(email="secretariat@example.org")
    events = ActionItemEvent.objects.all()
    assert events.count() == ActionItem.objects.count() == 10
    assert all(e.actor == secretariat and e.details["imported"] for e in events)
    assert not ActionItem.objects.exclude(status=ActionItem.Status.OPEN).exists()


def test_R_PN_10_the_demo_has_overdue_and_upcoming_pn_items_relative_to_today(
    seeded_on_a_known_day,
):
    items = list(ActionItem.objects.filter(workstream__kind=Kind.PN).select_related("workstream"))
    overdue = [i for i in items if i.is_overdue(i.workstream.today())]
    upcoming = [i for i in items if i.deadline and i.deadline >= i.workstream.today()]
    assert len(overdue) == 2 and len(upcoming) == 6
    # Weeks later, more of them are overdue: the dates were moved once, at seeding.
    seeded_on_a_known_day.shift(dt.timedelta(days=20))
    assert sum(i.is_overdue(i.workstream.today()) for i in items) == 8


def test_R_PN_10_fictional_demo_people_stand_in_for_the_seeds_mag_liaisons(
    seeded_on_a_known_day,
):
    pnma = Workstream.objects.get(short_name="PNMA")
    liaisons = ActionItem.objects.get(workstream=pnma, action__startswith="Update the proposal")
    assert {(a.user.email if a.user else None, a.role) for a in liaisons.actors.all()} == {
        ("mag-member@example.org", ""),
        (None, "coordinator"),
    }
    secretariat_rows = ActionItem.objects.filter(actors__user__email="secretariat@example.org")
    assert secretariat_rows.count() == 7
    actors = ActionItemActor.objects.filter(user__isnull=False).select_related("user__profile")
    assert {a.user.email for a in actors} <= set(DEMO_ACCOUNTS)
    real = [name.casefold() for name in REAL_PEOPLE_IN_SEEDS]
    for action in ActionItem.objects.values_list("action", flat=True):
        assert not any(name in action.casefold() for name in real), action


def test_R_PN_10_the_pn_action_items_page_shows_overdue_and_to_be_set(
    seeded_on_a_known_day, client
):
    page = client.get("/workstreams/pn-meaningful-access/actions/").content.decode()
    assert page.count(">Overdue<") == 2
    assert "To be set" in page
    assert "Teodor Brankovan" in page  # mag-member@example.org, a fictional MAG liaison


def test_R_TL_1_the_cenb_phase_ii_timeline_of_2016_is_seeded(seeded_on_a_known_day):
    cenb = Workstream.objects.get(slug="cenb-phase-ii")
    milestones = list(Milestone.objects.filter(workstream=cenb))
    assert len(milestones) == 8
    assert milestones[0].title.startswith("Public call for background contributions")
    assert str(milestones[0].start) == "2016-05-02" and milestones[0].end is None
    meeting = next(m for m in milestones if "IGF 2016" in m.title)
    assert (str(meeting.start), str(meeting.end)) == ("2016-12-06", "2016-12-09")
    assert all(m.start.year == 2016 for m in milestones)
    assert milestones[-1].title.startswith("Post-IGF")


def test_R_TL_1_each_pn_timeline_has_past_current_and_upcoming_milestones(
    seeded_on_a_known_day, client
):
    for pn in Workstream.objects.filter(kind=Kind.PN):
        phases = {m.phase(pn.today()) for m in Milestone.objects.filter(workstream=pn)}
        assert phases == {Phase.PAST, Phase.CURRENT, Phase.UPCOMING}, pn
        page = client.get(f"/workstreams/{pn.slug}/timeline/").content.decode()
        assert "timeline-today" in page and "Work plan announced" in page


def test_demo_people_follow_a_pn_and_seeding_sends_no_email(seeded_on_a_known_day):
    followed = set(Follow.objects.values_list("user__email", "workstream__slug"))
    assert ("mag-member@example.org", "pn-meaningful-access") in followed
    assert ("member@example.org", "pn-meaningful-access") in followed
    # The demo's applications notify the Secretariat (submitted) and the applicants
    # (decided), in the portal; the emails wait in the outbox for the first send_reminders.
    # The open PN consultation invites the NRIs; the 2016 round's replies and dispositions
    # count as delivered back then.
    recorded = set(Notification.objects.values_list("recipient__email", "kind", "email_status"))
    assert ("secretariat@example.org", "application_submitted", "pending") in recorded
    assert {kind for _email, kind, status in recorded if status == "pending"} == {
        "application_submitted",
        "application_decided",
        "consultation_nri_invitation",
    }
    assert {kind for _email, kind, status in recorded if status == "sent"} == {
        "consultation_comment_reply",
        "consultation_disposition",
    }
    assert mail.outbox == []
    count = Notification.objects.count()
    seed()
    assert Notification.objects.count() == count
    assert mail.outbox == []


def test_seeded_applications_have_waited_different_times_in_the_review_queue(seeded, client):
    """The queue's "waiting more than" filter and oldest-first order have something to show."""
    from accounts.models import SiteRole

    secretariat = SiteRole.objects.filter(role=SiteRole.Role.SECRETARIAT).first().user
    client.force_login(secretariat)
    url = reverse("workstreams:review-queue")
    everything = client.get(url).content.decode()
    assert everything.index("Rural Connectivity Finance") < everything.index("Older Persons")
    assert everything.index("Older Persons") < everything.index("Zambia IGF")
    older = client.get(url, {"older_than": 10}).content.decode()
    assert "Older Persons" in older and "Zambia IGF" not in older
