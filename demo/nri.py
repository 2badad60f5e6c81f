"""Demo NRI recognition: a submitted statement half assessed, a draft, an open support request.

Called by seed_demo after the workstreams and roles exist. Everything goes through
workstreams.nri, with the applicants and the Secretariat demo account as actors, so each NRI's
history shows real decisions. Idempotent: an NRI is looked up by name and a support request by
(workstream, subject); what exists is left as the demo made it.
"""

from django.utils import timezone

from accounts.models import StakeholderGroup
from workstreams import nri
from workstreams.models import SupportRequest, Workstream

from .clock import backdate

SUBMITTED = {
    "applicant": "farida.noorzai-blom@example.org",
    "name": "Zambia IGF",
    "nri_level": "national",
    "country": "ZM",
    "statement": (
        "The Zambia Internet Governance Forum is convened each year by a multistakeholder "
        "organising committee of eleven members drawn from government, the private sector, "
        "civil society, the technical community and academia. Calls for session proposals are "
        "published on the forum's website and mailing list, and anyone may register and speak, "
        "online or in person, free of charge. The committee's minutes, its budget and the list "
        "of sponsors are published after each meeting; sponsors have no say on the programme. "
        "Topics are chosen from the community's answers to an open survey, and the forum's "
        "report is drafted in the open and sent to the global IGF."
    ),
    "groups": [
        "government",
        "private-sector",
        "civil-society",
        "technical-community",
        "academic-community",
    ],
    # The Secretariat has assessed four of the six principles; the demo user finishes.
    "assessed": [
        ("open", True, "Open registration, free of charge, remote participation offered."),
        ("transparent", True, "Minutes, budget and sponsors are published after each meeting."),
        ("inclusive", True, "Sessions chosen by open call; youth and rural hubs take part."),
        ("bottom_up", True, "Topics come from an open community survey."),
    ],
}
DRAFT = {
    # A demo account, so a new user can sign in as member@example.org and finish it.
    "applicant": "member@example.org",
    "name": "Mongolia IGF",
    "nri_level": "national",
    "country": "MN",
    "statement": "The Mongolia IGF brings together government, business and civil society.",
    "groups": ["government", "civil-society"],
}
SUPPORT = {
    "workstream": "nri-nigeria-igf",
    "requester": "chidubem.ezeala-park@example.org",
    "subject": "Remote participation for the national forum",
    "body": (
        "We expect several regional hubs to join our next forum online. Could the Secretariat "
        "share the guidance and the captioning arrangements it recommends for remote hubs?"
    ),
}


def _start(spec, people):
    """The application for spec's NRI; (application, created)."""
    existing = Workstream.objects.filter(name=spec["name"]).select_related("nri_application")
    workstream = existing.first()
    if workstream is not None:
        return getattr(workstream, "nri_application", None), False
    applicant = people[spec["applicant"]]
    application = nri.start_nri_application(
        actor=applicant,
        name=spec["name"],
        nri_level=spec["nri_level"],
        country=spec["country"],
    )
    nri.save_nri_statement(
        application=application,
        actor=applicant,
        statement=spec["statement"],
        committee_groups=StakeholderGroup.objects.filter(slug__in=spec["groups"]),
    )
    return application, True


def seed(*, secretariat, people, workstreams, stdout):
    """Create the demo NRI applications and support request (idempotent)."""
    created = []
    since = timezone.now()
    application, new = _start(SUBMITTED, people)
    if new:
        application = nri.submit_nri_application(
            application=application, actor=people[SUBMITTED["applicant"]]
        )
        for principle, meets, notes in SUBMITTED["assessed"]:
            nri.assess_principle(
                application=application,
                principle=principle,
                meets=meets,
                notes=notes,
                actor=secretariat,
            )
        backdate(application.workstream, since=since, days=5)
        created.append(SUBMITTED["name"] + " (submitted, 4 of 6 principles assessed)")
    _application, new = _start(DRAFT, people)
    if new:
        created.append(DRAFT["name"] + " (draft)")
    workstream = workstreams.get(SUPPORT["workstream"])
    if workstream is not None:
        exists = SupportRequest.objects.filter(
            workstream=workstream, subject=SUPPORT["subject"]
        ).exists()
        if not exists:
            nri.file_support_request(
                workstream=workstream,
                actor=people[SUPPORT["requester"]],
                subject=SUPPORT["subject"],
                body=SUPPORT["body"],
            )
            created.append(f"a support request from {workstream.name}")
    if created:
        stdout.write("  NRI recognition: " + "; ".join(created))
    else:
        stdout.write("  NRI recognition: already in place")
