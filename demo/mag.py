"""Demo MAG data: the current MAG's terms (some in their third year), nominees for the next
cycle's MAG, liaison duties, BPF proposals and BPF support.

Idempotent like the rest of seed_demo: rows are looked up by their natural key and created only
when missing, through mag.services with the Secretariat demo account as the actor.

Order matters for R-BPF-3: a BPF becomes active only with a MAG facilitator. Call seed() after
the workstreams are created and before their seeded transitions are applied (it works on
proposed and active workstreams alike); the demo's 2017 BPFs were active before the rule
existed, and are given facilitators here either way.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import StakeholderGroup
from mag import nominations, services
from mag.models import BpfProposal, BpfSupport, LiaisonAssignment, MagTerm, Nomination
from workstreams.models import IgfCycle

Kind = LiaisonAssignment.Kind

# (email, stakeholder group slug, country, gender, year on the MAG): the current MAG in the
# demo, two per stakeholder group, across the five UN regional groups, with a third of it in
# its third year (R-MAG-2: they must leave). A member in their second or third year has terms
# for the previous cycles too, recorded as renewals. mag-member@example.org is the signed-in
# journey's MAG member.
MAG_MEMBERS = [
    ("mag-member@example.org", "government", "RO", "man", 2),
    ("esteban.quillay@example.org", "government", "PE", "man", 3),
    ("kwabena.osei-lindqvist@example.org", "private-sector", "GH", "man", 1),
    ("jorinde.vebaek@example.org", "private-sector", "DK", "woman", 3),
    ("mireille.tchakounte-haas@example.org", "civil-society", "CM", "woman", 2),
    ("sione.taufa-mercer@example.org", "civil-society", "FJ", "man", 1),
    ("ilka.morrow-sande@example.org", "technical-community", "NZ", "non_binary", 3),
    ("milan.zoric-heller@example.org", "technical-community", "RS", "man", 1),
    ("darya.kovalchuk-imre@example.org", "academic-community", "UA", "woman", 2),
    ("ayesha.rahmatullah-cole@example.org", "academic-community", "BD", "woman", 1),
    ("haruka.fenwick-oda@example.org", "intergovernmental-organisation", "JP", "woman", 1),
    ("farida.noorzai-blom@example.org", "intergovernmental-organisation", "NL", "", 2),
]

# Members already renewed for the next cycle (the rotation planner shows them as renewed).
RENEWED_FOR_NEXT_CYCLE = ["kwabena.osei-lindqvist@example.org", "darya.kovalchuk-imre@example.org"]
RENEWAL_REASON = "Asked to serve another year (demo data)."

# Nominees for the next cycle's MAG (R-MAG-4): fictional people, each with what they agreed to
# publish. One did not agree to be listed; one has a portal account. "propose" puts them in the
# Secretariat's proposed selection.
NOMINEES = [
    {
        "name": "Adaeze Okonkwo-Berg",
        "email": "adaeze.okonkwo-berg@example.org",
        "organisation": "Example Community Networks Alliance",
        "stakeholder_group": "civil-society",
        "country": "NG",
        "gender": "woman",
        "biography": "Builds community networks in rural areas and trains local operators.",
        "nominated_by": "Civil society coalition (demo)",
        "publish_listing": True,
        "public_fields": ["organisation", "stakeholder_group", "country", "biography"],
        "propose": True,
    },
    {
        "name": "Mateus Ferreira-Lund",
        "email": "mateus.ferreira-lund@example.org",
        "organisation": "Example Ministry of Communications",
        "stakeholder_group": "government",
        "country": "BR",
        "gender": "man",
        "biography": "Leads the national broadband plan's consultation process.",
        "nominated_by": "Member State (demo)",
        "publish_listing": True,
        "public_fields": ["stakeholder_group", "country"],
        "propose": True,
    },
    {
        "name": "Siosaia Veikune-Hart",
        "email": "siosaia.veikune-hart@example.org",
        "organisation": "Example Pacific Internet Exchange",
        "stakeholder_group": "technical-community",
        "country": "TO",
        "gender": "man",
        "biography": "Operates an Internet exchange point for small island states.",
        "nominated_by": "Technical community (demo)",
        "publish_listing": True,
        "public_fields": ["organisation", "stakeholder_group", "country", "gender", "biography"],
        "propose": True,
    },
    {
        "name": "Paz Ibarrondo",
        "email": "paz.ibarrondo@example.org",
        "organisation": "Example Fintech Cooperative",
        "stakeholder_group": "private-sector",
        "country": "MX",
        "gender": "self_described",
        "biography": "Works on digital payments for small businesses.",
        "nominated_by": "Private sector (demo)",
        "publish_listing": True,
        "public_fields": ["stakeholder_group"],
        "propose": True,
    },
    {
        "name": "Katarzyna Wrobel-Amadi",
        "email": "katarzyna.wrobel-amadi@example.org",
        "organisation": "Example Institute of Law and Technology",
        "stakeholder_group": "academic-community",
        "country": "PL",
        "gender": "woman",
        "biography": "Researches platform regulation and data protection.",
        "nominated_by": "Academic community (demo)",
        "publish_listing": True,
        "public_fields": ["organisation", "biography"],
        "propose": False,
    },
    {
        "name": "Rustam Nazarov-Quist",
        "email": "rustam.nazarov-quist@example.org",
        "organisation": "Example Regional Telecommunity",
        "stakeholder_group": "intergovernmental-organisation",
        "country": "KZ",
        "gender": "man",
        "biography": "Coordinates regional capacity building on cybersecurity.",
        "nominated_by": "Intergovernmental organisation (demo)",
        "publish_listing": True,
        "public_fields": [],
        "propose": False,
    },
    {
        "name": "Hollis Grayburn-Tae",
        "email": "hollis.grayburn-tae@example.org",
        "organisation": "Example Standards Forum",
        "stakeholder_group": "technical-community",
        "country": "CA",
        "gender": "non_binary",
        "biography": "Chairs a working group on Internet protocols.",
        "nominated_by": "Technical community (demo)",
        "publish_listing": False,
        "public_fields": [],
        "propose": False,
    },
]

# (kind, workstream slug or None, email). The Policy Network on Environment is left uncovered
# on purpose, so the liaison page shows an uncovered duty.
DUTIES = [
    (Kind.BPF_FACILITATOR, "bpf-cybersecurity", "mag-member@example.org"),
    (Kind.BPF_FACILITATOR, "bpf-gender-access", "mireille.tchakounte-haas@example.org"),
    (Kind.BPF_FACILITATOR, "bpf-local-content", "ilka.morrow-sande@example.org"),
    (Kind.PN_LIAISON, "pn-meaningful-access", "mag-member@example.org"),
    (Kind.DCCG_LIAISON, None, "darya.kovalchuk-imre@example.org"),
]
DUTY_REASON = "Volunteered at the MAG meeting (demo data)."

PROPOSALS = [
    {
        "title": "Best Practice Forum on Internet Resilience",
        "description": (
            "Collects practices that keep networks and services running through disasters, "
            "shutdowns and supply-chain failures, and what communities learned from them."
        ),
        "methodology": (
            "An open call for case studies, two surveys of network operators and emergency "
            "responders, and monthly open virtual meetings to review the draft report."
        ),
        "proposers": ["mag-member@example.org", "kwabena.osei-lindqvist@example.org"],
        "submit": True,
    },
    {
        "title": "Best Practice Forum on Digital Public Goods",
        "description": "Practices for building, funding and governing open digital public goods.",
        "methodology": "Interviews with maintainers and a public comment round on the draft.",
        "proposers": ["mag-member@example.org"],
        "submit": False,
    },
]

SUPPORT = {
    "bpf-cybersecurity": {
        "mailing_list": True,
        "virtual_meetings": True,
        "web_pages": True,
        "surveys": True,
        "notes": "Survey on international cybersecurity agreements run in the summer.",
    },
    "bpf-gender-access": {
        "mailing_list": True,
        "virtual_meetings": True,
        "web_pages": True,
        "surveys": False,
        "notes": "",
    },
}


def _term_dates(today):
    # Demo terms run through the demo's current year, whenever the demo is seeded.
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def _cycle(cycles, year):
    # The cycles around the current one (earlier terms, the next selection) carry no host yet.
    return cycles.get(year) or IgfCycle.objects.get_or_create(year=year)[0]


def _seed_member(*, secretariat, user, group, country, gender, years, cycles, cycle, today):
    """The member's terms up to the current cycle: the first recorded, the rest renewals, so
    the three-year rule (R-MAG-2) is applied as the Secretariat would meet it."""
    start, end = _term_dates(today)
    term = None
    for back in range(years - 1, -1, -1):
        year_cycle = _cycle(cycles, cycle.year - back)
        dates = (dt.date(year_cycle.year, 1, 1), dt.date(year_cycle.year, 12, 31))
        if back == 0:
            dates = (start, end)
        if term is None:
            term = services.create_mag_term(
                actor=secretariat,
                user=user,
                cycle=year_cycle,
                start=dates[0],
                end=dates[1],
                stakeholder_group=group,
                country=country,
                gender=gender,
            )
        else:
            term = services.renew_mag_term(
                actor=secretariat,
                term=term,
                cycle=year_cycle,
                start=dates[0],
                end=dates[1],
                reason=RENEWAL_REASON,
            )
    return years


def _seed_selection(*, secretariat, people, cycles, cycle, groups, created):
    next_cycle = _cycle(cycles, cycle.year + 1)
    for email in RENEWED_FOR_NEXT_CYCLE:
        current = MagTerm.objects.filter(user=people[email], cycle=cycle).first()
        if current is None or MagTerm.objects.filter(user=current.user, cycle=next_cycle).exists():
            continue
        services.renew_mag_term(
            actor=secretariat, term=current, cycle=next_cycle, reason=RENEWAL_REASON
        )
        created["MAG terms"] += 1
    for row in NOMINEES:
        if Nomination.objects.filter(cycle=next_cycle, email=row["email"]).exists():
            continue
        fields = {key: value for key, value in row.items() if key != "propose"}
        fields["stakeholder_group"] = groups[row["stakeholder_group"]]
        nomination = nominations.add_nomination(
            actor=secretariat, cycle=next_cycle, reason="Nomination received (demo data).", **fields
        )
        if row["propose"]:
            nominations.change_nomination_status(
                actor=secretariat, nomination=nomination, action="propose"
            )
        created["MAG nominations"] += 1


def seed(*, secretariat, people, workstreams, cycles, stdout):
    """Create the demo MAG rows that are missing; report how many were created."""
    today = timezone.localdate()
    cycle = cycles.get(today.year) or cycles[max(cycles)]
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    created = {
        "MAG terms": 0,
        "MAG nominations": 0,
        "liaison duties": 0,
        "BPF proposals": 0,
        "BPF support": 0,
    }

    start, end = _term_dates(today)
    for email, group, country, gender, years in MAG_MEMBERS:
        user = people[email]
        # A member already on the current roll is left as they are (seeding again, or a term
        # recorded by hand in the demo).
        if not MagTerm.objects.filter(user=user, cycle=cycle).exists():
            created["MAG terms"] += _seed_member(
                secretariat=secretariat,
                user=user,
                group=groups[group],
                country=country,
                gender=gender,
                years=years,
                cycles=cycles,
                cycle=cycle,
                today=today,
            )
    _seed_selection(
        secretariat=secretariat,
        people=people,
        cycles=cycles,
        cycle=cycle,
        groups=groups,
        created=created,
    )

    for kind, slug, email in DUTIES:
        workstream = workstreams.get(slug) if slug else None
        if slug and workstream is None:
            continue
        held = LiaisonAssignment.objects.active().filter(kind=kind, workstream=workstream)
        if kind != Kind.DCCG_LIAISON:
            held = held.filter(member=people[email])
        # A duty changed later in the demo (another DCCG liaison, say) is left alone.
        if not held.exists():
            services.assign_liaison(
                actor=secretariat,
                member=people[email],
                kind=kind,
                workstream=workstream,
                start=start,
                reason=DUTY_REASON,
            )
            created["liaison duties"] += 1

    for row in PROPOSALS:
        if BpfProposal.objects.filter(cycle=cycle, title=row["title"]).exists():
            continue
        author = people[row["proposers"][0]]
        proposal = services.create_bpf_proposal(
            actor=author,
            cycle=cycle,
            title=row["title"],
            description=row["description"],
            methodology=row["methodology"],
            proposers=[people[email] for email in row["proposers"]],
        )
        if row["submit"]:
            services.submit_bpf_proposal(actor=author, proposal=proposal)
        created["BPF proposals"] += 1

    for slug, fields in SUPPORT.items():
        workstream = workstreams.get(slug)
        if workstream is None or BpfSupport.objects.filter(workstream=workstream).exists():
            continue
        services.update_bpf_support(
            actor=secretariat, workstream=workstream, penholder=secretariat, **fields
        )
        created["BPF support"] += 1

    for what, count in created.items():
        stdout.write(f"  {what + ':':<18} {count:>3} created")
    return created
