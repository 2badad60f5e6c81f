"""Demo MAG data: the current MAG's terms, liaison duties, BPF proposals and BPF support.

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
from mag import services
from mag.models import BpfProposal, BpfSupport, LiaisonAssignment, MagTerm

Kind = LiaisonAssignment.Kind

# (email, stakeholder group slug, country): the current MAG in the demo, balanced across groups
# and regions. mag-member@example.org is the signed-in journey's MAG member.
MAG_MEMBERS = [
    ("mag-member@example.org", "government", "RO"),
    ("kwabena.osei-lindqvist@example.org", "private-sector", "GH"),
    ("mireille.tchakounte-haas@example.org", "civil-society", "CM"),
    ("ilka.morrow-sande@example.org", "technical-community", "NZ"),
    ("darya.kovalchuk-imre@example.org", "academic-community", "UA"),
    ("haruka.fenwick-oda@example.org", "intergovernmental-organisation", "JP"),
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


def seed(*, secretariat, people, workstreams, cycles, stdout):
    """Create the demo MAG rows that are missing; report how many were created."""
    today = timezone.localdate()
    cycle = cycles.get(today.year) or cycles[max(cycles)]
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    created = {"MAG terms": 0, "liaison duties": 0, "BPF proposals": 0, "BPF support": 0}

    start, end = _term_dates(today)
    for email, group, country in MAG_MEMBERS:
        user = people[email]
        if not MagTerm.objects.filter(user=user, cycle=cycle).exists():
            services.create_mag_term(
                actor=secretariat,
                user=user,
                cycle=cycle,
                start=start,
                end=end,
                stakeholder_group=groups[group],
                country=country,
            )
            created["MAG terms"] += 1

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
