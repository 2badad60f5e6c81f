"""The "My duties" dashboard (R-MAG-6), the Secretariat's overview of every member's duties,
and a BPF's progress reports to the MAG (R-BPF-5)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError, add_domain_error
from workstreams import permissions as workstream_permissions
from workstreams.models import Workstream

from . import duties, permissions, progress
from .forms_dashboard import BpfProgressForm
from .models import BpfProgressUpdate, MagTerm

MEMBERS_PER_PAGE = 50
UPDATES_PER_PAGE = 20


def _progress_forms(facilitated, meetings):
    # Distinct ids per BPF: several forms on one page keep valid, unique labels.
    for entry in facilitated:
        slug = entry["workstream"].slug
        entry["form"] = BpfProgressForm(meetings=meetings, auto_id=f"id_{slug}_%s")
    return facilitated


def _dashboard(request, member, status=200):
    context = duties.member_dashboard(member)
    meetings = progress.meetings_for_updates() if context["facilitated"] else []
    _progress_forms(context["facilitated"], meetings)
    context["own"] = member.pk == request.user.pk
    context["can_view_all"] = permissions.can_view_all_duties(request.user)
    return render(request, "mag/my_duties.html", context, status=status)


@login_required
def my_duties(request):
    """The signed-in MAG member's duties, deadlines and meetings in one place (R-MAG-6)."""
    if not permissions.is_mag_member(request.user):
        if permissions.can_view_all_duties(request.user):
            return redirect("mag:all-duties")
        # Not an error on the visitor's part: say plainly whom the page is for.
        return render(request, "mag/my_duties.html", {"not_member": True}, status=403)
    return _dashboard(request, request.user)


@login_required
def member_duties(request, pk):
    """Any member's dashboard, for the Secretariat; a member sees only their own."""
    member = get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)
    if not permissions.can_view_duties_of(request.user, member):
        # Whose duties exist is not for others to probe.
        raise Http404
    return _dashboard(request, member)


@login_required
def all_duties(request):
    """Every current member's duties and the uncovered ones: the Secretariat's overview."""
    if not permissions.can_view_all_duties(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    terms = (
        MagTerm.objects.current(today)
        .select_related("user__profile", "stakeholder_group", "cycle")
        .order_by("user__profile__display_name", "pk")
    )
    page = Paginator(terms, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "rows": duties.duties_overview(list(page.object_list)),
        "uncovered": duties.uncovered_duties(),
        "stale": duties.duties_of_former_members(today),
        "can_manage": permissions.can_manage_mag(request.user),
    }
    return render(request, "mag/all_duties.html", context)


def bpf_progress(request, slug):
    """A BPF's progress reports to the MAG, and the form for its facilitator (R-BPF-5)."""
    workstream = get_object_or_404(
        Workstream.objects.select_related("cycle"), slug=slug, kind=Workstream.Kind.BPF
    )
    if not workstream_permissions.can_view_workstream(request.user, workstream):
        raise Http404
    can_post = permissions.can_post_bpf_progress(request.user, workstream)
    form = None
    status = 200
    if can_post:
        meetings = progress.meetings_for_updates()
        data = request.POST if request.method == "POST" else None
        form = BpfProgressForm(data, meetings=meetings)
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                progress.post_bpf_progress_update(
                    actor=request.user,
                    workstream=workstream,
                    text=data["text"],
                    open_sessions_held=data["open_sessions_held"],
                    meeting=data["meeting"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The progress update has been reported to the MAG."))
                if request.POST.get("back") == "dashboard":
                    return redirect("mag:my-duties")
                return redirect("mag:bpf-progress", slug=workstream.slug)
        messages.error(request, _("The update was not posted: see the form below."))
        status = 400
    updates = (
        BpfProgressUpdate.objects.filter(workstream=workstream)
        .select_related("author__profile", "meeting")
        .order_by("-created", "-pk")
    )
    page = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "workstream": workstream,
        "page_obj": page,
        "updates": page.object_list,
        "form": form,
        "can_post": can_post,
    }
    return render(request, "mag/bpf_progress.html", context, status=status)
