"""The Policy Network page (R-PN-1, R-PN-2, R-PN-4, R-PN-6, R-PN-7, R-NRI-5) and its actions.

Tenant first, permission second: a workstream that is not a PN answers 404, like a missing one.
Each action is a small POST view: load, check, call a service in workstreams.pn, message,
redirect; a refused or invalid form is shown again on the page with what was typed (400).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error
from timelines.models import Milestone

from . import permissions, pn
from .forms_pn import (
    ConsultantForm,
    FocalPointForm,
    InviteForm,
    NriLiaisonForm,
    RespondForm,
    TopicDecisionForm,
    TopicInputForm,
)
from .models import (
    FocalPoint,
    NriLiaison,
    PnConsultant,
    PnTopicInput,
    TopicDecision,
    WgInvitation,
    Workstream,
)
from .views import get_workstream, workstream_tabs

Kind = Workstream.Kind
Invitation = WgInvitation.Status


def _policy_network(request, slug):
    workstream = get_workstream(request, slug)
    if workstream.kind != Kind.PN:
        raise Http404
    return workstream


def _page(request, workstream, bound=None, status=200):
    """The PN page; bound holds a submitted form to show again with its errors."""
    user = request.user
    bound = bound or {}
    decision = (
        TopicDecision.objects.filter(workstream=workstream)
        .select_related("decided_by__profile")
        .prefetch_related(
            Prefetch("inputs", queryset=PnTopicInput.objects.order_by("pk"), to_attr="input_list")
        )
        .first()
    )
    invitations = list(
        WgInvitation.objects.filter(workstream=workstream)
        .exclude(status=Invitation.WITHDRAWN)
        .select_related("person__profile__stakeholder_group")
        .order_by("created", "pk")
    )
    members = [i for i in invitations if i.status == Invitation.ACCEPTED]
    consultant = (
        PnConsultant.objects.filter(workstream=workstream).select_related("person__profile").first()
    )
    focal_points = list(
        FocalPoint.objects.filter(workstream=workstream).select_related(
            "from_workstream", "person__profile"
        )
    )
    nri_liaisons = list(
        NriLiaison.objects.filter(workstream=workstream).select_related("nri", "person__profile")
    )
    work_plan = list(
        Milestone.objects.current().filter(workstream=workstream).order_by("start", "pk")
    )
    can_manage = permissions.can_manage_pn(user, workstream)
    context = {
        "workstream": workstream,
        "tab": "policy-network",
        "decision": decision,
        "members": members,
        "wg_size": len(members),
        "wg_min": pn.WG_MIN,
        "wg_max": pn.WG_MAX,
        "balance": pn.wg_balance(members),
        "threshold_percent": round(pn.balance_threshold() * 100),
        "consultant": consultant,
        "focal_points": focal_points,
        "nri_liaisons": nri_liaisons,
        "work_plan": work_plan,
        "can_manage": can_manage,
        "my_invitation": next(
            (i for i in invitations if i.person_id == user.pk and i.status == Invitation.INVITED),
            None,
        )
        if user.is_authenticated
        else None,
        **workstream_tabs(user, workstream),
    }
    if can_manage:
        context.update(
            pending=[i for i in invitations if i.status != Invitation.ACCEPTED],
            topic_form=bound.get("topic")
            or TopicDecisionForm(
                initial={"topic": decision.topic, "decided_on": decision.decided_on}
                if decision
                else None
            ),
            input_form=bound.get("input") or TopicInputForm(),
            invite_form=bound.get("invite") or InviteForm(),
            consultant_form=bound.get("consultant") or ConsultantForm(),
        )
    if user.is_authenticated:
        sources = pn.coordinated_workstreams(user, pn.FOCAL_POINT_KINDS)
        nris = pn.coordinated_workstreams(user, {Kind.NRI})
        if can_manage or sources.exists():
            context["focal_point_form"] = bound.get("focal_point") or FocalPointForm(
                choices=sources
            )
        if can_manage or nris.exists():
            context["nri_liaison_form"] = bound.get("nri_liaison") or NriLiaisonForm(choices=nris)
            mine = set() if can_manage else set(nris.values_list("pk", flat=True))
            for liaison in nri_liaisons:
                liaison.removable = can_manage or liaison.nri_id in mine
    return render(request, "workstreams/pn_page.html", context, status=status)


def pn_page(request, slug):
    return _page(request, _policy_network(request, slug))


def _act(request, workstream, key, form, action, success):
    """Run action(form.cleaned_data) if the form is valid; else show the page again (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success)
            return redirect("workstreams:pn", slug=workstream.slug)
    return _page(request, workstream, bound={key: form}, status=400)


def _manager_only(request, slug):
    workstream = _policy_network(request, slug)
    if not permissions.can_manage_pn(request.user, workstream):
        raise PermissionDenied
    return workstream


@login_required
@require_POST
def pn_topic(request, slug):
    workstream = _manager_only(request, slug)
    return _act(
        request,
        workstream,
        "topic",
        TopicDecisionForm(request.POST),
        lambda data: pn.record_topic_decision(workstream=workstream, actor=request.user, **data),
        _("The topic decision is recorded."),
    )


@login_required
@require_POST
def pn_topic_input(request, slug):
    workstream = _manager_only(request, slug)
    return _act(
        request,
        workstream,
        "input",
        TopicInputForm(request.POST),
        lambda data: pn.add_topic_input(workstream=workstream, actor=request.user, **data),
        _("The input is linked to the topic decision."),
    )


@login_required
@require_POST
def pn_topic_input_remove(request, slug, pk):
    workstream = _manager_only(request, slug)
    item = get_object_or_404(PnTopicInput, workstream=workstream, pk=pk)
    pn.remove_topic_input(item=item, actor=request.user)
    messages.success(request, _("The input is no longer linked."))
    return redirect("workstreams:pn", slug=workstream.slug)


@login_required
@require_POST
def pn_invite(request, slug):
    workstream = _manager_only(request, slug)
    return _act(
        request,
        workstream,
        "invite",
        InviteForm(request.POST),
        lambda data: pn.invite_to_wg(
            workstream=workstream,
            person=data["email"],
            discipline=data["discipline"],
            actor=request.user,
        ),
        _("The invitation is recorded; the person answers it on this page."),
    )


@login_required
@require_POST
def pn_invitation_withdraw(request, slug, pk):
    workstream = _manager_only(request, slug)
    invitation = get_object_or_404(WgInvitation, workstream=workstream, pk=pk)
    try:
        pn.withdraw_invitation(invitation=invitation, actor=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("workstreams:pn", slug=workstream.slug)


@login_required
def pn_invitation(request, slug):
    """The invited person's own page: accept or decline the invitation to the MWG (R-PN-2)."""
    workstream = _policy_network(request, slug)
    invitation = (
        WgInvitation.objects.filter(
            workstream=workstream, person=request.user, status=Invitation.INVITED
        )
        .select_related("invited_by__profile")
        .first()
    )
    if invitation is None:
        raise Http404
    form = RespondForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            accept = form.cleaned_data["answer"] == "accept"
            try:
                pn.respond_to_invitation(invitation=invitation, actor=request.user, accept=accept)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if accept:
                    messages.success(request, _("Welcome to the working group."))
                else:
                    messages.success(request, _("You declined the invitation."))
                return redirect("workstreams:pn", slug=workstream.slug)
        status = 400
    context = {
        "workstream": workstream,
        "invitation": invitation,
        "form": form,
        "tab": "policy-network",
        **workstream_tabs(request.user, workstream),
    }
    return render(request, "workstreams/pn_invitation.html", context, status=status)


@login_required
@require_POST
def pn_consultant(request, slug):
    workstream = _manager_only(request, slug)
    return _act(
        request,
        workstream,
        "consultant",
        ConsultantForm(request.POST),
        lambda data: pn.set_consultant(
            workstream=workstream,
            actor=request.user,
            person=data["person"],
            name=data["name"],
            organisation=data["organisation"],
            contract_date=data["contract_date"],
        ),
        _("The expert consultant is recorded."),
    )


@login_required
@require_POST
def pn_focal_point(request, slug):
    workstream = _policy_network(request, slug)
    # Any BPF or DC is a choice here, so that naming another kind is refused by R-PN-7 and
    # naming for another's workstream by the permission check, both in the service.
    choices = Workstream.objects.all()
    return _act(
        request,
        workstream,
        "focal_point",
        FocalPointForm(request.POST, choices=choices),
        lambda data: pn.set_focal_point(
            workstream=workstream,
            from_workstream=data["from_workstream"],
            person=data["email"],
            actor=request.user,
        ),
        _("The focal point is recorded."),
    )


@login_required
@require_POST
def pn_nri_liaison(request, slug):
    workstream = _policy_network(request, slug)
    return _act(
        request,
        workstream,
        "nri_liaison",
        NriLiaisonForm(request.POST, choices=Workstream.objects.all()),
        lambda data: pn.add_nri_liaison(
            workstream=workstream, nri=data["nri"], person=data["email"], actor=request.user
        ),
        _("The NRI liaison is recorded."),
    )


@login_required
@require_POST
def pn_nri_liaison_remove(request, slug, pk):
    workstream = _policy_network(request, slug)
    liaison = get_object_or_404(
        NriLiaison.objects.select_related("nri", "workstream"), workstream=workstream, pk=pk
    )
    if not permissions.can_name_nri_liaison(request.user, liaison.nri):
        raise PermissionDenied
    pn.remove_nri_liaison(liaison=liaison, actor=request.user)
    messages.success(request, _("The NRI liaison is removed."))
    return redirect("workstreams:pn", slug=workstream.slug)
