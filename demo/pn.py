"""Demo Policy Network establishment: PNMA's topic decision with its inputs, a working group
of 16 (two invitations pending, one declined), a consultant, focal points and NRI liaisons; a
PNE working group of 9, so that its page warns it has fewer than 15 members (R-PN-2).

Called by seed_demo after the workstreams and roles exist. Everything goes through
workstreams.pn with the Secretariat demo account (or the invited expert) as actor, so each PN's
history shows real decisions. The experts are fictional people with @example.org addresses
and accounts without a usable password. Idempotent: a person is looked up by email, an
invitation by (PN, person), a focal point by (PN, workstream), an NRI liaison by (PN, NRI,
person); what exists is left as the demo made it.
"""

import datetime as dt

from accounts.models import Profile, StakeholderGroup, User
from workstreams import pn
from workstreams.models import (
    FocalPoint,
    NriLiaison,
    PnConsultant,
    PnTopicInput,
    TopicDecision,
    WgInvitation,
)

PNMA, PNE = "pn-meaningful-access", "pn-environment"

# (email, display name, organisation, country, gender, stakeholder group, discipline)
EXPERTS = [
    (
        "amara.nwosu-berg@example.org",
        "Amara Nwosu-Berg",
        "Lagos Digital Lab",
        "NG",
        "woman",
        "civil-society",
        "Community networks",
    ),
    (
        "tenzin.dorje-alvarez@example.org",
        "Tenzin Dorje-Alvarez",
        "Himalaya Connect",
        "NP",
        "man",
        "private-sector",
        "Rural connectivity",
    ),
    (
        "lucia.ferreyra-nakamura@example.org",
        "Lucía Ferreyra-Nakamura",
        "Universidad del Sur",
        "AR",
        "woman",
        "academic-community",
        "Digital inclusion",
    ),
    (
        "oskar.lindahl-mensah@example.org",
        "Oskar Lindahl-Mensah",
        "Nordic Spectrum Office",
        "SE",
        "man",
        "government",
        "Spectrum policy",
    ),
    (
        "priya.raghunathan-wolfe@example.org",
        "Priya Raghunathan-Wolfe",
        "Open Access India",
        "IN",
        "woman",
        "civil-society",
        "Digital skills",
    ),
    (
        "youssef.benali-strand@example.org",
        "Youssef Benali-Strand",
        "Maghreb Telecom Forum",
        "MA",
        "man",
        "private-sector",
        "Infrastructure financing",
    ),
    (
        "katarina.horvat-ilunga@example.org",
        "Katarina Horvat-Ilunga",
        "Adriatic Internet Society",
        "HR",
        "woman",
        "technical-community",
        "Internet exchange points",
    ),
    (
        "mateo.quispe-larsen@example.org",
        "Mateo Quispe-Larsen",
        "Andes Community Radio",
        "PE",
        "man",
        "civil-society",
        "Local content",
    ),
    (
        "aigerim.sultanova-reyes@example.org",
        "Aigerim Sultanova-Reyes",
        "Steppe Policy Centre",
        "KZ",
        "woman",
        "academic-community",
        "Affordability",
    ),
    (
        "samuel.owusu-takeda@example.org",
        "Samuel Owusu-Takeda",
        "Ghana Regulatory Institute",
        "GH",
        "man",
        "government",
        "Regulation",
    ),
    (
        "ines.carvalho-dube@example.org",
        "Inês Carvalho-Dube",
        "Lusophone Access Network",
        "MZ",
        "woman",
        "civil-society",
        "Gender and access",
    ),
    (
        "ravi.fonoti-marsh@example.org",
        "Ravi Fonoti-Marsh",
        "Pacific Islands Telecom",
        "WS",
        "non_binary",
        "technical-community",
        "Submarine cables",
    ),
    (
        "elena.popescu-ward@example.org",
        "Elena Popescu-Ward",
        "Carpathian Data Institute",
        "RO",
        "woman",
        "academic-community",
        "Measurement of access",
    ),
    (
        "hamid.sadiqov-oyelaran@example.org",
        "Hamid Sadiqov-Oyelaran",
        "Silk Road ISP Association",
        "UZ",
        "man",
        "private-sector",
        "Last-mile networks",
    ),
    (
        "grace.mwale-sorensen@example.org",
        "Grace Mwale-Sorensen",
        "Southern Africa Women Online",
        "MW",
        "woman",
        "civil-society",
        "Digital skills",
    ),
    (
        "diego.anaya-fitzroy@example.org",
        "Diego Anaya-Fitzroy",
        "Caribbean Telecom Union",
        "JM",
        "man",
        "intergovernmental-organisation",
        "Regulation",
    ),
    (
        "noor.haddad-vinter@example.org",
        "Noor Haddad-Vinter",
        "Levant Tech Commons",
        "JO",
        "woman",
        "technical-community",
        "Accessibility",
    ),
    (
        "felix.brandt-achebe@example.org",
        "Felix Brandt-Achebe",
        "European Access Observatory",
        "DE",
        "man",
        "academic-community",
        "Affordability",
    ),
    (
        "mele.tupou-garcia@example.org",
        "Mele Tupou-García",
        "Tonga Youth Online",
        "TO",
        "woman",
        "civil-society",
        "Youth participation",
    ),
]
TIME_ZONES = {
    "NG": "Africa/Lagos",
    "NP": "Asia/Kathmandu",
    "AR": "America/Argentina/Buenos_Aires",
    "SE": "Europe/Stockholm",
    "IN": "Asia/Kolkata",
    "MA": "Africa/Casablanca",
    "HR": "Europe/Zagreb",
    "PE": "America/Lima",
    "KZ": "Asia/Almaty",
    "GH": "Africa/Accra",
    "MZ": "Africa/Maputo",
    "WS": "Pacific/Apia",
    "RO": "Europe/Bucharest",
    "UZ": "Asia/Tashkent",
    "MW": "Africa/Blantyre",
    "JM": "America/Jamaica",
    "JO": "Asia/Amman",
    "DE": "Europe/Berlin",
    "TO": "Pacific/Tongatapu",
}
PNMA_ACCEPTED = EXPERTS[:16]
PNMA_PENDING = EXPERTS[16:18]
PNMA_DECLINED = EXPERTS[18:19]
PNE_ACCEPTED = EXPERTS[10:19]

TOPIC = {
    "topic": (
        "Meaningful access: connectivity that people can afford and use, with the skills, "
        "content and accessibility that make it worth having."
    ),
    "decided_on": dt.date(2021, 3, 15),
    "reason": (
        "The public consultation and the MAG's advice both asked for in-depth work on access "
        "beyond infrastructure; the call for contributions showed broad stakeholder support."
    ),
}
INPUTS = [
    (
        "IGF 2020 stocktaking consultation",
        "public_consultation",
        "https://example.org/stocktaking-2020",
    ),
    ("MAG advice on intersessional priorities", "mag_advice", ""),
    ("Call for voluntary contributions at IGF 2020", "call_for_contributions", ""),
]
CONSULTANT = {
    "name": "Dr Rosalind Achterberg-Moyo",
    "organisation": "Access Research Partners (fictional)",
    "contract_date": dt.date(2021, 4, 1),
}
FOCAL_POINTS = [
    ("bpf-local-content", "mateo.quispe-larsen@example.org"),
    ("dc-community-connectivity", "amara.nwosu-berg@example.org"),
]
NRI = "nri-nigeria-igf"
NRI_LIAISONS = ["samuel.owusu-takeda@example.org", "grace.mwale-sorensen@example.org"]


def _experts():
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    people = {}
    for email, name, organisation, country, gender, group, _discipline in EXPERTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_unusable_password()
            user.save()  # the post_save signal creates the profile
            profile = Profile.objects.get(user=user)
            profile.display_name = name
            profile.organisation = organisation
            profile.country = country
            profile.time_zone = TIME_ZONES[country]
            profile.gender = gender
            profile.stakeholder_group = groups[group]
            profile.full_clean()
            profile.save()
        people[email] = user
    return people


def _invite(workstream, experts, people, secretariat, answer, created):
    for email, *_rest, discipline in experts:
        person = people[email]
        if WgInvitation.objects.filter(workstream=workstream, person=person).exists():
            continue
        invitation = pn.invite_to_wg(
            workstream=workstream, person=person, discipline=discipline, actor=secretariat
        )
        if answer is not None:
            pn.respond_to_invitation(invitation=invitation, actor=person, accept=answer)
        created.append(f"{workstream.short_name or workstream.slug} invitation")


def seed(*, secretariat, people, workstreams, stdout):
    pnma, pne = workstreams.get(PNMA), workstreams.get(PNE)
    if pnma is None or pne is None:
        stdout.write("  Policy Networks: PNMA or PNE missing, nothing seeded")
        return
    experts = _experts()
    everyone = {**people, **experts}
    created = []
    if not TopicDecision.objects.filter(workstream=pnma).exists():
        pn.record_topic_decision(workstream=pnma, actor=secretariat, **TOPIC)
        created.append("topic decision")
    for title, kind, url in INPUTS:
        if not PnTopicInput.objects.filter(workstream=pnma, title=title).exists():
            pn.add_topic_input(workstream=pnma, actor=secretariat, title=title, kind=kind, url=url)
            created.append("topic input")
    _invite(pnma, PNMA_ACCEPTED, everyone, secretariat, True, created)
    _invite(pnma, PNMA_PENDING, everyone, secretariat, None, created)
    _invite(pnma, PNMA_DECLINED, everyone, secretariat, False, created)
    _invite(pne, PNE_ACCEPTED, everyone, secretariat, True, created)
    if not PnConsultant.objects.filter(workstream=pnma).exists():
        pn.set_consultant(workstream=pnma, actor=secretariat, **CONSULTANT)
        created.append("consultant")
    for slug, email in FOCAL_POINTS:
        source = workstreams.get(slug)
        if source and not FocalPoint.objects.filter(workstream=pnma, from_workstream=source):
            pn.set_focal_point(
                workstream=pnma, from_workstream=source, person=everyone[email], actor=secretariat
            )
            created.append("focal point")
    nri = workstreams.get(NRI)
    for email in NRI_LIAISONS if nri else []:
        person = everyone[email]
        if not NriLiaison.objects.filter(workstream=pnma, nri=nri, person=person).exists():
            pn.add_nri_liaison(workstream=pnma, nri=nri, person=person, actor=secretariat)
            created.append("NRI liaison")
    if created:
        stdout.write(f"  Policy Networks: {len(created)} rows created")
    else:
        stdout.write("  Policy Networks: already in place")
