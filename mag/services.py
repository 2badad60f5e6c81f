"""Every write to the MAG's records: terms, liaison duties, BPF proposals and selection, support.

Each takes actor=, runs in one transaction and refuses with a DomainError naming the rule.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError
from accounts.permissions import is_secretariat
from accounts.regions import default_developing_countries
from workstreams import services as workstream_services
from workstreams.models import IgfCycle, Membership, Workstream
from workstreams.workflow import Status as WorkstreamStatus

from . import events, permissions
from .models import (
    MAX_MAG_YEARS,
    BpfProposal,
    BpfSelection,
    BpfSupport,
    LiaisonAssignment,
    MagTerm,
    is_current_mag_member,
)

Kind = LiaisonAssignment.Kind

# Which workstream kind each duty belongs to; the DCCG duty has no workstream.
DUTY_WORKSTREAM_KIND = {
    Kind.BPF_FACILITATOR: Workstream.Kind.BPF,
    Kind.PN_LIAISON: Workstream.Kind.PN,
}


def _require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("Only the Secretariat may do this."))


def _reason_required(reason, message):
    if not (reason or "").strip():
        raise DomainError(message, field="reason")


# ---- Terms (R-MAG-1) -------------------------------------------------------------------------


def _terms_served(user, *, lock=False):
    """The person's MAG terms, oldest first; locked while a new one is decided (R-MAG-2)."""
    terms = MagTerm.objects.filter(user=user).select_related("cycle").order_by("start", "pk")
    if lock:
        terms = terms.select_for_update(of=("self",))
    return list(terms)


def _refuse_past_max_years(user, served):
    # R-MAG-2: a fourth term would make more than three years on the MAG.
    if len(served) >= MAX_MAG_YEARS:
        raise DomainError(
            _(
                "no member serves more than %(max)s years; %(name)s has already served "
                "%(count)s terms (%(cycles)s)."
            )
            % {
                "max": MAX_MAG_YEARS,
                "name": user.public_name,
                "count": len(served),
                "cycles": ", ".join(str(term.cycle) for term in served),
            },
            field="user",
            rule="R-MAG-2",
        )


def default_developing_country(country):
    """Whether a country counts as developing by default: the shipped list (R-MAG-4)."""
    return str(country or "").upper() in default_developing_countries()


@transaction.atomic
def create_mag_term(
    *,
    actor,
    user,
    cycle,
    start,
    end,
    stakeholder_group,
    country,
    gender="",
    developing_country=None,
    renewal_of=None,
    reason="",
):
    """Record a person's MAG term for a cycle with what R-MAG-1 asks (group, region, country,
    gender, start); refused past three years on the MAG (R-MAG-2). developing_country None
    takes the default from the shipped list."""
    _require(permissions.can_manage_mag(actor))
    if end < start:
        raise DomainError(_("A term ends on or after the day it starts."), field="end")
    served = _terms_served(user, lock=True)
    if any(term.cycle_id == cycle.pk for term in served):
        raise DomainError(
            _("%(name)s already has a MAG term for %(cycle)s.")
            % {"name": user.public_name, "cycle": cycle},
            field="user",
        )
    _refuse_past_max_years(user, served)
    if developing_country is None:
        developing_country = default_developing_country(country)
    term = MagTerm(
        user=user,
        cycle=cycle,
        start=start,
        end=end,
        stakeholder_group=stakeholder_group,
        country=country,
        gender=gender or "",
        developing_country=bool(developing_country),
        renewal_of=renewal_of,
        created_by=actor,
    )
    term.full_clean()
    term.save()
    user.__dict__.pop("_is_current_mag_member", None)
    events.record(
        actor=actor,
        action="term_renewed" if renewal_of else "term_created",
        subject_user=user,
        cycle=cycle,
        reason=reason,
        term=term.pk,
        renewal_of=renewal_of.pk if renewal_of else None,
        start=start.isoformat(),
        end=end.isoformat(),
        year_on_the_mag=len(served) + 1,
    )
    return term


def _shift_year(day, years=1):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_cycle_of(cycle):
    """The IGF cycle after this one, or None when it is not recorded yet."""
    return IgfCycle.objects.filter(year=cycle.year + 1).first()


def renewal_dates(term):
    """A renewal runs a year on from the term it renews."""
    return _shift_year(term.start), _shift_year(term.end)


@transaction.atomic
def renew_mag_term(*, actor, term, start=None, end=None, cycle=None, reason=""):
    """Renew a term into the next cycle; refused past three years on the MAG (R-MAG-2)."""
    _require(permissions.can_manage_mag(actor))
    term = MagTerm.objects.select_for_update().select_related("user", "cycle").get(pk=term.pk)
    if MagTerm.objects.filter(renewal_of=term).exists():
        raise DomainError(
            _("This term of %(name)s has already been renewed.") % {"name": term.user.public_name}
        )
    cycle = cycle or next_cycle_of(term.cycle)
    if cycle is None:
        raise DomainError(
            _("IGF %(year)s is not recorded yet; a term is renewed into the next cycle.")
            % {"year": term.cycle.year + 1},
            field="cycle",
        )
    if cycle.year <= term.cycle.year:
        raise DomainError(
            _("A renewal is for a later cycle than %(cycle)s.") % {"cycle": term.cycle},
            field="cycle",
        )
    default_start, default_end = renewal_dates(term)
    start = start or default_start
    end = end or default_end
    if start <= term.end:
        raise DomainError(
            _("The renewed term starts after the current one ends (%(end)s).")
            % {"end": date_format(term.end)},
            field="start",
        )
    return create_mag_term(
        actor=actor,
        user=term.user,
        cycle=cycle,
        start=start,
        end=end,
        stakeholder_group=term.stakeholder_group,
        country=term.country,
        gender=term.gender,
        developing_country=term.developing_country,
        renewal_of=term,
        reason=reason,
    )


# ---- Liaison duties (R-MAG-6, R-DC-6, R-BPF-3, R-PN-3) ----------------------------------------


def _dccg_taken_message(current):
    return _(
        "The DCCG has at most one MAG liaison at a time; %(name)s holds the duty. "
        "End that assignment first."
    ) % {"name": current.member}


def _join_coordinating_team(workstream, member, actor):
    # R-BPF-3: the facilitator joins the BPF's coordinating team. A person already on the team
    # keeps their place; a member or observer becomes a coordinator.
    role = (
        Membership.objects.active()
        .filter(workstream=workstream, user=member)
        .values_list("role", flat=True)
        .first()
    )
    reason = _("MAG facilitator of this BPF (R-BPF-3).")
    if role is None:
        workstream_services.grant_role(
            workstream=workstream,
            user=member,
            role=Membership.Role.COORDINATOR,
            actor=actor,
            reason=reason,
        )
    elif role != Membership.Role.COORDINATOR:
        workstream_services.change_role(
            workstream=workstream,
            user=member,
            role=Membership.Role.COORDINATOR,
            actor=actor,
            reason=reason,
        )


@transaction.atomic
def assign_liaison(*, actor, member, kind, workstream=None, start=None, end=None, reason=""):
    """Give a current MAG member a liaison duty; the DCCG has at most one liaison (R-DC-6)."""
    _require(permissions.can_manage_mag(actor))
    if kind not in Kind.values:
        raise DomainError(_("Unknown duty “%(kind)s”.") % {"kind": kind}, field="kind")
    start = start or timezone.localdate()
    if end is not None and end < start:
        raise DomainError(_("A duty ends on or after the day it starts."), field="end")
    if not is_current_mag_member(member, start):
        raise DomainError(
            _("%(name)s is not a current MAG member; liaison duties are held by MAG members.")
            % {"name": member},
            field="member",
            rule="R-MAG-6",
        )
    if kind == Kind.DCCG_LIAISON:
        if workstream is not None:
            raise DomainError(
                _("The DCCG liaison is not tied to one workstream."), field="workstream"
            )
        # One row lock serialises concurrent assignments; the constraint is the last word.
        current = LiaisonAssignment.objects.active().select_for_update().filter(kind=kind).first()
        if current is not None:
            raise DomainError(_dccg_taken_message(current), field="member", rule="R-DC-6")
    else:
        expected = DUTY_WORKSTREAM_KIND[kind]
        if workstream is None:
            raise DomainError(_("Choose the workstream for this duty."), field="workstream")
        if workstream.kind != expected:
            rule = "R-BPF-3" if kind == Kind.BPF_FACILITATOR else "R-PN-3"
            raise DomainError(
                _("A %(duty)s serves a %(kind)s; %(workstream)s is a %(actual)s.")
                % {
                    "duty": Kind(kind).label,
                    "kind": Workstream.Kind(expected).label,
                    "workstream": workstream,
                    "actual": workstream.get_kind_display(),
                },
                field="workstream",
                rule=rule,
            )
        if (
            LiaisonAssignment.objects.active()
            .filter(kind=kind, workstream=workstream, member=member)
            .exists()
        ):
            raise DomainError(
                _("%(name)s already holds this duty for %(workstream)s.")
                % {"name": member, "workstream": workstream},
                field="member",
            )
    try:
        with transaction.atomic():
            assignment = LiaisonAssignment.objects.create(
                member=member,
                kind=kind,
                workstream=workstream,
                start=start,
                end=end,
                reason=reason,
                assigned_by=actor,
            )
    except IntegrityError as exc:  # a concurrent assignment won the race
        if kind == Kind.DCCG_LIAISON:
            raise DomainError(
                _("The DCCG has at most one MAG liaison at a time."), field="member", rule="R-DC-6"
            ) from exc
        raise DomainError(_("This duty is already held."), field="member") from exc
    if kind == Kind.BPF_FACILITATOR:
        _join_coordinating_team(workstream, member, actor)
    return assignment


@transaction.atomic
def end_liaison(*, actor, assignment, reason):
    """End a liaison duty with a reason; the row stays as the record (R-MAG-6).

    Ending the DCCG liaison leaves the duty uncovered (R-DC-6), which the Secretariat is
    reminded of; a BPF facilitator keeps their role on the team, which its coordinators manage.
    """
    _require(permissions.can_manage_mag(actor))
    _reason_required(reason, _("Give a reason for ending this duty; it is recorded."))
    assignment = LiaisonAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise DomainError(_("This duty has already ended."))
    assignment.ended_at = timezone.now()
    assignment.ended_by = actor
    assignment.end_reason = reason
    today = timezone.localdate()
    if assignment.end is None or assignment.end > today:
        assignment.end = max(today, assignment.start)
    assignment.save(update_fields=["ended_at", "ended_by", "end_reason", "end", "updated"])
    return assignment


def check_bpf_has_facilitator(*, workstream, action, target):
    """R-BPF-3: a BPF becomes active only with an active MAG facilitator (a transition guard)."""
    if workstream.kind != Workstream.Kind.BPF or target != WorkstreamStatus.ACTIVE:
        return
    has_facilitator = (
        LiaisonAssignment.objects.serving()
        .filter(kind=Kind.BPF_FACILITATOR, workstream=workstream)
        .exists()
    )
    if not has_facilitator:
        raise DomainError(
            _(
                "a BPF needs at least one MAG facilitator on its coordinating team before it "
                "becomes active."
            ),
            field="action",
            rule="R-BPF-3",
        )


# ---- BPF proposals and the MAG's selection (R-BPF-1, R-BPF-2, R-BPF-6) ------------------------

PROPOSAL_FIELDS = ("cycle", "title", "description", "methodology")


@transaction.atomic
def create_bpf_proposal(*, actor, cycle, title, description, methodology, proposers):
    """Draft a BPF proposal; the MAG members among its proposers submit it later (R-BPF-1)."""
    _require(
        permissions.can_create_bpf_proposal(actor),
        _("Current MAG members propose Best Practice Forums."),
    )
    proposal = BpfProposal(
        cycle=cycle,
        title=title,
        description=description,
        methodology=methodology,
        created_by=actor,
    )
    proposal.full_clean()
    proposal.save()
    proposal.proposers.set(proposers)
    return proposal


@transaction.atomic
def update_bpf_proposal(*, actor, proposal, proposers, **changes):
    """Change a draft proposal; once submitted it is the MAG's to decide on."""
    proposal = BpfProposal.objects.select_for_update().get(pk=proposal.pk)
    _require(
        permissions.can_edit_bpf_proposal(actor, proposal),
        _("Only a draft can be changed, by its authors or the Secretariat."),
    )
    for field, value in changes.items():
        if field not in PROPOSAL_FIELDS:
            raise DomainError(_("“%(field)s” cannot be changed here.") % {"field": field})
        setattr(proposal, field, value)
    proposal.full_clean()
    proposal.save()
    proposal.proposers.set(proposers)
    return proposal


@transaction.atomic
def submit_bpf_proposal(*, actor, proposal):
    """Submit a proposal to the MAG: at least one proposer is a current MAG member (R-BPF-1)."""
    proposal = BpfProposal.objects.select_for_update().get(pk=proposal.pk)
    _require(
        permissions.can_edit_bpf_proposal(actor, proposal),
        _("Only a draft can be submitted, by its authors or the Secretariat."),
    )
    today = timezone.localdate()
    proposers = list(proposal.proposers.all())
    if not any(is_current_mag_member(person, today) for person in proposers):
        raise DomainError(
            _(
                "a BPF proposal is submitted by at least one current MAG member; none of its "
                "%(count)s proposers is one."
            )
            % {"count": len(proposers)},
            field="proposers",
            rule="R-BPF-1",
        )
    proposal.status = BpfProposal.Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.submitted_by = actor
    proposal.save(update_fields=["status", "submitted_at", "submitted_by", "updated"])
    return proposal


def _free_slug(title):
    base = slugify(f"bpf-{title}")[:70].strip("-") or "bpf"
    slug, n = base, 1
    while Workstream.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def record_bpf_selection(*, actor, cycle, selected, meeting, decided_on, reason):
    """Record the MAG's BPF selection for a cycle (R-BPF-2); each selected proposal becomes a
    proposed BPF whose methodology is the proposal's (R-BPF-6)."""
    _require(permissions.can_record_bpf_selection(actor))
    _reason_required(reason, _("Give the reasons for the selection; they are recorded."))
    if BpfSelection.objects.filter(cycle=cycle).exists():
        raise DomainError(
            _("The MAG's BPF selection for %(cycle)s is already recorded.") % {"cycle": cycle},
            rule="R-BPF-2",
        )
    candidates = list(
        BpfProposal.objects.select_for_update().filter(
            cycle=cycle, status=BpfProposal.Status.SUBMITTED
        )
    )
    selected_ids = {proposal.pk for proposal in selected}
    unknown = selected_ids - {proposal.pk for proposal in candidates}
    if unknown:
        raise DomainError(
            _("Only proposals submitted for %(cycle)s can be selected.") % {"cycle": cycle},
            field="selected",
        )
    selection = BpfSelection.objects.create(
        cycle=cycle, meeting=meeting, decided_on=decided_on, reason=reason, recorded_by=actor
    )
    for proposal in candidates:
        proposal.selection = selection
        if proposal.pk in selected_ids:
            if Workstream.objects.filter(name=proposal.title).exists():
                raise DomainError(
                    _("A workstream is already named “%(name)s”; rename the proposal first.")
                    % {"name": proposal.title},
                    field="selected",
                )
            proposal.workstream = workstream_services.create_workstream(
                actor=actor,
                reason=_("Selected by the MAG at %(meeting)s (R-BPF-2).") % {"meeting": meeting},
                kind=Workstream.Kind.BPF,
                status=Workstream.Status.PROPOSED,
                name=proposal.title,
                slug=_free_slug(proposal.title),
                description=proposal.description,
                methodology=proposal.methodology,
                cycle=cycle,
            )
            proposal.status = BpfProposal.Status.SELECTED
        else:
            proposal.status = BpfProposal.Status.NOT_SELECTED
        proposal.save(update_fields=["selection", "workstream", "status", "updated"])
    return selection


# ---- The Secretariat's support of a BPF (R-BPF-4) ---------------------------------------------

SUPPORT_FIELDS = ("mailing_list", "virtual_meetings", "web_pages", "surveys", "notes", "penholder")


@transaction.atomic
def update_bpf_support(*, actor, workstream, **changes):
    """Record the Secretariat's support of a BPF and its penholder of the output (R-BPF-4)."""
    _require(permissions.can_edit_bpf_support(actor))
    if workstream.kind != Workstream.Kind.BPF:
        raise DomainError(_("Only Best Practice Forums have this support record."), rule="R-BPF-4")
    penholder = changes.get("penholder")
    if penholder is not None and not is_secretariat(penholder):
        raise DomainError(
            _("The penholder of a BPF's output report is Secretariat staff; %(name)s is not.")
            % {"name": penholder},
            field="penholder",
            rule="R-BPF-4",
        )
    support, _created = BpfSupport.objects.select_for_update().get_or_create(workstream=workstream)
    for field, value in changes.items():
        if field not in SUPPORT_FIELDS:
            raise DomainError(_("“%(field)s” cannot be changed here.") % {"field": field})
        setattr(support, field, value)
    support.updated_by = actor
    support.full_clean()
    support.save()
    return support


@transaction.atomic
def end_duties_of(*, user, actor, reason):
    """A closed account: end every liaison duty `user` holds, each recorded (R-MAG-6).

    The duties show as uncovered at once, so the Secretariat is reminded to fill them.
    """
    today = timezone.localdate()
    for assignment in LiaisonAssignment.objects.active().filter(member=user).select_for_update():
        assignment.ended_at = timezone.now()
        assignment.ended_by = actor
        assignment.end_reason = reason
        if assignment.end is None or assignment.end > today:
            assignment.end = max(today, assignment.start)
        assignment.save(update_fields=["ended_at", "ended_by", "end_reason", "end", "updated"])
        events.record(
            actor=actor,
            action="liaison_ended",
            subject_user=user,
            reason=reason,
            assignment=assignment.pk,
            kind=assignment.kind,
            workstream=assignment.workstream.slug if assignment.workstream_id else None,
        )
