"""Policy Network consultations: NRIs invited to give feedback on each phase (R-PN-8), and the
outcome document's structure (R-PN-9)."""

import re
import unicodedata

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import DomainError
from workstreams.models import Membership, Workstream

from . import contributions, events, permissions
from .checks import require
from .models import Contribution, NriFeedbackInvitation, Phase

INVITATION_KIND = "consultation_nri_invitation"

# ---- R-PN-8: NRI feedback on each phase ------------------------------------------------------


def recognised_nris():
    return Workstream.objects.of_kind(Workstream.Kind.NRI).filter(status=Workstream.Status.ACTIVE)


def invitations_url(consultation):
    return reverse("consultations:nri-invitations", args=[consultation.slug])


@transaction.atomic
def invite_nris(*, phase, actor, nris=None):
    """R-PN-8: invite recognised NRIs (all of them by default) to give feedback on a phase of
    a Policy Network's output; each NRI's coordinators are notified once."""
    from timelines import services as timeline_services
    from timelines.registry import Occasion

    phase = Phase.objects.select_related("consultation").get(pk=phase.pk)
    consultation = phase.consultation
    require(permissions.can_manage_consultation(actor, consultation))
    if not consultation.is_policy_network_output:
        raise DomainError(
            _("NRIs are invited to give feedback on a Policy Network's output only."),
            rule="R-PN-8",
        )
    candidates = recognised_nris()
    if nris is not None:
        chosen = {nri.pk for nri in nris}
        candidates = candidates.filter(pk__in=chosen)
        if len(chosen) != candidates.count():
            raise DomainError(
                _("Only recognised NRIs can be invited."), field="nris", rule="R-PN-8"
            )
    already = set(
        NriFeedbackInvitation.objects.filter(phase=phase).values_list("nri_id", flat=True)
    )
    new = [nri for nri in candidates if nri.pk not in already]
    if not new:
        raise DomainError(
            _("Every chosen NRI has already been invited to this phase."), rule="R-PN-8"
        )
    NriFeedbackInvitation.objects.bulk_create(
        [NriFeedbackInvitation(phase=phase, nri=nri, invited_by=actor) for nri in new]
    )
    events.record(
        consultation=consultation,
        actor=actor,
        action="nris_invited",
        phase=phase.pk,
        nris=[nri.pk for nri in new],
    )
    coordinators = (
        Membership.objects.coordinators()
        .filter(workstream__in=new, user__is_active=True)
        .select_related("workstream")
        .order_by("workstream_id", "user_id")
    )
    url = invitations_url(consultation)
    occasions = [
        Occasion(
            recipient_id=membership.user_id,
            subject=f"nri-invitation:{phase.pk}:{membership.workstream_id}",
            occasion="invited",
            url=url,
            context={
                "consultation": consultation.title,
                "phase": str(phase),
                "nri": membership.workstream.name,
            },
        )
        for membership in coordinators
    ]
    if timeline_services.record_notifications(INVITATION_KIND, occasions):
        timeline_services.enqueue_delivery()
    return new


@transaction.atomic
def submit_nri_feedback(
    *, invitation, actor, title, text="", uploaded_file=None, language="en", named_in_output=False
):
    """R-PN-8: the NRI's feedback is a contribution on its behalf, linked to the invitation."""
    invitation = (
        NriFeedbackInvitation.objects.select_for_update()
        .select_related("phase__consultation", "nri")
        .get(pk=invitation.pk)
    )
    require(
        permissions.can_answer_nri_invitation(actor, invitation),
        _("Only the NRI's coordinators and members may send its feedback."),
    )
    if invitation.contribution_id is not None:
        raise DomainError(
            _("%(nri)s has already sent its feedback on this phase.")
            % {"nri": invitation.nri.name},
            rule="R-PN-8",
        )
    contribution = contributions.submit_contribution(
        consultation=invitation.phase.consultation,
        actor=actor,
        title=title,
        text=text,
        uploaded_file=uploaded_file,
        on_behalf_of=Contribution.OnBehalf.NRI,
        on_behalf_workstream=invitation.nri,
        language=language,
        named_in_output=named_in_output,
        phase=invitation.phase,
    )
    invitation.contribution = contribution
    invitation.save(update_fields=["contribution"])
    events.record(
        consultation=invitation.phase.consultation,
        actor=actor,
        action="nri_feedback_sent",
        invitation=invitation.pk,
        contribution=contribution.pk,
        nri=invitation.nri_id,
    )
    return contribution


def invitation_title(context):
    return _("%(nri)s is invited to give feedback on “%(consultation)s”") % context


def register():
    """Register the NRI invitation notification kind (R-PN-8) with timelines."""
    from timelines.models import Category
    from timelines.registry import KINDS, ReminderKind, no_scheduled_occasions, register_kind

    if INVITATION_KIND in KINDS:
        return
    register_kind(
        ReminderKind(
            key=INVITATION_KIND,
            category=Category.DUTIES,
            collect=no_scheduled_occasions,
            template=INVITATION_KIND,
            title=invitation_title,
        )
    )


# ---- R-PN-9: the outcome document's structure ------------------------------------------------

# Each section and the words a heading for it must contain (any one of the alternatives).
OUTCOME_SECTIONS = (
    (gettext_lazy("Status quo and current issues"), ("status quo", "current issues")),
    (gettext_lazy("Policy gaps"), ("policy gap",)),
    (gettext_lazy("Existing capacity"), ("capacity", "capacities")),
    (gettext_lazy("Local specificities"), ("local specificit", "local context")),
    (gettext_lazy("Good and bad practices"), ("practice",)),
    (
        gettext_lazy("Ways forward with identified implementation parties"),
        ("way forward", "ways forward"),
    ),
)
HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _normalise(text):
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def draft_headings(draft):
    """The draft's headings: its heading paragraphs once split, else its Markdown's # lines."""
    headings = list(draft.paragraphs.filter(is_heading=True).values_list("source", flat=True))
    if not headings:
        headings = [
            match.group(1)
            for line in (draft.body or "").splitlines()
            if (match := HEADING_LINE.match(line))
        ]
    return [_normalise(heading.lstrip("#")) for heading in headings]


def missing_outcome_sections(draft):
    """R-PN-9: the sections of a PN's outcome document that no heading of the draft covers."""
    headings = draft_headings(draft)
    return [
        str(label)
        for label, words in OUTCOME_SECTIONS
        if not any(word in heading for heading in headings for word in words)
    ]


def check_outcome_document(consultation, draft):
    """Refuse an output of a Policy Network consultation whose draft lacks an R-PN-9 section."""
    if not consultation.is_policy_network_output:
        return
    missing = missing_outcome_sections(draft)
    if missing:
        raise DomainError(
            _(
                "A Policy Network's outcome document covers six sections; this draft has no "
                "heading for: %(missing)s."
            )
            % {"missing": "; ".join(missing)},
            field="draft",
            rule="R-PN-9",
        )


register()
