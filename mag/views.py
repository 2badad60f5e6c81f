from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error
from workstreams.models import DccgInvitation, IgfCycle, Workstream
from workstreams.workflow import PUBLIC_STATUSES

from . import permissions, services
from .duties import current_dccg_liaison, dccg_exists, uncovered_duties
from .forms import (
    AssignLiaisonForm,
    BpfProposalForm,
    BpfSelectionForm,
    BpfSupportForm,
    EndLiaisonForm,
    MagTermForm,
)
from .models import (
    MAX_MAG_YEARS,
    BpfProposal,
    BpfSelection,
    BpfSupport,
    LiaisonAssignment,
    MagSelection,
    MagTerm,
)

TERMS_PER_PAGE = 50


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def mag_home(request):
    """The current MAG and the ways into its work."""
    terms = (
        MagTerm.objects.current()
        .select_related("user__profile", "stakeholder_group", "cycle")
        .order_by("stakeholder_group__position", "user__profile__display_name")
    )
    context = {
        "terms": terms,
        "cycles": IgfCycle.objects.order_by("-year"),
        "selections": MagSelection.objects.select_related("cycle").order_by("-cycle__year"),
        "rotation_cycle": IgfCycle.objects.filter(year=timezone.localdate().year).first(),
        "can_manage": permissions.can_manage_mag(request.user),
        "can_view_liaisons": permissions.can_view_liaisons(request.user),
        "can_list_proposals": permissions.can_list_bpf_proposals(request.user),
    }
    return render(request, "mag/home.html", context)


def _mark_years_on_the_mag(terms):
    """Set year_on_the_mag on each term (its holder's terms up to its cycle) and whether it
    may be renewed (R-MAG-2: not in the third year): one query."""
    years = defaultdict(list)
    for user_id, year in MagTerm.objects.filter(
        user_id__in={term.user_id for term in terms}
    ).values_list("user_id", "cycle__year"):
        years[user_id].append(year)
    for term in terms:
        term.year_on_the_mag = sum(y <= term.cycle.year for y in years[term.user_id])
        term.may_renew = term.year_on_the_mag < MAX_MAG_YEARS


@login_required
def term_list(request):
    """The Secretariat's roll of MAG terms, and the form to record one (R-MAG-1)."""
    _require(permissions.can_manage_mag(request.user))
    form = MagTermForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_mag_term(
                    actor=request.user,
                    user=data["email"],
                    cycle=data["cycle"],
                    start=data["start"],
                    end=data["end"],
                    stakeholder_group=data["stakeholder_group"],
                    country=data["country"],
                    gender=data["gender"],
                    developing_country=data["developing_country"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The MAG term has been recorded."))
                return redirect("mag:terms")
        messages.error(request, _("The term was not recorded: see the form below."))
    terms = MagTerm.objects.select_related(
        "user__profile", "cycle", "stakeholder_group", "created_by__profile", "renewed_by"
    ).order_by("-cycle__year", "user__profile__display_name", "pk")
    page = Paginator(terms, TERMS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    _mark_years_on_the_mag(page.object_list)
    context = {
        "terms": page.object_list,
        "page_obj": page,
        "form": form,
        "cycles": IgfCycle.objects.order_by("-year"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "mag/term_list.html", context, status=status)


def _liaisons_context(request, form=None):
    assignments = LiaisonAssignment.objects.select_related(
        "member__profile", "workstream", "assigned_by__profile", "ended_by__profile"
    ).order_by("kind", "ended_at", "workstream__name", "start", "pk")
    by_kind = {kind: [] for kind in LiaisonAssignment.Kind.values}
    for assignment in assignments:
        by_kind[assignment.kind].append(assignment)
    can_manage = permissions.can_manage_mag(request.user)
    return {
        "sections": [
            {"kind": kind, "label": label, "assignments": by_kind[kind]}
            for kind, label in LiaisonAssignment.Kind.choices
        ],
        "uncovered": uncovered_duties(),
        "can_manage": can_manage,
        "form": (form or AssignLiaisonForm()) if can_manage else None,
    }


@login_required
def liaison_list(request):
    """Every liaison duty by kind, uncovered ones highlighted (R-MAG-6); the Secretariat assigns."""
    _require(permissions.can_view_liaisons(request.user))
    form = None
    if request.method == "POST":
        _require(permissions.can_manage_mag(request.user))
        form = AssignLiaisonForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assign_liaison(
                    actor=request.user,
                    member=data["email"],
                    kind=data["kind"],
                    workstream=data["workstream"],
                    start=data["start"],
                    end=data["end"],
                    reason=data["reason"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The liaison duty has been assigned."))
                return redirect("mag:liaisons")
        messages.error(request, _("The duty was not assigned: see the form below."))
        return render(
            request, "mag/liaison_list.html", _liaisons_context(request, form), status=400
        )
    return render(request, "mag/liaison_list.html", _liaisons_context(request))


@login_required
def liaison_end(request, pk):
    """End a liaison duty with a reason; the assignment stays as the record."""
    _require(permissions.can_manage_mag(request.user))
    assignment = get_object_or_404(
        LiaisonAssignment.objects.select_related("member__profile", "workstream"), pk=pk
    )
    if not assignment.is_active:
        messages.info(request, _("This duty has already ended."))
        return redirect("mag:liaisons")
    form = EndLiaisonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_liaison(
                actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The duty has ended; it stays in the record."))
            return redirect("mag:liaisons")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mag/liaison_end.html", {"assignment": assignment, "form": form}, status=status
    )


def dccg(request):
    """The DC Coordination Group: invited DCs and its MAG liaison, or "uncovered" (R-DC-6)."""
    invitations = (
        DccgInvitation.objects.filter(workstream__status__in=PUBLIC_STATUSES)
        .select_related("workstream")
        .order_by("workstream__name")
    )
    context = {
        "invitations": invitations,
        "liaison": current_dccg_liaison(),
        "dccg_exists": dccg_exists(),
        "can_manage": permissions.can_manage_mag(request.user),
    }
    return render(request, "mag/dccg.html", context)


# ---- BPF proposals (R-BPF-1) ------------------------------------------------------------------


def _visible_proposal(request, pk):
    proposal = get_object_or_404(
        BpfProposal.objects.select_related("cycle", "created_by__profile", "workstream"), pk=pk
    )
    if not permissions.can_view_bpf_proposal(request.user, proposal):
        raise Http404
    return proposal


@login_required
def proposal_list(request):
    """Every BPF proposal, for the MAG that selects among them and the Secretariat."""
    _require(permissions.can_list_bpf_proposals(request.user))
    proposals = (
        BpfProposal.objects.select_related("cycle", "workstream")
        .prefetch_related(Prefetch("proposers", to_attr="people"))
        .order_by("-cycle__year", "title")
    )
    context = {
        "proposals": proposals,
        "can_create": permissions.can_create_bpf_proposal(request.user),
    }
    return render(request, "mag/proposal_list.html", context)


def _proposal_fields(data):
    return {field: data[field] for field in services.PROPOSAL_FIELDS}


@login_required
def proposal_create(request):
    _require(permissions.can_create_bpf_proposal(request.user))
    form = BpfProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_bpf_proposal(
                actor=request.user,
                proposers=form.cleaned_data["proposers"],
                **_proposal_fields(form.cleaned_data),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is saved as a draft."))
            return redirect("mag:bpf-proposal", pk=proposal.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "mag/proposal_form.html", {"form": form}, status=status)


@login_required
def proposal_edit(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(permissions.can_edit_bpf_proposal(request.user, proposal))
    form = BpfProposalForm(request.POST or None, initial=BpfProposalForm.initial_for(proposal))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_bpf_proposal(
                actor=request.user,
                proposal=proposal,
                proposers=form.cleaned_data["proposers"],
                **_proposal_fields(form.cleaned_data),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal has been saved."))
            return redirect("mag:bpf-proposal", pk=proposal.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mag/proposal_form.html", {"form": form, "proposal": proposal}, status=status
    )


def proposal_detail(request, pk):
    proposal = _visible_proposal(request, pk)
    context = {
        "proposal": proposal,
        "proposers": proposal.proposers.select_related("profile").order_by("pk"),
        "can_edit": permissions.can_edit_bpf_proposal(request.user, proposal),
    }
    return render(request, "mag/proposal_detail.html", context)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = _visible_proposal(request, pk)
    _require(permissions.can_edit_bpf_proposal(request.user, proposal))
    try:
        services.submit_bpf_proposal(actor=request.user, proposal=proposal)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal has been submitted to the MAG."))
    return redirect("mag:bpf-proposal", pk=proposal.pk)


# ---- The MAG's selection per cycle (R-BPF-2, R-BPF-6) -----------------------------------------


def _cycle_context(request, cycle, form=None):
    selection = BpfSelection.objects.filter(cycle=cycle).select_related("recorded_by__profile")
    selection = selection.first()
    selected = (
        BpfProposal.objects.filter(cycle=cycle, status=BpfProposal.Status.SELECTED)
        .select_related("workstream")
        .order_by("title")
    )
    can_record = permissions.can_record_bpf_selection(request.user) and selection is None
    # BPFs of the cycle that no recorded proposal created (registered or imported directly).
    others = (
        Workstream.objects.visible_to(request.user)
        .filter(kind=Workstream.Kind.BPF, cycle=cycle, bpf_proposal__isnull=True)
        .order_by("name")
    )
    return {
        "cycle": cycle,
        "selection": selection,
        "selected": selected,
        "others": others,
        # A just-selected BPF is proposed, hence private: link to it only for those who see it.
        "sees_proposed": permissions.can_manage_mag(request.user),
        "can_record": can_record,
        "form": (form or BpfSelectionForm(cycle=cycle)) if can_record else None,
    }


def bpf_cycle(request, year):
    """The BPFs the MAG selected for a cycle, with its recorded decision (R-BPF-2)."""
    cycle = get_object_or_404(IgfCycle, year=year)
    return render(request, "mag/bpf_cycle.html", _cycle_context(request, cycle))


@login_required
@require_POST
def bpf_selection_record(request, year):
    cycle = get_object_or_404(IgfCycle, year=year)
    _require(permissions.can_record_bpf_selection(request.user))
    form = BpfSelectionForm(request.POST, cycle=cycle)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_bpf_selection(
                actor=request.user,
                cycle=cycle,
                selected=list(data["selected"]),
                meeting=data["meeting"],
                decided_on=data["decided_on"],
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The MAG's selection has been recorded."))
            return redirect("mag:bpf-cycle", year=cycle.year)
    messages.error(request, _("The selection was not recorded: see the form below."))
    return render(request, "mag/bpf_cycle.html", _cycle_context(request, cycle, form), status=400)


# ---- The Secretariat's support of a BPF (R-BPF-4) ---------------------------------------------


def bpf_support(request, slug):
    """What the Secretariat provides a BPF, its penholder, and the BPF's methodology (R-BPF-6)."""
    workstream = get_object_or_404(
        Workstream.objects.select_related("cycle"), slug=slug, kind=Workstream.Kind.BPF
    )
    if not permissions.can_view_bpf_support(request.user, workstream):
        raise Http404
    support = (
        BpfSupport.objects.filter(workstream=workstream)
        .select_related("penholder__profile", "updated_by__profile")
        .first()
    )
    can_edit = permissions.can_edit_bpf_support(request.user)
    form = None
    status = 200
    if request.method == "POST":
        _require(can_edit)
        form = BpfSupportForm(request.POST)
        if form.is_valid():
            try:
                services.update_bpf_support(
                    actor=request.user, workstream=workstream, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The support record has been saved."))
                return redirect("mag:bpf-support", slug=workstream.slug)
        status = 400
    elif can_edit:
        initial = {}
        if support is not None:
            initial = {
                name: getattr(support, name)
                for name in ("mailing_list", "virtual_meetings", "web_pages", "surveys", "notes")
            }
            initial["penholder"] = support.penholder.email if support.penholder else ""
        form = BpfSupportForm(initial=initial)
    facilitators = (
        LiaisonAssignment.objects.active()
        .filter(kind=LiaisonAssignment.Kind.BPF_FACILITATOR, workstream=workstream)
        .select_related("member__profile")
    )
    context = {
        "workstream": workstream,
        "support": support,
        "facilitators": facilitators,
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "mag/bpf_support.html", context, status=status)
