"""Policy Network establishment (R-PN-1, R-PN-2, R-PN-4, R-PN-6, R-PN-7, R-NRI-5): services.

The topic decision and the inputs that informed it, the working group convened by
invitation (with its size limit and balance panel), the expert consultant, the BPFs' and DCs'
focal points and the NRIs' liaisons. The MAG's liaisons to a PN (R-PN-3) are the mag app's
duties; they appear on the PN's overview through its page panel.

Who may do what (can_manage_pn, can_respond_to_invitation, ...) is decided in
workstreams.permissions; the services here call those checks.
"""

from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError
from accounts.permissions import is_secretariat

from . import permissions, services
from .models import (
    FocalPoint,
    Membership,
    NriLiaison,
    PnConsultant,
    PnTopicInput,
    TopicDecision,
    WgInvitation,
    Workstream,
    WorkstreamEvent,
)

Verb = WorkstreamEvent.Verb
Kind = Workstream.Kind
Invitation = WgInvitation.Status

WG_MIN, WG_MAX = 15, 30
FOCAL_POINT_KINDS = frozenset({Kind.BPF, Kind.DC})
MAX_NRI_LIAISONS = 2
WORKFLOW_KEY = "policy_network"


def balance_threshold():
    """The share of the MWG one value may hold before the balance panel warns (R-PN-2)."""
    return float(getattr(settings, "PN_BALANCE_THRESHOLD", 0.5))


def coordinated_workstreams(user, kinds):
    """Workstreams of these kinds the person may name people for: all for the Secretariat."""
    queryset = Workstream.objects.filter(kind__in=kinds).order_by("name")
    if is_secretariat(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    coordinated = Membership.objects.coordinators().filter(user=user).values("workstream_id")
    return queryset.filter(pk__in=coordinated)


# ---- Helpers -----------------------------------------------------------------------------


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("You may not do this in this Policy Network."))


def _require_pn(workstream):
    if workstream.kind != Kind.PN:
        raise DomainError(_("This is not a Policy Network."))


def _record(workstream, actor, what, *, subject_user=None, reason="", **details):
    return WorkstreamEvent.objects.create(
        workstream=workstream,
        actor=actor,
        verb=Verb.UPDATED,
        workflow=WORKFLOW_KEY,
        subject_user=subject_user,
        details={"policy_network": what, **details},
        reason=reason,
    )


# ---- R-PN-1: the topic decision ------------------------------------------------------------


@transaction.atomic
def record_topic_decision(*, workstream, actor, topic, decided_on, reason):
    """R-PN-1: record (or correct) the Secretariat's decision on the PN's topic."""
    _require_pn(workstream)
    _require(
        permissions.can_manage_pn(actor, workstream),
        _("The Secretariat decides a PN's topic (R-PN-1)."),
    )
    if not (reason or "").strip():
        raise DomainError(_("Give the reason for the topic; it is recorded."), field="reason")
    decision, created = TopicDecision.objects.update_or_create(
        workstream=workstream,
        defaults={"topic": topic, "decided_on": decided_on, "reason": reason, "decided_by": actor},
    )
    _record(
        workstream,
        actor,
        "topic_decided" if created else "topic_corrected",
        reason=reason,
        topic=topic,
        decided_on=decided_on.isoformat(),
    )
    return decision


@transaction.atomic
def add_topic_input(*, workstream, actor, title, kind, url="", note=""):
    """R-PN-1: link an input that informed the topic decision (recorded first)."""
    _require_pn(workstream)
    _require(permissions.can_manage_pn(actor, workstream))
    decision = TopicDecision.objects.filter(workstream=workstream).first()
    if decision is None:
        raise DomainError(_("Record the topic decision first, then the inputs that informed it."))
    if kind not in PnTopicInput.Kind.values:
        raise DomainError(_("Unknown kind of input."), field="kind")
    item = PnTopicInput.objects.create(
        workstream=workstream, decision=decision, title=title, kind=kind, url=url, note=note
    )
    _record(workstream, actor, "topic_input_added", title=title, kind=kind)
    return item


@transaction.atomic
def remove_topic_input(*, item, actor):
    """R-PN-1: unlink an input recorded by mistake; the history keeps that it was there."""
    _require(permissions.can_manage_pn(actor, item.workstream))
    _record(item.workstream, actor, "topic_input_removed", title=item.title, kind=item.kind)
    item.delete()


# ---- R-PN-2: the multistakeholder working group --------------------------------------------


@transaction.atomic
def invite_to_wg(*, workstream, person, discipline, actor):
    """R-PN-2: the Secretariat invites an expert to the MWG, for a discipline."""
    _require_pn(workstream)
    _require(
        permissions.can_manage_pn(actor, workstream),
        _("The Secretariat convenes the working group (R-PN-2)."),
    )
    workstream = services._locked(workstream)
    open_ = WgInvitation.objects.filter(
        workstream=workstream, person=person, status__in=[Invitation.INVITED, Invitation.ACCEPTED]
    )
    if open_.exists():
        raise DomainError(
            _("%(name)s is already invited to or in the working group.") % {"name": person},
            field="email",
        )
    invitation = WgInvitation.objects.create(
        workstream=workstream, person=person, discipline=discipline, invited_by=actor
    )
    _record(workstream, actor, "wg_invited", subject_user=person, discipline=discipline)
    return invitation


def _accepted(workstream):
    return WgInvitation.objects.filter(workstream=workstream, status=Invitation.ACCEPTED)


@transaction.atomic
def respond_to_invitation(*, invitation, actor, accept):
    """R-PN-2: the invited person accepts or declines; a 31st acceptance is refused."""
    # The PN's row lock first: two acceptances at once are counted one after the other, so
    # the thirty-first never slips in beside the thirtieth.
    workstream = services._locked(invitation.workstream)
    invitation = WgInvitation.objects.select_for_update().get(pk=invitation.pk)
    _require(
        permissions.can_respond_to_invitation(actor, invitation),
        _("Only the invited person answers this invitation."),
    )
    if accept:
        size = _accepted(workstream).count()
        if size >= WG_MAX:
            raise DomainError(
                _(
                    "The working group is full: it has %(size)d members and may have at most "
                    "%(max)d."
                )
                % {"size": size, "max": WG_MAX},
                rule="R-PN-2",
            )
    invitation.status = Invitation.ACCEPTED if accept else Invitation.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at", "updated"])
    _record(
        workstream,
        actor,
        "wg_accepted" if accept else "wg_declined",
        subject_user=actor,
        discipline=invitation.discipline,
    )
    has_role = Membership.objects.active().filter(workstream=workstream, user=actor).exists()
    if accept and not has_role and invitation.invited_by_id:
        # The role is granted by the Secretariat member who invited, so the membership and
        # its event name who convened the person (R-PN-2); the acceptance is its reason.
        services.grant_role(
            workstream=workstream,
            user=actor,
            role=Membership.Role.MEMBER,
            actor=invitation.invited_by,
            reason=_("Accepted the invitation to the multistakeholder working group (R-PN-2)."),
        )
    return invitation


@transaction.atomic
def withdraw_invitation(*, invitation, actor):
    """R-PN-2: the Secretariat withdraws an invitation not yet answered."""
    _require(permissions.can_manage_pn(actor, invitation.workstream))
    invitation = WgInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.INVITED:
        raise DomainError(_("Only an invitation not yet answered can be withdrawn."))
    invitation.status = Invitation.WITHDRAWN
    invitation.save(update_fields=["status", "updated"])
    _record(invitation.workstream, actor, "wg_withdrawn", subject_user=invitation.person)
    return invitation


def wg_balance(members, threshold=None):
    """R-PN-2: the MWG's balance by discipline, UN regional group, stakeholder group and gender.

    members are accepted invitations with person__profile__stakeholder_group loaded. Gender is
    counted whatever its public flag and only ever shown as counts. Each dimension carries the
    values holding more than the threshold's share of the group.
    """
    from accounts.models import Profile
    from accounts.regions import RegionalGroup

    threshold = balance_threshold() if threshold is None else threshold
    regions = dict(RegionalGroup.choices)
    genders = dict(Profile.Gender.choices)
    unknown = _("Not given")

    def profile(invitation):
        return getattr(invitation.person, "profile", None)

    def group(invitation):
        p = profile(invitation)
        return p.stakeholder_group.name if p and p.stakeholder_group_id else unknown

    def gender(invitation):
        p = profile(invitation)
        # Self-descriptions are grouped, never shown: they could name the person.
        return str(genders.get(p.gender, unknown)) if p and p.gender else unknown

    def region(invitation):
        p = profile(invitation)
        return str(regions.get(p.un_regional_group, unknown)) if p else unknown

    dimensions = [
        ("discipline", _("Discipline or knowledge area"), lambda i: i.discipline.strip()),
        ("region", _("UN regional group"), region),
        ("stakeholder_group", _("Stakeholder group"), group),
        ("gender", _("Gender"), gender),
    ]
    total = len(members)
    panel = []
    for key, label, value_of in dimensions:
        counts = Counter(str(value_of(m)) for m in members)
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        over = [value for value, n in rows if total and n / total > threshold]
        panel.append({"key": key, "label": label, "rows": rows, "total": total, "over": over})
    return panel


# ---- R-PN-4: the expert consultant ---------------------------------------------------------


@transaction.atomic
def set_consultant(*, workstream, actor, contract_date, person=None, name="", organisation=""):
    """R-PN-4: record the expert consultant the Secretariat contracted for the PN."""
    _require_pn(workstream)
    _require(permissions.can_manage_pn(actor, workstream))
    if person is None and not (name or "").strip():
        raise DomainError(_("Name the consultant, or give their account's address."), field="name")
    consultant, _created = PnConsultant.objects.update_or_create(
        workstream=workstream,
        defaults={
            "person": person,
            "name": name,
            "organisation": organisation,
            "contract_date": contract_date,
            "recorded_by": actor,
        },
    )
    _record(
        workstream,
        actor,
        "consultant_recorded",
        subject_user=person,
        name=name,
        organisation=organisation,
        contract_date=contract_date.isoformat(),
    )
    return consultant


# ---- R-PN-7: focal points of BPFs and DCs --------------------------------------------------


@transaction.atomic
def set_focal_point(*, workstream, from_workstream, person, actor):
    """R-PN-7: a BPF or DC names its one focal point to the PN (a new one replaces the old)."""
    _require_pn(workstream)
    if from_workstream.kind not in FOCAL_POINT_KINDS:
        raise DomainError(
            _("Only a Best Practice Forum or a Dynamic Coalition names a focal point to a PN."),
            field="from_workstream",
            rule="R-PN-7",
        )
    _require(
        permissions.can_name_focal_point(actor, from_workstream),
        _("A workstream's coordinators name its focal point (R-PN-7)."),
    )
    services._locked(workstream)
    focal_point, _created = FocalPoint.objects.update_or_create(
        workstream=workstream,
        from_workstream=from_workstream,
        defaults={"person": person, "named_by": actor},
    )
    _record(
        workstream,
        actor,
        "focal_point_named",
        subject_user=person,
        from_workstream=from_workstream.slug,
    )
    return focal_point


# ---- R-NRI-5: NRI liaisons ---------------------------------------------------------------


@transaction.atomic
def add_nri_liaison(*, workstream, nri, person, actor):
    """R-NRI-5: an NRI designates a liaison person to the PN; never more than two."""
    _require_pn(workstream)
    if nri.kind != Kind.NRI:
        raise DomainError(_("Only an NRI designates NRI liaisons."), field="nri", rule="R-NRI-5")
    _require(
        permissions.can_name_nri_liaison(actor, nri),
        _("An NRI's coordinators designate its liaisons (R-NRI-5)."),
    )
    # Counted under the PN's row lock: two designations at once cannot both be the second.
    workstream = services._locked(workstream)
    current = NriLiaison.objects.filter(workstream=workstream, nri=nri)
    if current.filter(person=person).exists():
        raise DomainError(
            _("%(name)s is already a liaison of this NRI.") % {"name": person}, field="email"
        )
    count = current.count()
    if count >= MAX_NRI_LIAISONS:
        raise DomainError(
            _("%(nri)s already has %(count)d liaisons to this PN; an NRI designates one or two.")
            % {"nri": nri, "count": count},
            rule="R-NRI-5",
        )
    try:
        with transaction.atomic():
            liaison = NriLiaison.objects.create(
                workstream=workstream, nri=nri, person=person, named_by=actor
            )
    except IntegrityError as exc:
        raise DomainError(_("This liaison is already recorded.")) from exc
    _record(workstream, actor, "nri_liaison_named", subject_user=person, nri=nri.slug)
    return liaison


@transaction.atomic
def remove_nri_liaison(*, liaison, actor):
    """R-NRI-5: the NRI (or the Secretariat) ends a liaison's designation."""
    _require(permissions.can_name_nri_liaison(actor, liaison.nri))
    _record(
        liaison.workstream,
        actor,
        "nri_liaison_removed",
        subject_user=liaison.person,
        nri=liaison.nri.slug,
    )
    liaison.delete()
