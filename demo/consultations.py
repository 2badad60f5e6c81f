"""Demo consultations: CENB Phase II (seed 000) as it ran in 2016, and a Policy Network's
draft outcome document open for comment now.

CENB Phase II: an open-ended call for contributions from May 2016, draft 1 open for comment
in August and September, editorial review, draft 2 in October, the final output in November
and its revision after IGF 2016; comments from people across stakeholder groups and regions,
the editorial group's dispositions, two outcome messages and the published output (rendered
to PDF by the Celery task, in-process when no Redis is configured).

Everything goes through the consultations services with the demo accounts as actors; the
2016 comments and contributions pass `now=` inside their windows, as an import of that round
would. Idempotent: a consultation that exists is left alone.
"""

import datetime as dt

from django.utils import timezone

from consultations import contributions, editorial, messages, outputs, pn, services
from consultations.models import (
    Comment,
    Consultation,
    Contribution,
    Disposition,
    Distribution,
    Draft,
    Entity,
    Output,
    Paragraph,
    Phase,
)
from timelines.models import Notification
from workstreams.models import Workstream

Kind = Phase.Kind
UTC = dt.UTC

CENB_SLUG = "cenb-phase-ii-policy-options"
PN_SLUG = "pnma-draft-outcome-document"


def _at(year, month, day, hour=9):
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


CENB_DRAFT_1 = """\
# Policy Options for Connecting and Enabling the Next Billion – Phase II

## Introduction

The report of the UN CSTD working group on IGF improvements called for more tangible IGF
outputs to enhance the impact of the IGF on global Internet governance and policy. The MAG
started a new intersessional programme in 2015 to extend the impact of the NRIs, the Dynamic
Coalitions and the Best Practice Forums.

Over 70 submissions, 22 of them from national and regional IGFs, contributed to the first set
of Policy Options for Connecting the Next Billion, presented in João Pessoa in November 2015.

## Phase II

The 2030 Agenda identifies ICTs and the Internet as horizontal enablers for development;
target 9.c asks to significantly increase access to ICTs and strive to provide universal and
affordable access to the Internet in least developed countries by 2020.

In 2016 the policy options are developed further by emphasising local and regional
specificities: the level of market development, competition, capacity building and technical
infrastructure, with national and regional IGFs explaining local challenges.

The phase shows how connecting and enabling the next billion contributes to the Sustainable
Development Goals, such as good health and well-being (Goal 3) and quality education (Goal 4).

## Modality

Rounds of online public consultation collect input in an open, bottom-up process. NRIs,
Dynamic Coalitions and Best Practice Forums are encouraged to share success stories and further
options.
"""

CENB_DRAFT_2 = CENB_DRAFT_1.replace(
    "with national and regional IGFs explaining local challenges.",
    "with national and regional IGFs explaining local challenges and showcasing success "
    "stories, and with what has not worked recorded as plainly as what has.",
).replace(
    "options.\n",
    "options.\n\nThe output is shared with relevant fora at all levels: the UN Technology "
    "Facilitation Mechanism, the High-Level Political Forum, the WSIS Forum, the CSTD, and the "
    "NRIs, DCs and BPFs themselves.\n",
)

# (email, paragraph number of draft 1, comment, named in the output)
CENB_COMMENTS = [
    (
        "nadege.oumarou@example.org",
        7,
        "Local specificities should include the cost of backhaul in landlocked countries.",
        True,
    ),
    (
        "sione.taufa-mercer@example.org",
        7,
        "Small island states face submarine cable single points of failure; please name them.",
        True,
    ),
    (
        "paz.ibarrondo@example.org",
        7,
        "Add examples of what has not worked, not only success stories.",
        False,
    ),
    (
        "chidubem.ezeala-park@example.org",
        10,
        "The Nigeria IGF can share its community network case study.",
        True,
    ),
    (
        "lior.stenhammar@example.org",
        6,
        "Quote target 9.c in full so readers see the 2020 deadline.",
        False,
    ),
]
# (email, paragraph number of draft 2, comment, named)
CENB_COMMENTS_2 = [
    (
        "valentina.orozco-baptiste@example.org",
        11,
        "Please list regional fora too, such as the Caribbean IGF and LACIGF.",
        True,
    ),
]
DISPOSITIONS = {
    "Local specificities should include": (
        Disposition.Outcome.ADDRESSED,
        "Backhaul costs are now part of the local specificities.",
    ),
    "Small island states": (
        Disposition.Outcome.PARTLY,
        "Named as a risk; the cable map is left to the BPF on infrastructure.",
    ),
    "Add examples of what has not worked": (
        Disposition.Outcome.ADDRESSED,
        "Draft 2 records what has not worked as plainly as what has.",
    ),
    "Quote target 9.c": (
        Disposition.Outcome.NOT_ADDRESSED,
        "The paragraph already quotes the target's operative words.",
    ),
}

ENTITIES = [
    ("WSIS Forum", Entity.Kind.INTERGOVERNMENTAL, "wsis-forum@example.org"),
    (
        "UN Commission on Science and Technology for Development",
        Entity.Kind.INTERGOVERNMENTAL,
        "cstd@example.org",
    ),
    ("UN Technology Facilitation Mechanism", Entity.Kind.INTERGOVERNMENTAL, "tfm@example.org"),
    ("High-Level Political Forum", Entity.Kind.INTERGOVERNMENTAL, "hlpf@example.org"),
]

PN_DRAFT = """\
# Meaningful access: draft outcome document

## Status quo and current issues

Connectivity has grown, but meaningful access still depends on affordable devices, relevant
local content and the skills to use them.

## Policy gaps

Few national broadband plans measure use rather than coverage.

## Existing capacity

Community networks and public access points already reach people that operators do not.

## Local specificities

Rural, indigenous and small-island communities face different costs and needs.

## Good and bad practices

Spectrum set aside for community networks worked; subsidies without local ownership did not.

## Ways forward with identified implementation parties

Regulators, NRIs and community network operators agree measurable targets for meaningful use.
"""

PN_COMMENTS = [
    ("wanjiru.kamau-soto@example.org", 3, "Youth IGFs can measure use among students.", True),
    ("milan.zoric-heller@example.org", 11, "Name the regulators' regional associations.", False),
]


def _dated(model, pk, moment, *fields):
    """Demo only: a row of the 2016 round carries its 2016 date, not the seeding day's."""
    model.objects.filter(pk=pk).update(**dict.fromkeys(fields, moment))


def _set_status(consultation, actor, status):
    return services.update_consultation(
        consultation=consultation,
        actor=actor,
        title=consultation.title,
        summary=consultation.summary,
        language=consultation.language,
        status=status,
        comment_rate_limit=consultation.comment_rate_limit,
        reason="Demo: the 2016 round as it ran.",
    )


def _comment(paragraph, person, body, named, now, parent=None):
    comment = services.post_comment(
        paragraph=paragraph,
        actor=person,
        body=body,
        named_in_output=named,
        parent=parent,
        now=now,
    )
    if now is not None:
        _dated(Comment, comment.pk, now, "created", "updated")
    return comment


def _seed_cenb(secretariat, people, workstream):
    consultation = services.create_consultation(
        workstream=workstream,
        actor=secretariat,
        title="Policy Options for Connecting and Enabling the Next Billion – Phase II",
        summary=(
            "The 2016 round of the IGF's intersessional programme: policy options tailored to "
            "local and regional specificities, developed through open consultation."
        ),
        slug=CENB_SLUG,
    )
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.CALL_FOR_CONTRIBUTIONS,
        opens_at=_at(2016, 5, 2),
        title="Public call for background contributions (open-ended)",
    )
    consultation = _set_status(consultation, secretariat, Consultation.Status.OPEN)
    for email, on_behalf, title, text, extra in [
        (
            "chidubem.ezeala-park@example.org",
            "nri",
            "Nigeria IGF: community networks in the Niger Delta",
            "How three community networks were financed and what they cost per user.",
            {"on_behalf_workstream_slug": "nri-nigeria-igf"},
        ),
        (
            "valentina.orozco-baptiste@example.org",
            "nri",
            "Caribbean IGF: resilience after hurricanes",
            "What kept people connected after the 2016 season, and what failed.",
            {"on_behalf_workstream_slug": "nri-caribbean-igf"},
        ),
        (
            "jorinde.vebaek@example.org",
            "organisation",
            "Public libraries as access points",
            "Library networks in four countries and their role in digital skills.",
            {"organisation": "Nordic Library Access Network"},
        ),
    ]:
        person = people[email]
        slug = extra.pop("on_behalf_workstream_slug", None)
        contribution = contributions.submit_contribution(
            consultation=consultation,
            actor=person,
            title=title,
            text=text,
            on_behalf_of=on_behalf,
            on_behalf_workstream=Workstream.objects.get(slug=slug) if slug else None,
            named_in_output=True,
            now=_at(2016, 6, 20),
            **extra,
        )
        _dated(Contribution, contribution.pk, _at(2016, 6, 20), "created", "updated")

    # The open editorial group (June): two people ask to join, the Secretariat approves.
    editors = []
    for email in ("mireille.tchakounte-haas@example.org", "ilka.morrow-sande@example.org"):
        request = editorial.ask_to_join(
            consultation=consultation,
            actor=people[email],
            motivation="I followed Phase I and can help edit the regional sections.",
        )
        editorial.decide_editor_request(editor=request, actor=secretariat, approve=True)
        editors.append(people[email])

    draft_1 = services.create_draft(
        consultation=consultation,
        actor=secretariat,
        title="Policy Options – Phase II: first draft",
        body=CENB_DRAFT_1,
    )
    services.publish_draft(draft=draft_1, actor=secretariat)
    _dated(Draft, draft_1.pk, _at(2016, 8, 12), "published_at")
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.COMMENT_WINDOW,
        opens_at=_at(2016, 8, 15),
        closes_at=_at(2016, 9, 12, 23),
        draft=draft_1,
        title="First draft open for public comment",
    )
    paragraphs = {p.number: p for p in draft_1.paragraphs.all()}
    for offset, (email, number, body, named) in enumerate(CENB_COMMENTS):
        _comment(paragraphs[number], people[email], body, named, _at(2016, 8, 20 + offset))
    first = Comment.objects.filter(draft=draft_1).order_by("pk").first()
    _comment(
        first.paragraph,
        people["kwabena.osei-lindqvist@example.org"],
        "Agreed; operators in Ghana see the same pattern.",
        True,
        _at(2016, 9, 1),
        parent=first,
    )
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.EDITORIAL_REVIEW,
        opens_at=_at(2016, 9, 13),
        closes_at=_at(2016, 9, 30, 18),
        title="Draft reviewed by the open editorial group",
    )
    for comment in Comment.objects.filter(draft=draft_1, parent__isnull=True):
        for start, (outcome, reply) in DISPOSITIONS.items():
            if comment.body.startswith(start):
                editorial.give_disposition(
                    comment=comment, actor=editors[0], outcome=outcome, reply=reply
                )
                _dated(Disposition, comment.disposition.pk, _at(2016, 9, 28), "created", "updated")

    draft_2 = services.create_draft(
        consultation=consultation,
        actor=editors[0],
        title="Policy Options for Connecting and Enabling the Next Billion – Phase II",
        body=CENB_DRAFT_2,
    )
    services.publish_draft(draft=draft_2, actor=secretariat)
    _dated(Draft, draft_2.pk, _at(2016, 10, 1), "published_at")
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.COMMENT_WINDOW,
        opens_at=_at(2016, 10, 3),
        closes_at=_at(2016, 10, 31, 23),
        draft=draft_2,
        title="Second draft open for public comment",
    )
    paragraphs_2 = {p.number: p for p in draft_2.paragraphs.all()}
    for email, number, body, named in CENB_COMMENTS_2:
        _comment(paragraphs_2[number], people[email], body, named, _at(2016, 10, 10))
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.FINAL_OUTPUT,
        opens_at=_at(2016, 11, 15),
        closes_at=_at(2016, 12, 5),
        title="Final output published on the IGF website",
    )
    services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.REVISION,
        opens_at=_at(2016, 12, 10),
        closes_at=_at(2017, 2, 28),
        title="Revision incorporating the input of IGF 2016 in Guadalajara",
    )

    messages.create_message(
        consultation=consultation,
        actor=editors[0],
        kind="consensus",
        title="Policy options must be tailored to local and regional specificities.",
        body="Every contribution from an NRI made this point; no comment disputed it.",
        paragraphs=[paragraphs_2[7]],
    )
    messages.create_message(
        consultation=consultation,
        actor=editors[0],
        kind="diverging",
        title="Whether failures should be documented alongside success stories.",
        body="Most commenters asked for it; some feared it would discourage reporting.",
        comment_ids=list(
            Comment.objects.filter(draft=draft_1, body__startswith="Add examples").values_list(
                "pk", flat=True
            )
        ),
    )

    entities = []
    for name, kind, email in ENTITIES:
        entity = Entity.objects.filter(name=name).first() or outputs.create_entity(
            actor=secretariat, name=name, kind=kind, contact_email=email
        )
        entities.append(entity)
    output = outputs.publish_output(
        actor=secretariat, consultation=consultation, draft=draft_2, entities=entities
    )
    # Published in November 2016; it renders after the seed commits, with this date.
    _dated(Output, output.pk, _at(2016, 11, 15), "created")
    # The fora were sent it in November 2016: seeding the demo emails nobody today.
    Distribution.objects.filter(output=output).update(notified_at=_at(2016, 11, 16))
    # Replies and dispositions of 2016 reached their people in 2016: nothing waits to be sent.
    Notification.objects.filter(
        kind__in=["consultation_comment_reply", "consultation_disposition"]
    ).update(email_status=Notification.EmailStatus.SENT, read_at=_at(2016, 10, 1))
    return _set_status(consultation, secretariat, Consultation.Status.CLOSED)


def _seed_pn(secretariat, people, workstream):
    consultation = services.create_consultation(
        workstream=workstream,
        actor=secretariat,
        title="Policy Network on Meaningful Access: draft outcome document",
        summary="The working group's draft, open for public comment and NRI feedback (R-PN-8).",
        is_policy_network_output=True,
        slug=PN_SLUG,
    )
    draft = services.create_draft(
        consultation=consultation,
        actor=secretariat,
        title="Draft outcome document",
        body=PN_DRAFT,
        is_outcome_document=True,
    )
    services.publish_draft(draft=draft, actor=secretariat)
    now = timezone.now()
    window = services.add_phase(
        consultation=consultation,
        actor=secretariat,
        kind=Kind.COMMENT_WINDOW,
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=14),
        draft=draft,
        title="Draft outcome document open for public comment",
    )
    pn.invite_nris(phase=window, actor=secretariat)
    # Fresh rows: the draft above still carries the consultation as it was before publishing.
    paragraphs = {p.number: p for p in Paragraph.objects.filter(draft_id=draft.pk)}
    for email, number, body, named in PN_COMMENTS:
        _comment(paragraphs[number], people[email], body, named, None)
    return consultation


def seed(*, secretariat, people, workstreams, stdout):
    created = []
    cenb = workstreams.get("cenb-phase-ii")
    if cenb is not None and not Consultation.objects.filter(slug=CENB_SLUG).exists():
        _seed_cenb(secretariat, people, cenb)
        created.append("CENB Phase II consultation (2016, output published)")
    pnma = workstreams.get("pn-meaningful-access")
    if pnma is not None and not Consultation.objects.filter(slug=PN_SLUG).exists():
        _seed_pn(secretariat, people, pnma)
        created.append("PNMA draft outcome document (open for comment now)")
    for what in created:
        stdout.write(f"  consultation: {what}")
    return created
