"""A workstream's timeline (R-TL-1), its action items (R-PN-10), follows and calendar feed.

Thin views: load the workstream tenant-first (404 for people who may not see it), check the
permission (403 for viewers who may not act), call a timelines service, message, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error
from timelines import services as timeline_services
from timelines.forms import ActionItemForm, DoneForm, DropForm, MilestoneForm, RemoveMilestoneForm
from timelines.models import ActionItem, ActionItemActor, Milestone, Phase
from timelines.registry import policy

from . import permissions
from .models import Workstream
from .views import get_workstream, workstream_tabs

TODAY = {"is_today": True}


def _page(request, workstream, tab, **context):
    return {
        "workstream": workstream,
        "tab": tab,
        **workstream_tabs(request.user, workstream),
        **context,
    }


def _require_manage(request, workstream):
    """Coordinators of this workstream and the Secretariat manage its timeline and items."""
    if not permissions.can_edit_workstream(request.user, workstream):
        raise PermissionDenied


def _status(form):
    return 400 if form is not None and form.errors else 200


# ---- Timeline (R-TL-1) -----------------------------------------------------------------------


def timeline_rows(milestones, today):
    """The milestones in date order with their phase, and a "Today" marker before the first
    milestone that has not started yet (after the last one when all have started)."""
    rows, marked = [], False
    for milestone in milestones:
        if not marked and milestone.start > today:
            rows.append(TODAY)
            marked = True
        phase = milestone.phase(today)
        rows.append({"milestone": milestone, "phase": phase, "phase_label": Phase(phase).label})
    if rows and not marked:
        rows.append(TODAY)
    return rows


def workstream_timeline(request, slug):
    workstream = get_workstream(request, slug)
    can_manage = permissions.can_edit_workstream(request.user, workstream)
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_manage(request, workstream)
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                timeline_services.create_milestone(
                    workstream=workstream, actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The milestone has been added to the timeline."))
                return redirect("workstreams:timeline", slug=workstream.slug)
        messages.error(request, _("The milestone was not added: see the form below."))
    today = workstream.today()
    milestones = Milestone.objects.current().filter(workstream=workstream).order_by("start", "pk")
    context = _page(
        request,
        workstream,
        "timeline",
        rows=timeline_rows(milestones, today),
        today=today,
        can_manage=can_manage,
        form=(form or MilestoneForm()) if can_manage else None,
    )
    return render(request, "workstreams/workstream_timeline.html", context, status=_status(form))


def _milestone_or_404(workstream, pk):
    return get_object_or_404(Milestone.objects.current(), pk=pk, workstream=workstream)


@login_required
def milestone_edit(request, slug, pk):
    workstream = get_workstream(request, slug)
    _require_manage(request, workstream)
    milestone = _milestone_or_404(workstream, pk)
    if request.method == "POST":
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                timeline_services.update_milestone(
                    milestone=milestone, actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The milestone has been saved."))
                return redirect("workstreams:timeline", slug=workstream.slug)
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    else:
        form = MilestoneForm(initial=MilestoneForm.initial_for(milestone))
    context = _page(request, workstream, "timeline", milestone=milestone, form=form)
    return render(request, "workstreams/milestone_edit.html", context, status=_status(form))


@login_required
def milestone_remove(request, slug, pk):
    workstream = get_workstream(request, slug)
    _require_manage(request, workstream)
    milestone = _milestone_or_404(workstream, pk)
    form = RemoveMilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            timeline_services.remove_milestone(
                milestone=milestone, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” has been taken off the timeline.") % {"title": milestone.title},
            )
            return redirect("workstreams:timeline", slug=workstream.slug)
    context = _page(request, workstream, "timeline", milestone=milestone, form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "workstreams/milestone_remove.html", context, status=status)


# ---- Action items (R-PN-10) ------------------------------------------------------------------


def _with_actors(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "actors",
            queryset=ActionItemActor.objects.select_related("user__profile").order_by(
                F("user").asc(nulls_last=True), "role", "pk"
            ),
        )
    )


def _annotate(items, user, workstream, today, can_manage):
    """Attach what the page shows of each item, without a query per item.

    Whether someone acts through a role is services.is_actor's rule; on this page every item
    belongs to one workstream, so the person's role there (already read, memoised) is the only
    role that can name them.
    """
    items = list(items)
    role_labels = dict(policy.actor_roles)
    my_role = permissions.role_in(user, workstream)
    for item in items:
        actors = list(item.actors.all())
        item.people = [actor.user for actor in actors if actor.user_id]
        item.role_labels = [
            role_labels.get(actor.role, actor.role) for actor in actors if actor.role
        ]
        item.late = item.is_overdue(today)
        named = user.is_authenticated and any(actor.user_id == user.pk for actor in actors)
        via_role = my_role is not None and any(actor.role == my_role for actor in actors)
        item.may_complete = item.status == ActionItem.Status.OPEN and (
            can_manage or named or via_role
        )
    return items


def workstream_action_items(request, slug):
    workstream = get_workstream(request, slug)
    can_manage = permissions.can_edit_workstream(request.user, workstream)
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        _require_manage(request, workstream)
        form = ActionItemForm(request.POST)
        if form.is_valid():
            try:
                item = timeline_services.create_action_item(
                    workstream=workstream,
                    action=form.cleaned_data["action"],
                    deadline=form.cleaned_data["deadline"],
                    users=form.people(),
                    roles=form.cleaned_data["roles"],
                    actor=request.user,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The action item has been recorded."))
                return redirect(_item_url(workstream, item))
        messages.error(request, _("The action item was not recorded: see the form below."))
    today = workstream.today()
    items = ActionItem.objects.filter(workstream=workstream)
    open_items = _annotate(
        _with_actors(items.open().order_by(F("deadline").asc(nulls_last=True), "pk")),
        request.user,
        workstream,
        today,
        can_manage,
    )
    closed_items = _annotate(
        _with_actors(
            items.exclude(status=ActionItem.Status.OPEN)
            .select_related("status_changed_by__profile")
            .order_by(F("status_changed_at").desc(nulls_last=True), "-pk")
        ),
        request.user,
        workstream,
        today,
        can_manage,
    )
    context = _page(
        request,
        workstream,
        "actions",
        open_items=open_items,
        closed_items=closed_items,
        today=today,
        can_manage=can_manage,
        show_item_actions=can_manage or any(item.may_complete for item in open_items),
        form=(form or ActionItemForm()) if can_manage else None,
    )
    return render(
        request, "workstreams/workstream_action_items.html", context, status=_status(form)
    )


def _item_url(workstream, item):
    return reverse("workstreams:action-items", args=[workstream.slug]) + f"#item-{item.pk}"


def _item_or_404(workstream, pk):
    return get_object_or_404(
        _with_actors(ActionItem.objects.select_related("workstream")),
        pk=pk,
        workstream=workstream,
    )


def _closed(request, workstream, item):
    messages.error(
        request,
        _("This action item is already %(status)s.")
        % {"status": item.get_status_display().lower()},
    )
    return redirect(_item_url(workstream, item))


@login_required
def action_item_edit(request, slug, pk):
    workstream = get_workstream(request, slug)
    _require_manage(request, workstream)
    item = _item_or_404(workstream, pk)
    if item.status != ActionItem.Status.OPEN:
        return _closed(request, workstream, item)
    actors = list(item.actors.all())
    people = [actor.user for actor in actors if actor.user_id]
    if request.method == "POST":
        form = ActionItemForm(request.POST, current_people=people)
        if form.is_valid():
            try:
                timeline_services.update_action_item(
                    item=item,
                    actor=request.user,
                    action=form.cleaned_data["action"],
                    deadline=form.cleaned_data["deadline"],
                    users=form.people(),
                    roles=form.cleaned_data["roles"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The action item has been saved."))
                return redirect(_item_url(workstream, item))
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    else:
        form = ActionItemForm(
            current_people=people,
            initial={
                "action": item.action,
                "deadline": item.deadline,
                "keep_users": [user.pk for user in people],
                "roles": [actor.role for actor in actors if actor.role],
            },
        )
    context = _page(request, workstream, "actions", item=item, form=form)
    return render(request, "workstreams/action_item_edit.html", context, status=_status(form))


@require_POST
@login_required
def action_item_done(request, slug, pk):
    workstream = get_workstream(request, slug)
    item = _item_or_404(workstream, pk)
    if not (
        timeline_services.is_actor(request.user, item)
        or permissions.can_edit_workstream(request.user, workstream)
    ):
        raise PermissionDenied
    form = DoneForm(request.POST)
    if not form.is_valid():  # e.g. a note too long or with a NUL character
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(_item_url(workstream, item))
    try:
        timeline_services.complete_action_item(
            item=item, actor=request.user, note=form.cleaned_data["note"]
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Marked done: %(action)s") % {"action": Truncator(item.action).chars(100)}
        )
    return redirect(_item_url(workstream, item))


@login_required
def action_item_drop(request, slug, pk):
    workstream = get_workstream(request, slug)
    _require_manage(request, workstream)
    item = _item_or_404(workstream, pk)
    if item.status != ActionItem.Status.OPEN:
        return _closed(request, workstream, item)
    form = DropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            timeline_services.drop_action_item(
                item=item, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The action item has been dropped."))
            return redirect(_item_url(workstream, item))
    context = _page(request, workstream, "actions", item=item, form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "workstreams/action_item_drop.html", context, status=status)


# ---- Follow, and the public calendar feed ----------------------------------------------------


def _back(request, workstream):
    # Only a path on this site: never another host, never a view name for redirect() to reverse.
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(workstream)


@require_POST
@login_required
def workstream_follow(request, slug):
    workstream = get_workstream(request, slug)
    timeline_services.follow_workstream(user=request.user, workstream=workstream)
    messages.success(
        request,
        _("You follow %(name)s: you will hear of its milestones and news.") % {"name": workstream},
    )
    return _back(request, workstream)


@require_POST
@login_required
def workstream_unfollow(request, slug):
    workstream = get_workstream(request, slug)
    timeline_services.unfollow_workstream(user=request.user, workstream=workstream)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": workstream})
    return _back(request, workstream)


def calendar_feed(request, slug):
    """The public iCal feed of a workstream's milestones; only public workstreams have one."""
    workstream = get_object_or_404(Workstream, slug=slug)
    if not workstream.is_public:
        raise Http404
    from timelines.feeds import workstream_calendar

    milestones = Milestone.objects.current().filter(workstream=workstream).order_by("start", "pk")
    response = HttpResponse(
        workstream_calendar(workstream, milestones), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{workstream.slug}.ics"'
    return response
