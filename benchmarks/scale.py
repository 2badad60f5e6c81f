"""Realistic data at scale for benchmarks (issue 9): `manage.py generate_scale_data`.

Rows are made with bulk_create in batches, never saved one by one, so no signal fires and no
email or task is sent. What a signal, a save() override or a service would have added is made
here by hand, in the same shape:

- a Profile for every User (accounts.signals.create_profile), with its UN regional group
  derived from the country as Profile.save() does; Workstream.save() and MagTerm.save() derive
  theirs the same way, so it is set here too;
- an allauth EmailAddress, verified and primary, for every person (what confirming the address
  leaves behind, without the welcome email it would schedule);
- paragraphs exactly as consultations.services.publish_draft makes them, from
  consultations.markdown.split_paragraphs (the one rendering and sanitising path);
- agenda days and items exactly as mag.meetings.import_agenda makes them, from
  mag.agenda_import.parse_agenda;
- the events each service records (WorkstreamEvent, ActionItemEvent, ConsultationEvent,
  MagEvent), and a BPF facilitator's coordinator role (R-BPF-3, mag.services.assign_liaison).

Nothing the reminder job makes is made here (notifications are its work to measure).

Everything generated is recognisable: people's addresses end in @scale.example, and
workstreams, consultations and meetings have slugs starting with "scale-". IGF cycles are
shared: a year that already has a cycle (the demo's, say) is reused, and only the cycles this
command created are removed by --reset, and only when nothing else uses them.

Generation is deterministic for a seed: the same rows on an empty database. Dates are relative
to the moment it runs (the comment window is open now, action items fall due now).
"""

import datetime as dt
import functools
import itertools
import math
import operator
import random
import time
import zoneinfo
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django_countries import countries

from accounts.models import Profile, SiteRole, StakeholderGroup, User
from accounts.regions import RegionalGroup, default_developing_countries, regional_group_for
from consultations.markdown import split_paragraphs
from consultations.models import (
    Comment,
    Consultation,
    ConsultationEvent,
    Draft,
    Editor,
    Paragraph,
    Phase,
)
from mag.agenda_import import parse_agenda
from mag.models import (
    AgendaDay,
    AgendaItem,
    BpfSupport,
    LiaisonAssignment,
    MagEvent,
    MagTerm,
    Meeting,
)
from timelines.models import ActionItem, ActionItemActor, ActionItemEvent, Milestone
from timelines.reminders import occasion_for
from workstreams.models import (
    CorePrinciple,
    DcApplication,
    DccgInvitation,
    DcRepresentative,
    IgfCycle,
    Membership,
    NriApplication,
    PnConsultant,
    PrincipleAssessment,
    TopicDecision,
    WgInvitation,
    Workstream,
    WorkstreamEvent,
)

from . import text
from .models import ScaleDataset

EMAIL_DOMAIN = "scale.example"
SLUG_PREFIX = "scale-"
SECRETARIAT_EMAIL = f"secretariat@{EMAIL_DOMAIN}"
MAG_MEMBER_EMAIL = f"mag-member@{EMAIL_DOMAIN}"
# The one account with a usable password: the benchmark signs in as this MAG member.
DEFAULT_PASSWORD = "scale-benchmark-password"
DEFAULT_SEED = 9
BATCH_SIZE = 5000
# Django's make_password(None): "!" and 40 random characters, which no password ever matches.
UNUSABLE_SUFFIX_LENGTH = 40
UNUSABLE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

Kind = Workstream.Kind
Status = Workstream.Status
Role = Membership.Role
Duty = LiaisonAssignment.Kind


@dataclass(frozen=True)
class Size:
    name: str
    people: int
    nris: int
    cycles: int
    dcs: int
    bpfs: int
    pns: int
    paragraphs: int
    comments: int
    action_items: int
    mag_members: int
    agenda_items: int


SIZES = {
    "large": Size(
        name="large",
        people=50_000,
        nris=135,
        cycles=10,
        dcs=140,
        bpfs=40,
        pns=20,
        paragraphs=300,
        comments=10_000,
        action_items=100_000,
        mag_members=40,
        agenda_items=30,
    ),
    # The same shape at about 1/50: what the tests generate, in a few seconds.
    "small": Size(
        name="small",
        people=1_000,
        nris=15,
        cycles=10,
        dcs=12,
        bpfs=5,
        pns=3,
        paragraphs=10,
        comments=300,
        action_items=2_000,
        mag_members=12,
        agenda_items=10,
    ),
}

# Share of people per stakeholder group, and the MAG's balance (government about a third).
PEOPLE_GROUPS = [
    ("civil-society", 30),
    ("technical-community", 20),
    ("private-sector", 18),
    ("academic-community", 17),
    ("government", 12),
    ("intergovernmental-organisation", 3),
]
MAG_GROUPS = [
    ("government", 12),
    ("civil-society", 8),
    ("private-sector", 7),
    ("technical-community", 6),
    ("academic-community", 5),
    ("intergovernmental-organisation", 2),
]
GENDERS = [
    ("woman", 45),
    ("man", 45),
    ("non_binary", 2),
    ("self_described", 1),
    ("prefer_not_to_say", 3),
    ("", 4),
]
LANGUAGES = [("", 80), ("fr", 6), ("es", 6), ("ar", 3), ("ru", 3), ("zh-hans", 2)]
# How many workstreams a person takes part in.
MEMBERSHIPS_PER_PERSON = [(0, 20), (1, 45), (2, 20), (3, 10), (4, 5)]

REGIONS = list(RegionalGroup.values)
REGION_ZONES = {
    "AFRICAN": ["Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Africa/Cairo",
                "Africa/Dakar"],
    "ASIA_PACIFIC": ["Asia/Kolkata", "Asia/Tokyo", "Asia/Jakarta", "Pacific/Auckland",
                     "Asia/Dubai"],
    "EASTERN_EUROPEAN": ["Europe/Warsaw", "Europe/Bucharest", "Europe/Kyiv", "Asia/Tbilisi",
                         "Europe/Belgrade"],
    "GRULAC": ["America/Sao_Paulo", "America/Mexico_City", "America/Bogota",
               "America/Argentina/Buenos_Aires", "America/Port_of_Spain"],
    "WEOG": ["Europe/Berlin", "Europe/London", "America/New_York", "Australia/Sydney",
             "Europe/Zurich"],
}  # fmt: skip
REGIONAL_NRI_NAMES = {
    "AFRICAN": "African IGF",
    "ASIA_PACIFIC": "Asia Pacific Regional IGF",
    "EASTERN_EUROPEAN": "Eastern European IGF",
    "GRULAC": "Latin American and Caribbean IGF",
    "WEOG": "European Dialogue on Internet Governance",
}
REGION_NAMES = {
    "AFRICAN": "Africa",
    "ASIA_PACIFIC": "Asia Pacific",
    "EASTERN_EUROPEAN": "Eastern Europe",
    "GRULAC": "Latin America and the Caribbean",
    "WEOG": "Western Europe and others",
}
SUB_REGIONS = {
    "AFRICAN": ["West Africa", "East Africa", "Southern Africa", "Central Africa"],
    "ASIA_PACIFIC": ["South Asia", "Pacific Islands", "Central Asia", "South-East Asia"],
    "EASTERN_EUROPEAN": ["South Eastern Europe", "Baltic", "Eastern Partnership", "Caucasus"],
    "GRULAC": ["Caribbean", "Central America", "Andean", "Southern Cone"],
    "WEOG": ["Nordic", "North America", "Mediterranean", "Benelux"],
}
# Hosts of the annual meeting, for the years the generated cycles may cover.
HOSTS = {
    2016: ("Guadalajara", "MX"),
    2017: ("Geneva", "CH"),
    2018: ("Paris", "FR"),
    2019: ("Berlin", "DE"),
    2021: ("Katowice", "PL"),
    2022: ("Addis Ababa", "ET"),
    2023: ("Kyoto", "JP"),
    2024: ("Riyadh", "SA"),
    2025: ("Lillestrøm", "NO"),
}
MEETING_ZONE = "Europe/Zurich"
REASON = "Scale data for benchmarks (issue 9)."


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def spread(pairs, total):
    """`total` values in the proportions of `pairs`, interleaved (largest remainder)."""
    weight_sum = sum(weight for _value, weight in pairs)
    result, given = [], Counter()
    for position in range(1, total + 1):
        value = max(pairs, key=lambda p: p[1] * position / weight_sum - given[p[0]])[0]
        given[value] += 1
        result.append(value)
    return result


def batched_create(model, objects, batch_size=BATCH_SIZE):
    """bulk_create in batches; on PostgreSQL and SQLite the objects get their primary keys."""
    objects = list(objects)
    for start in range(0, len(objects), batch_size):
        model.objects.bulk_create(objects[start : start + batch_size])
    return objects


def countries_by_region():
    by_region = defaultdict(list)
    # By code, not by (translated) name: the same order whatever the language.
    for code in sorted(countries.countries):
        region = regional_group_for(code)
        if region:
            by_region[region].append(code)
    return by_region


# ---- What is already there -------------------------------------------------------------------


def generated_roots():
    """What marks generated rows; everything else generated hangs off these."""
    return {
        User: Q(email__iendswith=f"@{EMAIL_DOMAIN}"),
        Workstream: Q(slug__startswith=SLUG_PREFIX),
        Consultation: Q(slug__startswith=SLUG_PREFIX),
        Meeting: Q(slug__startswith=SLUG_PREFIX),
    }


def existing_generated_data():
    """{what: how many} of generated rows in the database; empty when there are none."""
    roots = generated_roots()
    found = {
        "people (@scale.example)": User.objects.filter(roots[User]).count(),
        "workstreams (scale-*)": Workstream.objects.filter(roots[Workstream]).count(),
        "consultations (scale-*)": Consultation.objects.filter(roots[Consultation]).count(),
        "meetings (scale-*)": Meeting.objects.filter(roots[Meeting]).count(),
        "recorded runs": ScaleDataset.objects.count(),
    }
    return {what: n for what, n in found.items() if n}


def _foreign_keys(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]


def _deletion_plan():
    """[(model, queryset)] of every row that belongs to generated data, children first.

    A row belongs to it when it is a generated root or points at a row that does (through any
    foreign key, whatever the app): so rows the benchmark made later (notifications from the
    reminder job, a comment posted in a load test) go too, and a model added later needs no
    change here. Self-references (replies, renewals, sub-items) are left out of the closure:
    those rows are reached through their other keys, and the database checks the rest.
    """
    roots = generated_roots()
    all_models = apps.get_models(include_auto_created=True)
    in_scope = set(roots)
    changed = True
    while changed:
        changed = False
        for model in all_models:
            if model in in_scope:
                continue
            if any(
                f.related_model in in_scope and f.related_model is not model
                for f in _foreign_keys(model)
            ):
                in_scope.add(model)
                changed = True
    # Parents before children, so each queryset can refer to its parents' querysets.
    ordered, placed = [], set()
    while len(ordered) < len(in_scope):
        progress = False
        for model in sorted(in_scope - placed, key=lambda m: m._meta.label):
            parents = {
                f.related_model
                for f in _foreign_keys(model)
                if f.related_model in in_scope and f.related_model is not model
            }
            if parents <= placed:
                ordered.append(model)
                placed.add(model)
                progress = True
        if not progress:
            raise RuntimeError("The models of generated data refer to each other in a circle.")
    querysets = {}
    for model in ordered:
        conditions = [roots[model]] if model in roots else []
        conditions += [
            Q(**{f"{field.name}__in": querysets[field.related_model].values("pk")})
            for field in _foreign_keys(model)
            if field.related_model in querysets and field.related_model is not model
        ]
        querysets[model] = model._base_manager.filter(functools.reduce(operator.or_, conditions))
    return [(model, querysets[model]) for model in reversed(ordered)]


def delete_generated():
    """Delete every generated row and the IGF cycles generation created; {label: rows}.

    One DELETE statement per model (QuerySet._raw_delete: no signals, no rows loaded into
    Python), children first; the database's own foreign keys still refuse, at commit, anything
    that would be left pointing at a deleted row. Cycles go only when nothing else uses them.
    Most of the time goes to those checks: every deleted person is looked up in each of the
    dozens of columns that refer to people.
    """
    deleted = Counter()
    with transaction.atomic():
        for model, queryset in _deletion_plan():
            count = queryset._raw_delete(queryset.db)
            if count:
                deleted[model._meta.label] += count
        cycle_ids = set()
        for dataset in ScaleDataset.objects.all():
            cycle_ids.update(dataset.cycle_ids)
        for cycle in IgfCycle.objects.filter(pk__in=cycle_ids).order_by("year"):
            try:
                with transaction.atomic():
                    cycle.delete()
            except (ProtectedError, RestrictedError):
                continue  # other data (the demo's, say) uses this cycle: it stays
            deleted[IgfCycle._meta.label] += 1
        count, _by_model = ScaleDataset.objects.all().delete()
        if count:
            deleted[ScaleDataset._meta.label] += count
    return dict(sorted(deleted.items()))


# ---- Generation --------------------------------------------------------------------------------


@dataclass
class Person:
    email: str
    display_name: str
    organisation: str
    group: str
    country: str
    region: str
    time_zone: str
    gender: str
    language: str
    public_flags: tuple


class Generator:
    """Makes one size of scale data in a single transaction; see the module docstring."""

    def __init__(self, size, *, seed=DEFAULT_SEED, password=DEFAULT_PASSWORD, now=None, log=None):
        self.size = size
        self.seed = seed
        self.password = password
        # Not for secrets: the same seed must give the same data.
        self.rng = random.Random(f"igfportal-scale-{size.name}-{seed}")  # noqa: S311
        self.now = now or timezone.now()
        self.today = self.now.astimezone(dt.UTC).date()
        self.log = log or (lambda line: None)
        self.counts = Counter()
        self.timings = []
        self.created_cycle_ids = []

    # ---- helpers ---------------------------------------------------------------------------

    @contextmanager
    def step(self, name):
        started = time.perf_counter()
        before = sum(self.counts.values())
        yield
        self.note(name, sum(self.counts.values()) - before, time.perf_counter() - started)

    def note(self, name, rows, seconds):
        self.timings.append((name, rows, seconds))
        self.log(f"  {name:<34} {rows:>9,} rows {seconds:>7.1f} s")

    def insert(self, model, objects):
        objects = batched_create(model, objects)
        self.counts[model._meta.label] += len(objects)
        return objects

    def day(self, offset):
        return self.today + dt.timedelta(days=offset)

    # ---- the run ---------------------------------------------------------------------------

    def run(self):
        """Generate everything; return the manifest (what the benchmark loads, and counts)."""
        started = time.perf_counter()
        # Names made from translatable labels (countries, principles) are in English.
        with translation.override("en"), transaction.atomic():
            with self.step("IGF cycles"):
                self.make_cycles()
            with self.step("people"):
                self.make_people()
            with self.step("workstreams"):
                self.make_workstreams()
            with self.step("memberships"):
                self.make_memberships()
            with self.step("MAG terms and duties"):
                self.make_mag()
            with self.step("milestones"):
                self.make_milestones()
            with self.step("action items"):
                self.make_action_items()
            with self.step("consultation and comments"):
                self.make_consultation()
            with self.step("MAG meeting and agenda"):
                self.make_meeting()
            with self.step("benchmark account"):
                # Hashed once, with the configured hasher: the only usable password made here.
                User.objects.filter(pk=self.mag_member.pk).update(
                    password=make_password(self.password)
                )
            ScaleDataset.objects.create(
                size=self.size.name,
                seed=self.seed,
                cycle_ids=self.created_cycle_ids,
                counts=dict(sorted(self.counts.items())),
            )
            commit_started = time.perf_counter()
        # On PostgreSQL the foreign keys are checked now, at commit (they are deferred).
        self.note("commit", 0, time.perf_counter() - commit_started)
        if connection.vendor == "postgresql":
            with self.step("analyze (planner statistics)"):
                self.analyze()
        self.elapsed = time.perf_counter() - started
        return self.manifest()

    def analyze(self):
        """Fresh planner statistics for the tables just filled, as a database in service has:
        the benchmark must not measure plans made for empty tables before autovacuum runs."""
        tables = {apps.get_model(label)._meta.db_table for label in self.counts}
        with connection.cursor() as cursor:
            for table in sorted(tables):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    # ---- cycles ----------------------------------------------------------------------------

    def make_cycles(self):
        years = range(self.today.year - self.size.cycles + 1, self.today.year + 1)
        existing = {cycle.year: cycle for cycle in IgfCycle.objects.filter(year__in=years)}
        new = []
        for year in years:
            if year not in existing:
                city, country = HOSTS.get(year, ("", ""))
                new.append(IgfCycle(year=year, host_city=city, host_country=country))
        self.insert(IgfCycle, new)
        self.created_cycle_ids = [cycle.pk for cycle in new]
        self.cycles = sorted([*existing.values(), *new], key=lambda cycle: cycle.year)
        self.current_cycle = self.cycles[-1]

    # ---- people ----------------------------------------------------------------------------

    def plan_people(self):
        rng = self.rng
        by_region = self.by_region = countries_by_region()
        people = []
        for index in range(self.size.people):
            if index == 0:
                email = SECRETARIAT_EMAIL
            elif index == 1:
                email = MAG_MEMBER_EMAIL
            else:
                email = f"person{index:05d}@{EMAIL_DOMAIN}"
            group = weighted(rng, PEOPLE_GROUPS)
            region = rng.choice(REGIONS)
            country = rng.choice(by_region[region])
            people.append(
                Person(
                    email=email,
                    display_name=f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}",
                    organisation=rng.choice(text.ORGANISATIONS[group]),
                    group=group,
                    country=country,
                    region=region,
                    time_zone=rng.choice(REGION_ZONES[region]),
                    gender=weighted(rng, GENDERS),
                    language=weighted(rng, LANGUAGES),
                    public_flags=(
                        rng.random() < 0.8,
                        rng.random() < 0.9,
                        rng.random() < 0.85,
                        rng.random() < 0.3,
                    ),
                )
            )
        people[0].display_name = "Scale Secretariat"
        people[0].organisation = "IGF Secretariat (scale data)"
        people[0].group = "intergovernmental-organisation"
        # The current MAG, balanced by stakeholder group, region and gender (R-MAG-4): the
        # benchmark's MAG member first. Their profiles say what their terms say.
        pool = list(range(2, self.size.people))
        self.mag_indices = [1, *rng.sample(pool, self.size.mag_members - 1)]
        groups = spread(MAG_GROUPS, self.size.mag_members)
        for position, index in enumerate(self.mag_indices):
            person = people[index]
            person.group = groups[position]
            person.organisation = rng.choice(text.ORGANISATIONS[person.group])
            person.region = REGIONS[position % len(REGIONS)]
            person.country = rng.choice(by_region[person.region])
            person.time_zone = rng.choice(REGION_ZONES[person.region])
            person.gender = ("woman", "man")[position % 2] if position % 9 != 8 else "non_binary"
        return people

    def make_people(self):
        rng = self.rng
        self.people = people = self.plan_people()
        groups = {group.slug: group for group in StakeholderGroup.objects.all()}
        self.groups = groups
        users = []
        for index, person in enumerate(people):
            suffix = "".join(rng.choices(UNUSABLE_ALPHABET, k=UNUSABLE_SUFFIX_LENGTH))
            users.append(
                User(
                    email=person.email,
                    password="!" + suffix,
                    is_staff=index == 0,
                    date_joined=self.now - dt.timedelta(minutes=rng.randint(60, 5 * 365 * 1440)),
                )
            )
        self.users = self.insert(User, users)
        self.secretariat = self.users[0]
        self.mag_member = self.users[1]
        profiles = []
        for user, person in zip(self.users, people, strict=True):
            org, group, country, gender = person.public_flags
            profiles.append(
                Profile(
                    user=user,
                    display_name=person.display_name,
                    organisation=person.organisation,
                    stakeholder_group=groups[person.group],
                    country=person.country,
                    # What Profile.save() derives; bulk_create does not call save().
                    un_regional_group=regional_group_for(person.country),
                    time_zone=person.time_zone,
                    language=person.language,
                    gender=person.gender,
                    gender_self_description=(
                        "Genderqueer" if person.gender == "self_described" else ""
                    ),
                    public_organisation=org,
                    public_stakeholder_group=group,
                    public_country=country,
                    public_gender=gender,
                )
            )
        self.insert(Profile, profiles)
        self.insert(
            EmailAddress,
            (
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in self.users
            ),
        )
        self.insert(
            SiteRole,
            [
                SiteRole(
                    user=self.secretariat,
                    role=SiteRole.Role.SECRETARIAT,
                    grant_reason=REASON,
                )
            ],
        )

    # ---- workstreams -----------------------------------------------------------------------

    def plan_nris(self):
        rng = self.rng
        plan = []
        per_region, extra = divmod(self.size.nris, len(REGIONS))
        for position, region in enumerate(REGIONS):
            quota = per_region + (1 if position < extra else 0)
            regional = min(1, quota)
            youth_regional = 1 if quota >= 10 else 0
            sub_regional = 2 if quota >= 10 else (1 if quota >= 5 else 0)
            rest = quota - regional - youth_regional - sub_regional
            youth_national = max(1, rest // 4) if rest >= 2 else 0
            national = rest - youth_national
            countries_here = rng.sample(self.by_region[region], national)
            zones = REGION_ZONES[region]
            base = {"region": region, "un_regional_group": region}
            if regional:
                name = REGIONAL_NRI_NAMES[region]
                plan.append(
                    {**base, "name": name, "level": "regional", "youth": False,
                     "region_name": REGION_NAMES[region], "zone": zones[0]}
                )  # fmt: skip
            if youth_regional:
                plan.append(
                    {**base, "name": f"Youth {REGIONAL_NRI_NAMES[region]}", "level": "regional",
                     "youth": True, "region_name": REGION_NAMES[region], "zone": zones[0]}
                )  # fmt: skip
            for sub in SUB_REGIONS[region][:sub_regional]:
                plan.append(
                    {**base, "name": f"{sub} IGF", "level": "sub_regional", "youth": False,
                     "region_name": sub, "zone": rng.choice(zones)}
                )  # fmt: skip
            for number, code in enumerate(countries_here):
                country_name = str(countries.name(code))
                zone = rng.choice(zones)
                plan.append(
                    {**base, "name": f"{country_name} IGF", "level": "national", "youth": False,
                     "country": code, "zone": zone}
                )  # fmt: skip
                if number < youth_national:
                    plan.append(
                        {**base, "name": f"Youth IGF {country_name}", "level": "national",
                         "youth": True, "country": code, "zone": zone}
                    )  # fmt: skip
        return plan

    def plan_intersessional(self):
        """DCs, BPFs and PNs spread over the cycles, the newest first; statuses as they go."""
        rng = self.rng
        plan = []
        topics = text.TOPICS
        newest_first = list(reversed(self.cycles))
        for kind, total, label, shift in (
            (Kind.DC, self.size.dcs, "Dynamic Coalition on", 0),
            (Kind.BPF, self.size.bpfs, "Best Practice Forum on", 17),
            (Kind.PN, self.size.pns, "Policy Network on", 26),
        ):
            for number in range(total):
                back, nth = number % len(newest_first), number // len(newest_first)
                cycle = newest_first[back]
                # Distinct topics within a cycle (names carry the year, so they are unique).
                topic = topics[(nth + 3 * back + shift) % len(topics)]
                if kind == Kind.DC:
                    roll = rng.random()
                    if back <= 1 and roll < 0.04:
                        status = Status.PROPOSED
                    elif roll < 0.12:
                        status = Status.INACTIVE
                    elif roll < 0.19 and back >= 2:
                        status = Status.CONCLUDED
                    else:
                        status = Status.ACTIVE
                elif back == 0 or (back == 1 and rng.random() < (0.5 if kind == Kind.PN else 0.25)):
                    # This cycle's BPFs and PNs run; some of last cycle's carry on.
                    status = Status.ACTIVE
                else:
                    status = Status.CONCLUDED
                abbreviation = "".join(word[0] for word in topic.split() if word[0].isupper())
                plan.append(
                    {
                        "kind": kind,
                        "name": f"{label} {topic} ({cycle.year})",
                        "short_name": f"{kind.upper()}-{abbreviation}-{cycle.year % 100:02d}",
                        "topic": topic,
                        "cycle": cycle,
                        "status": status,
                        "zone": rng.choice(["UTC", "UTC", "Europe/Zurich", "America/New_York"]),
                    }
                )
        return plan

    def make_workstreams(self):
        rng = self.rng
        plans = []
        for row in self.plan_nris():
            plans.append({**row, "kind": Kind.NRI, "status": Status.ACTIVE})
        plans.extend(self.plan_intersessional())
        workstreams = []
        self.plans = plans
        for row in plans:
            base_name = row["name"]
            kind = row["kind"]
            if kind == Kind.NRI:
                slug = f"{SLUG_PREFIX}nri-{slugify(base_name)[:60].rstrip('-')}"
                what = (
                    f"The {'youth ' if row['youth'] else ''}{row['level'].replace('_', '-')} "
                    "Internet Governance Forum initiative"
                )
                description = (
                    f"{what} of {row.get('region_name') or countries.name(row['country'])}"
                )
            else:
                # The year keeps slugs unique: topics recur from one cycle to the next.
                slug = f"{SLUG_PREFIX}{kind}-{slugify(row['topic'])[:50].rstrip('-')}"
                slug += f"-{row['cycle'].year}"
                description = f"Intersessional work on {row['topic'].lower()}"
            description += (
                ": open, transparent, inclusive, bottom-up, multistakeholder and non-commercial. "
                + text.sentences(rng, 2, 4)
            )
            country = row.get("country", "")
            workstreams.append(
                Workstream(
                    kind=kind,
                    slug=slug,
                    name=f"{base_name} (scale)",
                    short_name=row.get("short_name", ""),
                    status=row["status"],
                    description=description,
                    methodology=text.sentences(rng, 2, 3) if kind == Kind.BPF else "",
                    mailing_list=f"{slug}@lists.{EMAIL_DOMAIN}",
                    archive_url=f"https://lists.{EMAIL_DOMAIN}/archives/{slug}/",
                    cycle=row.get("cycle"),
                    nri_level=row.get("level", "") if kind == Kind.NRI else "",
                    is_youth=row.get("youth", False),
                    country=country,
                    region_name=row.get("region_name", ""),
                    # What Workstream.save() derives from a country; set by hand otherwise.
                    un_regional_group=(
                        regional_group_for(country) if country else row.get("un_regional_group", "")
                    ),
                    time_zone=row["zone"],
                )
            )
        self.workstreams = self.insert(Workstream, workstreams)
        self.make_workstream_records()

    def make_workstream_records(self):
        """What the recognition workflows leave behind: events, applications, assessments,
        the DCCG invitation, BPF support, PN topic decisions and consultants."""
        rng = self.rng
        secretariat = self.secretariat
        events = []
        for workstream in self.workstreams:
            events.append(
                WorkstreamEvent(
                    workstream=workstream,
                    actor=secretariat,
                    verb=WorkstreamEvent.Verb.CREATED,
                    to_status=Status.PROPOSED,
                    reason=REASON,
                )
            )
            steps = {
                Status.ACTIVE: ["activate"],
                Status.INACTIVE: ["activate", "deactivate"],
                Status.CONCLUDED: ["activate", "conclude"],
            }.get(workstream.status, [])
            before = Status.PROPOSED
            for action in steps:
                after = {"activate": Status.ACTIVE, "deactivate": Status.INACTIVE}.get(
                    action, Status.CONCLUDED
                )
                events.append(
                    WorkstreamEvent(
                        workstream=workstream,
                        actor=secretariat,
                        verb=WorkstreamEvent.Verb.TRANSITION,
                        from_status=before,
                        to_status=after,
                        details={"action": action},
                        reason=REASON,
                    )
                )
                before = after
        self.insert(WorkstreamEvent, events)

        decided = self.now - dt.timedelta(days=200)
        dcs = [w for w in self.workstreams if w.kind == Kind.DC]
        applications = self.insert(
            DcApplication,
            [
                DcApplication(
                    workstream=workstream,
                    status=(
                        DcApplication.Status.SUBMITTED
                        if workstream.status == Status.PROPOSED
                        else DcApplication.Status.RECOGNISED
                    ),
                    submitted_at=decided - dt.timedelta(days=30),
                    submitted_by=secretariat,
                    decided_at=None if workstream.status == Status.PROPOSED else decided,
                    created_by=secretariat,
                    need=text.sentences(rng, 2, 3),
                    action_plan=text.sentences(rng, 2, 3),
                    mailing_list=workstream.mailing_list,
                    contact_name=f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}",
                    contact_email=f"contact@{workstream.slug}.{EMAIL_DOMAIN}",
                    open_membership=True,
                    open_mailing_list=True,
                    open_archives=True,
                )
                for workstream in dcs
            ],
        )
        group_list = list(self.groups.values())
        representatives = []
        for application in applications:
            for group in rng.sample(group_list, rng.randint(3, 4)):  # R-DC-1: three or more
                representatives.append(
                    DcRepresentative(
                        application=application,
                        name=f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}",
                        organisation=rng.choice(text.ORGANISATIONS[group.slug]),
                        stakeholder_group=group,
                    )
                )
        self.insert(DcRepresentative, representatives)
        self.insert(
            DccgInvitation,
            [
                DccgInvitation(workstream=workstream, invited_by=secretariat)
                for workstream in dcs
                if workstream.is_public
            ],
        )

        nris = [w for w in self.workstreams if w.kind == Kind.NRI]
        nri_applications = self.insert(
            NriApplication,
            [
                NriApplication(
                    workstream=workstream,
                    status=NriApplication.Status.RECOGNISED,
                    submitted_at=decided - dt.timedelta(days=60),
                    submitted_by=secretariat,
                    decided_at=decided,
                    created_by=secretariat,
                    statement=text.sentences(rng, 4, 6),
                )
                for workstream in nris
            ],
        )
        Through = NriApplication.committee_groups.through
        self.insert(
            Through,
            [
                Through(nriapplication=application, stakeholdergroup=group)
                for application in nri_applications
                for group in rng.sample(group_list, rng.randint(3, 6))
            ],
        )
        self.insert(
            PrincipleAssessment,
            [
                PrincipleAssessment(
                    application=application,
                    principle=principle,
                    meets=True,
                    notes=f"{CorePrinciple(principle).label}: met (scale data).",
                    assessed_by=secretariat,
                )
                for application in nri_applications
                for principle in CorePrinciple.values
            ],
        )

        self.insert(
            BpfSupport,
            [
                BpfSupport(
                    workstream=workstream,
                    mailing_list=True,
                    virtual_meetings=True,
                    web_pages=True,
                    surveys=rng.random() < 0.6,
                    penholder=secretariat,
                    updated_by=secretariat,
                )
                for workstream in self.workstreams
                if workstream.kind == Kind.BPF
            ],
        )
        pns = [w for w in self.workstreams if w.kind == Kind.PN]
        self.insert(
            TopicDecision,
            [
                TopicDecision(
                    workstream=workstream,
                    topic=self.plans[self.workstreams.index(workstream)]["topic"],
                    decided_on=dt.date(workstream.cycle.year, 1, 15),
                    reason="Public consultation and MAG advice (scale data).",
                    decided_by=secretariat,
                )
                for workstream in pns
            ],
        )
        self.insert(
            PnConsultant,
            [
                PnConsultant(
                    workstream=workstream,
                    name=f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.LAST_NAMES)}",
                    organisation="Example Consulting (scale data)",
                    contract_date=dt.date(workstream.cycle.year, 2, 1),
                    recorded_by=secretariat,
                )
                for workstream in pns
            ],
        )

    # ---- roles -----------------------------------------------------------------------------

    def make_memberships(self):
        rng = self.rng
        people = range(2, self.size.people)
        workstreams = self.workstreams
        active = [w for w in workstreams if w.status == Status.ACTIVE]
        # Sizes follow a long tail: a few workstreams with thousands of people, most with few.
        ranks = list(range(len(workstreams)))
        rng.shuffle(ranks)
        status_factor = {
            Status.ACTIVE: 1.0,
            Status.INACTIVE: 0.4,
            Status.CONCLUDED: 0.3,
            Status.PROPOSED: 0.05,
        }
        position_of = {w.pk: position for position, w in enumerate(workstreams)}
        self.benchmark_dc = min(
            (w for w in active if w.kind == Kind.DC), key=lambda w: ranks[position_of[w.pk]]
        )
        current_pns = [w for w in active if w.kind == Kind.PN and w.cycle == self.current_cycle]
        self.consultation_pn = current_pns[0]
        # The benchmark's workstream is the largest; the consultation's PN comes next.
        for favourite, rank in ((self.benchmark_dc, 0), (self.consultation_pn, 1)):
            position, other = position_of[favourite.pk], ranks.index(rank)
            ranks[position], ranks[other] = rank, ranks[position]
        weights = [
            status_factor[w.status] / (ranks[position] + 1) ** 0.9
            for position, w in enumerate(workstreams)
        ]
        roles = [{} for _ in workstreams]  # position -> {person index: role}
        for position in range(len(workstreams)):
            for index in rng.sample(people, 3 if ranks[position] < 20 else 2):
                roles[position][index] = Role.COORDINATOR
        # The benchmark's MAG member coordinates a mid-sized DC and takes part in the
        # benchmark's workstream and the consultation's PN.
        dcs_by_size = sorted(
            (w for w in active if w.kind == Kind.DC), key=lambda w: ranks[position_of[w.pk]]
        )
        self.mag_member_dc = dcs_by_size[len(dcs_by_size) // 3]
        roles[position_of[self.mag_member_dc.pk]][1] = Role.COORDINATOR
        roles[position_of[self.benchmark_dc.pk]].setdefault(1, Role.MEMBER)
        roles[position_of[self.consultation_pn.pk]].setdefault(1, Role.MEMBER)
        self.plan_duties(active, roles, position_of)
        cumulative = list(itertools.accumulate(weights))
        for index in people:
            wanted = weighted(rng, MEMBERSHIPS_PER_PERSON)
            chosen = set()
            for _attempt in range(wanted * 3):
                if len(chosen) == wanted:
                    break
                chosen.add(rng.choices(range(len(workstreams)), cum_weights=cumulative)[0])
            for position in chosen:
                if index not in roles[position]:
                    roles[position][index] = Role.OBSERVER if rng.random() < 0.15 else Role.MEMBER
        self.roles = roles
        memberships, events = [], []
        for position, workstream in enumerate(workstreams):
            for index, role in roles[position].items():
                user = self.users[index]
                joined = role == Role.MEMBER
                memberships.append(
                    Membership(
                        workstream=workstream,
                        user=user,
                        role=role,
                        granted_by=None if joined else self.secretariat,
                        grant_reason="" if joined else REASON,
                    )
                )
                events.append(
                    WorkstreamEvent(
                        workstream=workstream,
                        actor=user if joined else self.secretariat,
                        verb=WorkstreamEvent.Verb.JOINED
                        if joined
                        else WorkstreamEvent.Verb.ROLE_GRANTED,
                        subject_user=user,
                        details={"role": role},
                        reason="" if joined else REASON,
                    )
                )
        self.insert(Membership, memberships)
        self.insert(WorkstreamEvent, events)

    def plan_duties(self, active, roles, position_of):
        """MAG duties (R-MAG-6): facilitators for active BPFs (who join the coordinating team,
        R-BPF-3), liaisons for active PNs (R-PN-3), the DCCG liaison (R-DC-6); and each active
        PN's working group (R-PN-2), whose members take part in the PN."""
        rng = self.rng
        mag = self.mag_indices
        self.duties = []  # (kind, person index, workstream or None)
        others = mag[1:]
        helpers = itertools.cycle(rng.sample(others, len(others)))
        for workstream in active:
            if workstream.kind not in (Kind.BPF, Kind.PN):
                continue
            duty = Duty.BPF_FACILITATOR if workstream.kind == Kind.BPF else Duty.PN_LIAISON
            holders = {next(helpers) for _ in range(2)}
            if workstream in (self.consultation_pn, self.first_bpf(active)):
                holders.add(1)
            for index in sorted(holders):
                self.duties.append((duty, index, workstream))
                if duty == Duty.BPF_FACILITATOR:
                    roles[position_of[workstream.pk]][index] = Role.COORDINATOR
        # R-DC-6: at most one DCCG liaison; an existing one (the demo's) keeps the duty.
        if not LiaisonAssignment.objects.active().filter(kind=Duty.DCCG_LIAISON).exists():
            self.duties.append((Duty.DCCG_LIAISON, next(helpers), None))
        self.working_groups = []  # (workstream, [person indices])
        for workstream in active:
            if workstream.kind != Kind.PN:
                continue
            position = position_of[workstream.pk]
            wg = rng.sample(range(2, self.size.people), min(20, self.size.people - 2))
            if workstream == self.consultation_pn:
                wg[0] = 1
            for index in wg:
                roles[position].setdefault(index, Role.MEMBER)
            self.working_groups.append((workstream, wg))

    def first_bpf(self, active):
        return next(
            (w for w in active if w.kind == Kind.BPF and w.cycle == self.current_cycle), None
        )

    # ---- the MAG ---------------------------------------------------------------------------

    def make_mag(self):
        rng = self.rng
        cycle = self.current_cycle
        start, end = dt.date(cycle.year, 1, 1), dt.date(cycle.year, 12, 31)
        developing = default_developing_countries()
        terms = []
        for index in self.mag_indices:
            person = self.people[index]
            terms.append(
                MagTerm(
                    user=self.users[index],
                    cycle=cycle,
                    start=start,
                    end=end,
                    stakeholder_group=self.groups[person.group],
                    country=person.country,
                    # What MagTerm.save() derives; bulk_create does not call save().
                    un_regional_group=regional_group_for(person.country),
                    gender=person.gender,
                    developing_country=person.country in developing,
                    created_by=self.secretariat,
                )
            )
        self.terms = self.insert(MagTerm, terms)
        self.insert(
            MagEvent,
            [
                MagEvent(
                    actor=self.secretariat,
                    action="term_created",
                    subject_user=term.user,
                    cycle=cycle,
                    reason=REASON,
                    details={
                        "term": term.pk,
                        "renewal_of": None,
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                        "year_on_the_mag": 1,
                    },
                )
                for term in self.terms
            ],
        )
        self.insert(
            LiaisonAssignment,
            [
                LiaisonAssignment(
                    member=self.users[index],
                    kind=kind,
                    workstream=workstream,
                    start=start,
                    reason=REASON,
                    assigned_by=self.secretariat,
                )
                for kind, index, workstream in self.duties
            ],
        )
        invitations = []
        for workstream, wg in self.working_groups:
            for index in wg:
                invitations.append(
                    WgInvitation(
                        workstream=workstream,
                        person=self.users[index],
                        discipline=rng.choice(text.DISCIPLINES),
                        status=WgInvitation.Status.ACCEPTED,
                        invited_by=self.secretariat,
                        responded_at=self.now - dt.timedelta(days=rng.randint(30, 200)),
                    )
                )
        self.insert(WgInvitation, invitations)

    # ---- timelines -------------------------------------------------------------------------

    def make_milestones(self):
        rng = self.rng
        milestones = []
        for workstream in self.workstreams:
            if workstream.status != Status.ACTIVE:
                continue
            # Past, under way and upcoming; none close enough to today to remind followers.
            for title, start, end in (
                ("Kick-off call", self.day(-rng.randint(30, 90)), None),
                ("Open call for input", self.day(-rng.randint(1, 10)), self.day(30)),
                ("Session at the annual meeting", self.day(rng.randint(40, 120)), None),
            ):
                milestones.append(
                    Milestone(
                        workstream=workstream,
                        title=title,
                        start=start,
                        end=end,
                        is_deadline=False,
                        created_by=self.secretariat,
                    )
                )
        self.insert(Milestone, milestones)

    def deadline_offsets(self):
        """Day offsets whose reminder is due today in any time zone (R-TL-2): before-7/before-1
        ahead, overdue behind within the look-back; a day's margin each side, since a
        workstream's "today" may have moved on by the time the reminder job runs."""
        ahead = max(settings.REMINDER_DAYS_BEFORE, default=0)
        behind = settings.REMINDER_OVERDUE_LOOKBACK_DAYS
        upcoming = list(range(1, ahead)) or [0]
        overdue = list(range(-(behind - 1), -1)) or [-1]
        return upcoming, overdue

    def make_action_items(self):
        rng = self.rng
        active = [
            (position, w)
            for position, w in enumerate(self.workstreams)
            if w.status == Status.ACTIVE
        ]
        weights = [math.sqrt(len(self.roles[position])) for position, _w in active]
        cumulative = list(itertools.accumulate(weights))
        upcoming, overdue = self.deadline_offsets()
        todays = {w.pk: w.today(self.now) for _p, w in active}
        people_of = {
            w.pk: (
                list(self.roles[position]),
                [i for i, role in self.roles[position].items() if role == Role.COORDINATOR],
            )
            for position, w in active
        }
        items, actor_rows, due = [], [], 0
        mag_member_items = 0
        mag_member_workstreams = {w.pk for position, w in active if 1 in self.roles[position]}
        for _number in range(self.size.action_items):
            position, workstream = active[
                rng.choices(range(len(active)), cum_weights=cumulative)[0]
            ]
            today = todays[workstream.pk]
            offset = rng.choice(overdue) if rng.random() < 0.3 else rng.choice(upcoming)
            deadline = today + dt.timedelta(days=offset)
            occasion = occasion_for(deadline, today)
            if occasion is not None and (
                occasion != "overdue"
                or (today - deadline).days <= settings.REMINDER_OVERDUE_LOOKBACK_DAYS
            ):
                due += 1
            everyone, coordinators = people_of[workstream.pk]
            item = ActionItem(
                workstream=workstream,
                action=text.action_text(rng),
                deadline=deadline,
                created_by=self.users[rng.choice(coordinators)],
            )
            shape = rng.random()
            users, item_roles = [], []
            if shape < 0.15:
                item_roles = [Role.COORDINATOR]
            elif shape < 0.2:
                users, item_roles = [rng.choice(everyone)], [Role.COORDINATOR]
            elif shape < 0.3:
                users = sorted(set(rng.sample(everyone, min(2, len(everyone)))))
            else:
                users = [rng.choice(everyone)]
            # A few dozen items name the benchmark's MAG member directly (their dashboard).
            if (
                mag_member_items < 25
                and workstream.pk in mag_member_workstreams
                and 1 not in users
                and rng.random() < 0.05
            ):
                users.append(1)
                mag_member_items += 1
            items.append(item)
            actor_rows.append((users, item_roles))
        self.insert(ActionItem, items)
        actors, events = [], []
        for item, (users, item_roles) in zip(items, actor_rows, strict=True):
            actors.extend(ActionItemActor(item=item, user=self.users[i]) for i in users)
            actors.extend(ActionItemActor(item=item, role=role) for role in item_roles)
            events.append(
                ActionItemEvent(
                    item=item,
                    actor=item.created_by,
                    verb="created",
                    details={
                        "deadline": item.deadline.isoformat(),
                        "users": sorted(self.users[i].pk for i in users),
                        "roles": sorted(item_roles),
                        "imported": False,
                    },
                )
            )
        self.insert(ActionItemActor, actors)
        self.insert(ActionItemEvent, events)
        self.reminders_due = due

    # ---- the consultation ------------------------------------------------------------------

    def draft_body(self):
        """Markdown that publishing splits into exactly `paragraphs` numbered blocks."""
        rng = self.rng
        blocks, section = [], 0
        while len(blocks) < self.size.paragraphs:
            number = len(blocks)
            if number % 12 == 0 and self.size.paragraphs - number > 1:
                section += 1
                blocks.append(f"## {section}. {rng.choice(text.TOPICS)}")
            elif number % 12 == 5:
                items = "\n".join(f"- {text.sentence(rng)}" for _ in range(rng.randint(2, 4)))
                blocks.append(items)
            elif number % 12 == 9:
                blocks.append(
                    f"{text.sentences(rng, 1, 2)} See the "
                    "[IGF intersessional work](https://www.intgovforum.org/) and the "
                    f"**recommendations** in section {section}."
                )
            else:
                blocks.append(text.sentences(rng, 2, 4))
        return "\n\n".join(blocks)

    def make_consultation(self):
        rng = self.rng
        pn = self.consultation_pn
        position = self.workstreams.index(pn)
        coordinators = [
            self.users[i] for i, role in self.roles[position].items() if role == Role.COORDINATOR
        ]
        editor = coordinators[0]
        topic = pn.name.removeprefix("Policy Network on ").removesuffix(" (scale)")
        consultation = self.insert(
            Consultation,
            [
                Consultation(
                    workstream=pn,
                    title=f"Policy Network on {topic}: draft output document",
                    slug=f"{SLUG_PREFIX}{slugify(pn.short_name)}-draft-output"[:80],
                    summary=text.sentences(rng, 2, 3),
                    status=Consultation.Status.OPEN,
                    is_policy_network_output=True,
                    created_by=editor,
                )
            ],
        )[0]
        self.consultation = consultation
        self.insert(
            Editor,
            [
                Editor(
                    consultation=consultation,
                    user=user,
                    status=Editor.Status.APPROVED,
                    decided_by=self.secretariat,
                    decided_at=self.now - dt.timedelta(days=40),
                )
                for user in coordinators
            ],
        )
        published_at = self.now - dt.timedelta(days=14, hours=1)
        body = self.draft_body()
        draft = self.insert(
            Draft,
            [
                Draft(
                    consultation=consultation,
                    version=1,
                    title=consultation.title,
                    body=body,
                    status=Draft.Status.PUBLISHED,
                    published_at=published_at,
                    published_by=editor,
                    created_by=editor,
                )
            ],
        )[0]
        self.draft = draft
        # Exactly what publish_draft makes: the same split, the same sanitised HTML.
        blocks = split_paragraphs(body)
        if len(blocks) != self.size.paragraphs:
            raise RuntimeError(f"The draft split into {len(blocks)} paragraphs, not the size's.")
        window_opens = self.now - dt.timedelta(days=14)
        phase_rows = [
            (Phase.Kind.CALL_FOR_CONTRIBUTIONS, self.now - dt.timedelta(days=60),
             self.now - dt.timedelta(days=30), None),
            (Phase.Kind.COMMENT_WINDOW, window_opens, self.now + dt.timedelta(days=14), draft),
            (Phase.Kind.EDITORIAL_REVIEW, self.now + dt.timedelta(days=14),
             self.now + dt.timedelta(days=28), None),
            (Phase.Kind.FINAL_OUTPUT, self.now + dt.timedelta(days=35), None, None),
        ]  # fmt: skip
        phases = self.insert(
            Phase,
            [
                Phase(
                    consultation=consultation,
                    kind=kind,
                    opens_at=opens,
                    closes_at=closes,
                    draft=phase_draft,
                    created_by=editor,
                )
                for kind, opens, closes, phase_draft in phase_rows
            ],
        )
        window = phases[1]

        commenters = rng.sample(
            range(2 + self.size.mag_members, self.size.people),
            min(self.size.people - 2 - self.size.mag_members, max(1, self.size.comments // 3)),
        )
        commenters = [i for i in commenters if i not in self.mag_indices]
        paragraph_weights = [
            (0.2 if block.is_heading else 1.0) / (rank + 1) ** 0.6
            for rank, block in zip(rng.sample(range(len(blocks)), len(blocks)), blocks, strict=True)
        ]
        replies = self.size.comments // 5
        top_level = self.size.comments - replies
        plan = []  # [paragraph index, author index, hidden, parent plan index]
        for _number in range(top_level):
            paragraph = rng.choices(range(len(blocks)), weights=paragraph_weights)[0]
            plan.append([paragraph, rng.choice(commenters), rng.random() < 0.03, None])
        visible_top = [n for n, row in enumerate(plan) if not row[2]]
        for _number in range(replies):
            parent = rng.choice(visible_top)
            author = rng.choice(commenters)
            while author == plan[parent][1] and len(commenters) > 1:
                author = rng.choice(commenters)
            plan.append([plan[parent][0], author, rng.random() < 0.01, parent])
        visible = Counter(row[0] for row in plan if not row[2])
        paragraphs = self.insert(
            Paragraph,
            [
                Paragraph(
                    draft=draft,
                    number=block.number,
                    anchor=block.anchor,
                    source=block.source,
                    html=block.html,
                    is_heading=block.is_heading,
                    # Kept by the comment services: visible comments and replies.
                    comment_count=visible[position],
                )
                for position, block in enumerate(blocks)
            ],
        )
        hidden_at = self.now - dt.timedelta(hours=6)
        comments = []
        for paragraph, author, hidden, parent in plan:
            comments.append(
                Comment(
                    paragraph=paragraphs[paragraph],
                    draft=draft,
                    phase=window,
                    parent=comments[parent] if parent is not None else None,
                    author=self.users[author],
                    body=text.sentences(rng, 1, 4),
                    language=weighted(rng, [("en", 85), ("fr", 6), ("es", 6), ("ar", 3)]),
                    named_in_output=rng.random() < 0.6,
                    status=Comment.Status.HIDDEN if hidden else Comment.Status.VISIBLE,
                    hidden_at=hidden_at if hidden else None,
                    hidden_by=editor if hidden else None,
                    hidden_reason=rng.choice(text.HIDE_REASONS) if hidden else "",
                )
            )
        # Top-level comments first: replies need their parent's primary key.
        self.insert(Comment, comments[:top_level])
        self.insert(Comment, comments[top_level:])
        # Spread over the window so far (created is auto_now_add, which bulk_create sets to
        # now); a reply comes after its comment.
        span = (self.now - window_opens).total_seconds()
        for number, comment in enumerate(comments[:top_level]):
            comment.created = window_opens + dt.timedelta(
                seconds=span * (number + rng.random()) / (top_level + 1)
            )
        for comment in comments[top_level:]:
            left = (self.now - comment.parent.created).total_seconds()
            comment.created = comment.parent.created + dt.timedelta(seconds=left * rng.random())
        Comment.objects.bulk_update(comments, ["created"], batch_size=1000)

        events = [
            ConsultationEvent(
                consultation=consultation,
                actor=editor,
                action="created",
                details={"title": consultation.title},
            ),
            *(
                ConsultationEvent(
                    consultation=consultation,
                    actor=editor,
                    action="phase_added",
                    details={
                        "phase": phase.pk,
                        "kind": phase.kind,
                        "opens_at": phase.opens_at.isoformat(),
                        "closes_at": phase.closes_at.isoformat() if phase.closes_at else None,
                        "draft": 1 if phase.draft_id else None,
                    },
                )
                for phase in phases
            ),
            ConsultationEvent(
                consultation=consultation,
                actor=editor,
                action="draft_created",
                details={"version": 1},
            ),
            ConsultationEvent(
                consultation=consultation,
                actor=editor,
                action="draft_published",
                details={"version": 1, "paragraphs": len(blocks)},
            ),
        ]
        for comment in comments:
            events.append(
                ConsultationEvent(
                    consultation=consultation,
                    actor=comment.author,
                    action="comment_posted",
                    details={
                        "comment": comment.pk,
                        "paragraph": comment.paragraph.number,
                        "version": 1,
                        "reply_to": comment.parent_id,
                    },
                )
            )
            if comment.status == Comment.Status.HIDDEN:
                events.append(
                    ConsultationEvent(
                        consultation=consultation,
                        actor=editor,
                        action="comment_hidden",
                        subject_user=comment.author,
                        reason=comment.hidden_reason,
                        details={"comment": comment.pk, "flags_resolved": 0},
                    )
                )
        self.insert(ConsultationEvent, events)
        self.visible_comments = sum(visible.values())

    # ---- the MAG meeting -------------------------------------------------------------------

    def agenda_text(self, first_day, second_day):
        """An agenda in seed 003's layout, for mag.agenda_import.parse_agenda."""
        bpfs = [w for w in self.workstreams if w.kind == Kind.BPF and w.status == Status.ACTIVE]
        pns = [w for w in self.workstreams if w.kind == Kind.PN and w.status == Status.ACTIVE]

        def subs(names):
            return " ".join(f"{'abcd'[n]}) {name}" for n, name in enumerate(names[:4]))

        library = [
            "Opening and adoption of the agenda Presenter: MAG Chair",
            "Updates from the IGF Secretariat a) Preparations for the annual meeting "
            "b) Fundraising and budget",
            f"Updates from the Best Practice Forums {subs([w.short_name for w in bpfs])}",
            f"Updates from the Policy Networks {subs([w.short_name for w in pns])}",
            "Updates from the NRIs Presenter: NRI focal points",
            "Updates from the Dynamic Coalitions and the DCCG",
            "Workshop proposals a) Evaluation process b) Final selection",
            "Main sessions a) Themes b) Formats c) Speakers",
            "Outreach and capacity development",
            "Intersessional outputs and their timelines",
            "Any Other Business",
        ]
        days, rows, topics = [[], []], 0, itertools.cycle(library)
        budget = self.size.agenda_items
        for day in range(2):
            clock = dt.datetime.combine(first_day, dt.time(9, 0))
            number = 0  # items are numbered per day, as in seed 003
            for slot in range(99):
                if rows >= budget * (day + 1) / 2:
                    break
                if slot in (2, 5):
                    title, minutes = ("Coffee break", 15) if slot == 2 else ("Lunch", 90)
                    rows += 1
                else:
                    number += 1
                    title = f"{number}. {next(topics)}"
                    rows += 1 + title.count(") ")  # the item and its lettered sub-items
                    minutes = 45
                ends = clock + dt.timedelta(minutes=minutes)
                days[day].append(f"{clock:%H:%M} - {ends:%H:%M}\t{title}")
                clock = ends
        return "\n".join(
            [
                f"Day 1: {first_day.isoformat()} - MAG Meeting (open to observers)",
                "Time\tAgenda Item",
                *days[0],
                "",
                f"Day 2: {second_day.isoformat()} - MAG Meeting (open to observers)",
                "Time\tAgenda Item",
                *days[1],
            ]
        )

    def make_meeting(self):
        zone = zoneinfo.ZoneInfo(MEETING_ZONE)
        first_day = self.day(10)
        second_day = first_day + dt.timedelta(days=1)
        cycle = self.current_cycle
        meeting = self.insert(
            Meeting,
            [
                Meeting(
                    kind=Meeting.Kind.MAG,
                    cycle=cycle,
                    title=f"MAG meeting {cycle.year} (scale)",
                    slug=f"{SLUG_PREFIX}mag-meeting-{cycle.year}",
                    purpose="Take stock of intersessional work and prepare the annual meeting.",
                    starts_at=dt.datetime.combine(first_day, dt.time(9, 0), tzinfo=zone),
                    ends_at=dt.datetime.combine(second_day, dt.time(18, 0), tzinfo=zone),
                    time_zone=MEETING_ZONE,
                    location="Geneva (scale data)",
                    remote_url=f"https://meet.{EMAIL_DOMAIN}/mag-{cycle.year}",
                    agenda_published=True,
                    created_by=self.secretariat,
                )
            ],
        )[0]
        self.meeting = meeting
        agenda = self.agenda_text(first_day, second_day)
        parsed = parse_agenda(agenda)
        days = self.insert(
            AgendaDay,
            [
                AgendaDay(meeting=meeting, date=day.date, title=day.title, order=order)
                for order, day in enumerate(parsed.days, start=1)
            ],
        )
        items, subs = [], []
        for day, parsed_day in zip(days, parsed.days, strict=True):
            for position, parsed_item in enumerate(parsed_day.items, start=1):
                item = AgendaItem(day=day, **parsed_item.row_fields(position))
                items.append(item)
                subs.extend(
                    (item, letter, sub) for letter, sub in enumerate(parsed_item.sub_items, start=1)
                )
        self.insert(AgendaItem, items)
        self.insert(
            AgendaItem,
            [
                AgendaItem(day=item.day, parent=item, title=sub, order=letter)
                for item, letter, sub in subs
            ],
        )
        self.agenda_rows = len(items) + len(subs)
        self.insert(
            MagEvent,
            [
                MagEvent(
                    actor=self.secretariat,
                    action="meeting_created",
                    meeting=meeting,
                    cycle=cycle,
                    details={
                        "kind": meeting.kind,
                        "workstream": None,
                        "starts_at": meeting.starts_at.isoformat(),
                    },
                ),
                MagEvent(
                    actor=self.secretariat,
                    action="agenda_imported",
                    meeting=meeting,
                    details={
                        "days": len(days),
                        "items": self.agenda_rows,
                        "replace": False,
                        "text": agenda,
                    },
                ),
                MagEvent(actor=self.secretariat, action="agenda_published", meeting=meeting),
            ],
        )

    # ---- what the benchmark loads ----------------------------------------------------------

    def manifest(self):
        consultation, draft = self.consultation, self.draft
        directory = reverse("workstreams:list") + "?kind=nri&region=AFRICAN"
        pages = [
            ("home", reverse("home"), False),
            ("directory", directory, False),
            ("workstream", reverse("workstreams:detail", args=[self.benchmark_dc.slug]), False),
            ("draft", reverse("consultations:draft", args=[consultation.slug, 1]), False),
            ("mag_dashboard", reverse("mag:my-duties"), True),
            ("agenda", reverse("mag:meeting", args=[self.meeting.slug]), False),
            ("api", reverse("api:workstream-list") + "?kind=dc&page_size=50", False),
        ]
        return {
            "size": self.size.name,
            "seed": self.seed,
            "generated_at": self.now.isoformat(),
            "elapsed_seconds": round(self.elapsed, 1),
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            # Page paths are relative to the server under test (SITE_URL when it ran).
            "site_url": settings.SITE_URL,
            "sign_in": {"email": self.mag_member.email, "password": self.password},
            "pages": [
                {"name": name, "path": path, "sign_in": sign_in, "expect": 200}
                for name, path, sign_in in pages
            ],
            "workstream": {
                "slug": self.benchmark_dc.slug,
                "id": self.benchmark_dc.pk,
                "members": len(self.roles[self.workstreams.index(self.benchmark_dc)]),
            },
            "consultation": {
                "slug": consultation.slug,
                "id": consultation.pk,
                "version": draft.version,
                "draft_id": draft.pk,
                "paragraphs": self.size.paragraphs,
                "comments": self.size.comments,
                "visible_comments": self.visible_comments,
            },
            "mag": {
                "member_email": self.mag_member.email,
                "member_id": self.mag_member.pk,
                "terms": len(self.terms),
                "meeting_slug": self.meeting.slug,
                "meeting_id": self.meeting.pk,
                "agenda_items": self.agenda_rows,
            },
            "reminders": {"action_items_due_today": self.reminders_due},
            "steps": [
                {"step": name, "rows": rows, "seconds": round(seconds, 2)}
                for name, rows, seconds in self.timings
            ],
            "counts": dict(sorted(self.counts.items())),
        }


def generate(size_name, **options):
    """Generate one size of scale data (see Generator); returns the manifest."""
    return Generator(SIZES[size_name], **options).run()
