"""`manage.py seed_demo`: demo workstreams, people and roles, built from ../shared/seeds.

Idempotent: every row is looked up by its natural key (year, email, slug, workstream and
person) and created only when missing, so a second run creates nothing and records no event.
Workstreams and roles go through workstreams.services with the Secretariat demo account as the
actor, so each workstream's history shows real decisions. The seed never overrides a decision
taken later in the demo: a workstream's seeded transitions are applied only while it is still
proposed, and a person who already has a role in a workstream keeps it.

Milestones and action items go through timelines.services too: milestones are keyed by
(workstream, title) and action items by (workstream, action), whatever became of them later
(a removed milestone or a dropped item is not brought back). Seed 001's next steps are imported
with allow_past, their dates moved into the demo's current cycle (see demo.data.PN_ANCHOR).
Milestones are added before anyone follows, so seeding records no notification and sends no
email.
"""

import io
from collections import Counter
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import services as account_services
from accounts.models import SiteRole, StakeholderGroup, User
from demo import consultations as demo_consultations
from demo import data
from demo import dc as demo_dc
from demo import mag as demo_mag
from demo import meetings as demo_meetings
from demo import nri as demo_nri
from demo import pn as demo_pn
from demo import spaces as demo_spaces
from timelines import services as timeline_services
from timelines.models import ActionItem, Follow, Milestone
from workstreams import services as workstream_services
from workstreams.dc import invite_to_dccg
from workstreams.models import IgfCycle, Membership, Workstream, WorkstreamEvent

CREATED, EXISTING = "created", "existing"

REGISTER_REASON = "Registered from the public IGF documents (demo data)."
GRANT_REASONS = {
    Membership.Role.COORDINATOR: "Named as a coordinator by the workstream (demo data).",
    Membership.Role.MEMBER: "Member of the workstream's community (demo data).",
    Membership.Role.OBSERVER: "Follows the workstream as an observer (demo data).",
}
PROFILE_FIELDS = (
    "display_name",
    "organisation",
    "country",
    "time_zone",
    "gender",
    "gender_self_description",
)


class Command(BaseCommand):
    help = "Create the demo workstreams, people and roles (idempotent; safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing on success.")

    def handle(self, *args, quiet=False, **options):
        self.tally = Counter()
        # --quiet: the seed modules' own lines go nowhere too.
        out = io.StringIO() if quiet or options.get("verbosity", 1) == 0 else self.stdout
        events_before = WorkstreamEvent.objects.count()
        # Notifications the demo's own acts cause (a submitted application) are recorded for
        # the notification centre; their emails wait for the first send_reminders.
        with transaction.atomic(), timeline_services.delivery_held():
            cycles = self.seed_cycles()
            people = self.seed_people()
            secretariat = people[data.SECRETARIAT_EMAIL]
            self.ensure_secretariat_role(secretariat)
            workstreams = self.seed_workstreams(secretariat, cycles)
            self.seed_memberships(secretariat, people, workstreams)
            # MAG terms and liaison duties come before the decisions: a BPF becomes active
            # only with a MAG facilitator on its team (R-BPF-3).
            demo_mag.seed(
                secretariat=secretariat,
                people=people,
                workstreams=workstreams,
                cycles=cycles,
                stdout=out,
            )
            workstreams = self.replay_decisions(secretariat, workstreams)
            # The demo's recognised DCs belong to the DC Coordination Group (R-DC-5).
            for workstream in workstreams.values():
                if workstream.kind == Workstream.Kind.DC and workstream.is_public:
                    invite_to_dccg(workstream=workstream, actor=secretariat)
            self.seed_milestones(secretariat, workstreams)
            self.seed_action_items(secretariat, people, workstreams)
            for module in (
                demo_dc,
                demo_nri,
                demo_pn,
                demo_spaces,
                demo_meetings,
                demo_consultations,
            ):
                module.seed(
                    secretariat=secretariat,
                    people=people,
                    workstreams=workstreams,
                    stdout=out,
                )
            # Follows last: seeding's own news and milestones notify nobody.
            self.seed_follows(people, workstreams)
        events = WorkstreamEvent.objects.count() - events_before
        if not quiet and options.get("verbosity", 1) > 0:
            self.print_summary(events)

    # ---- rows ----------------------------------------------------------------------------

    def count(self, what, created):
        self.tally[what, CREATED if created else EXISTING] += 1

    def seed_cycles(self):
        cycles = {}
        for row in data.CYCLES:
            defaults = {
                "host_city": row["host_city"],
                "host_country": row["host_country"],
                "meeting_start": _date(row["meeting_start"]),
                "meeting_end": _date(row["meeting_end"]),
            }
            cycle, created = IgfCycle.objects.update_or_create(year=row["year"], defaults=defaults)
            self.count("IGF cycles", created)
            cycles[cycle.year] = cycle
        return cycles

    def seed_people(self):
        groups = {group.slug: group for group in StakeholderGroup.objects.all()}
        # One hash for every demo account: the password is public anyway, and hashing it once
        # instead of two dozen times keeps `make run` fast with the production hasher.
        password_hash = make_password(data.DEMO_PASSWORD)
        people = {}
        for row in data.PEOPLE:
            email = row["email"].lower()
            user = User.objects.filter(email=email).first()
            created = user is None
            if created:
                user = User(email=email, password=password_hash)
                user.save()  # the post_save signal creates the profile
                self.fill_profile(user, row, groups)
            self.count("people", created)
            self.ensure_verified_email(user)
            people[email] = user
        return people

    def fill_profile(self, user, row, groups):
        profile = account_services.ensure_profile(user=user)
        for field in PROFILE_FIELDS:
            setattr(profile, field, row.get(field, ""))
        profile.stakeholder_group = groups[row["stakeholder_group"]]
        profile.full_clean()
        profile.save()

    def ensure_verified_email(self, user):
        # Mandatory verification blocks login without a verified primary address. The row is
        # written directly: confirming through allauth would fire email_confirmed and send
        # the welcome email, which seeding must not do.
        address, created = EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if not created and not (address.verified and address.primary):
            EmailAddress.objects.filter(user=user).exclude(pk=address.pk).update(primary=False)
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])

    def ensure_secretariat_role(self, user):
        held = SiteRole.objects.active().filter(user=user, role=SiteRole.Role.SECRETARIAT)
        if held.exists():
            self.count("Secretariat role", created=False)
            return
        account_services.grant_site_role(
            user=user, role=SiteRole.Role.SECRETARIAT, actor=None, reason="demo"
        )
        self.count("Secretariat role", created=True)

    def seed_workstreams(self, secretariat, cycles):
        workstreams = {}
        for row in data.WORKSTREAMS:
            slug = row["slug"]
            workstream = Workstream.objects.filter(slug=slug).first()
            created = workstream is None
            if created:
                workstream = workstream_services.create_workstream(
                    actor=secretariat, reason=REGISTER_REASON, **_workstream_fields(row, cycles)
                )
            self.count("workstreams", created)
            workstreams[slug] = workstream
        return workstreams

    def replay_decisions(self, secretariat, workstreams):
        # Decisions are replayed only on a workstream nobody has decided on yet; a later
        # decision taken in the demo (say, recording a DC inactive) is left alone.
        for row in data.WORKSTREAMS:
            workstream = workstreams[row["slug"]]
            if workstream.status == Workstream.Status.PROPOSED:
                for action, reason in row["history"]:
                    workstream = workstream_services.apply_transition(
                        workstream=workstream, action=action, actor=secretariat, reason=reason
                    )
            workstreams[row["slug"]] = workstream
        return workstreams

    def seed_memberships(self, secretariat, people, workstreams):
        for slug, email, role in data.MEMBERSHIPS:
            workstream, user = workstreams[slug], people[email]
            held = Membership.objects.active().filter(workstream=workstream, user=user).exists()
            if not held:
                workstream_services.grant_role(
                    workstream=workstream,
                    user=user,
                    role=role,
                    actor=secretariat,
                    reason=GRANT_REASONS[role],
                )
            self.count("memberships", created=not held)

    def seed_milestones(self, secretariat, workstreams):
        for slug, title, start, end, is_deadline, description in data.MILESTONES:
            workstream = workstreams[slug]
            exists = Milestone.objects.filter(workstream=workstream, title=title).exists()
            if not exists:
                timeline_services.create_milestone(
                    workstream=workstream,
                    title=title,
                    start=_moved(start, workstream),
                    end=_moved(end, workstream),
                    is_deadline=is_deadline,
                    description=description,
                    actor=secretariat,
                )
            self.count("milestones", created=not exists)

    def seed_action_items(self, secretariat, people, workstreams):
        for row in data.ACTION_ITEMS:
            workstream = workstreams[row["workstream"]]
            exists = ActionItem.objects.filter(workstream=workstream, action=row["action"]).exists()
            if not exists:
                # An import: the seed's deadlines may lie in the past, which forms refuse.
                timeline_services.create_action_item(
                    workstream=workstream,
                    action=row["action"],
                    deadline=_moved(row["deadline"], workstream),
                    users=[people[email] for email in row["people"]],
                    roles=row["roles"],
                    actor=secretariat,
                    allow_past=True,
                )
            self.count("action items", created=not exists)

    def seed_follows(self, people, workstreams):
        for slug, email in data.FOLLOWS:
            workstream, user = workstreams[slug], people[email]
            exists = Follow.objects.filter(workstream=workstream, user=user).exists()
            if not exists:
                timeline_services.follow_workstream(user=user, workstream=workstream)
            self.count("follows", created=not exists)

    # ---- output --------------------------------------------------------------------------

    def print_summary(self, events):
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        for what in (
            "IGF cycles",
            "people",
            "Secretariat role",
            "workstreams",
            "memberships",
            "milestones",
            "action items",
            "follows",
        ):
            self.stdout.write(
                f"  {what + ':':<18} {self.tally[what, CREATED]:>3} created, "
                f"{self.tally[what, EXISTING]:>3} existing"
            )
        self.stdout.write(f"  {'history events:':<18} {events:>3} recorded")
        self.stdout.write(
            f"  Demo accounts (password {data.DEMO_PASSWORD}): {data.SECRETARIAT_EMAIL}, "
            "dc-coordinator@example.org, bpf-coordinator@example.org, "
            "mag-member@example.org, member@example.org"
        )


def _date(value):
    return date.fromisoformat(value) if value else None


def _moved(value, workstream):
    """A seed date; for the PNs, moved so that the seed's anchor day is the demo's today."""
    if not value:
        return None
    day = date.fromisoformat(value)
    if workstream.slug not in data.MOVED_TO_TODAY:
        return day
    return workstream.today() + timedelta(days=(day - date.fromisoformat(data.PN_ANCHOR)).days)


def _workstream_fields(row, cycles):
    fields = {
        "kind": row["kind"],
        "slug": row["slug"],
        "name": row["name"],
        "short_name": row.get("short_name", ""),
        "description": row["description"],
        "mailing_list": data.mailing_list(row["slug"]),
        "archive_url": data.archive_url(row["slug"]),
        "cycle": cycles[row["cycle"]] if row.get("cycle") else None,
    }
    if row["kind"] == Workstream.Kind.NRI:
        fields.update(
            nri_level=row["nri_level"],
            is_youth=row.get("is_youth", False),
            country=row.get("country", ""),
            region_name=row.get("region_name", ""),
            un_regional_group=row.get("un_regional_group", ""),
        )
    return fields
