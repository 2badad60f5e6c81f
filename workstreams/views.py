from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView

from accounts.exceptions import DomainError, add_domain_error
from accounts.permissions import is_secretariat
from timelines.models import Follow, Milestone

from . import permissions, services
from .extensions import render_panels
from .forms import (
    ChangeRoleForm,
    GrantRoleForm,
    ReviewerAccessForm,
    RevokeRoleForm,
    TransitionForm,
    WorkstreamCreateForm,
    WorkstreamDetailsForm,
)
from .forms_nri import DirectoryFilterForm
from .models import (
    KIND_PLURALS,
    Membership,
    Workstream,
    WorkstreamEvent,
    WorkstreamUserObjectPermission,
)

HOME_ITEMS_PER_KIND = 8


def get_workstream(request, slug, check=permissions.can_view_workstream):
    """Tenant first, permission second; "missing" and "not yours" look the same (404)."""
    workstream = get_object_or_404(Workstream.objects.select_related("cycle"), slug=slug)
    if not permissions.can_view_workstream(request.user, workstream):
        raise Http404
    if check is not permissions.can_view_workstream and not check(request.user, workstream):
        # Visible, but this page is private to the workstream's own people.
        raise Http404
    return workstream


def workstream_tabs(user, workstream):
    today = workstream.today()
    return {
        # Lazy querysets: only the pages that show them (the overview) run them.
        "following": Follow.objects.filter(user=user, workstream=workstream)
        if user.is_authenticated
        else Follow.objects.none(),
        "coming_up": Milestone.objects.current()
        .filter(workstream=workstream)
        .filter(Q(start__gte=today) | Q(end__gte=today))
        .order_by("start", "pk")[:3],
        "timeline_today": today,
        "can_view_members": permissions.can_view_members(user, workstream),
        "can_view_history": permissions.can_view_history(user, workstream),
        "can_edit": permissions.can_edit_workstream(user, workstream),
        "can_change_status": permissions.can_change_status(user, workstream),
        "my_role": Membership.Role(role).label
        if (role := permissions.role_in(user, workstream))
        else None,
    }


class HomeView(TemplateView):
    template_name = "workstreams/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The public directory's view for everyone: each "All N" link opens exactly these N.
        # A person's own proposed workstreams are listed under "My workstreams" instead.
        visible = Workstream.objects.public()
        counts = dict(
            visible.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
        )
        sections = []
        for kind in Workstream.Kind.values:
            items = list(visible.of_kind(kind).order_by("name")[:HOME_ITEMS_PER_KIND])
            sections.append(
                {
                    "kind": kind,
                    "label": KIND_PLURALS[kind],
                    "count": counts.get(kind, 0),
                    "items": items,
                }
            )
        context["sections"] = sections
        if self.request.user.is_authenticated:
            context["my_memberships"] = list(
                Membership.objects.active()
                .filter(user=self.request.user)
                .select_related("workstream")
                .order_by("workstream__name")
            )
        return context


class WorkstreamListView(ListView):
    """The public directory: recognised workstreams, filtered and searched (R-NRI-4).

    Without a status filter only public (recognised) workstreams are listed, whoever asks;
    asking for "proposed" shows only the proposed ones the person may see (visible_to).
    Every filter is a GET field, so the page works without JavaScript and pages keep them.
    """

    template_name = "workstreams/workstream_list.html"
    context_object_name = "workstreams"

    def get_paginate_by(self, queryset):
        return settings.PAGINATE_BY

    def get_queryset(self):
        data = self.request.GET.copy()
        data.pop("page", None)
        for key, value in list(data.items()):
            data[key] = value.replace("\x00", "")
        self.form = DirectoryFilterForm(data)
        self.filters = self.form.filters()
        queryset = Workstream.objects.visible_to(self.request.user).select_related("cycle")
        f = self.filters
        # No status asked for: the public directory, recognised workstreams only (R-NRI-4).
        queryset = queryset.filter(status=f["status"]) if f.get("status") else queryset.public()
        if f.get("kind"):
            queryset = queryset.of_kind(f["kind"])
        if f.get("level"):
            queryset = queryset.filter(nri_level=f["level"])
        if f.get("region"):
            queryset = queryset.filter(un_regional_group=f["region"])
        if f.get("country"):
            queryset = queryset.filter(country=f["country"])
        if f.get("youth"):
            queryset = queryset.filter(kind=Workstream.Kind.NRI, is_youth=f["youth"] == "yes")
        if f.get("group"):
            queryset = queryset.with_stakeholder_group(f["group"])
        self.query = f.get("q", "").strip()
        if self.query:
            text = self.query
            queryset = queryset.filter(
                Q(name__icontains=text)
                | Q(short_name__icontains=text)
                | Q(description__icontains=text)
                | Q(methodology__icontains=text)
                | Q(region_name__icontains=text)
            )
        if f.get("kind") == Workstream.Kind.NRI:
            # NRIs are read by region and level: the page groups them so.
            return queryset.order_by("un_regional_group", "nri_level", "name", "pk")
        return queryset.order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.filters.get("kind", "")
        query_items = []
        for name, value in self.filters.items():
            query_items.append((name, value.slug if name == "group" else value))
        context.update(
            form=self.form,
            kind=kind,
            query=self.query,
            filtered=bool(self.filters),
            group_nris=kind == Workstream.Kind.NRI,
            kind_label=KIND_PLURALS.get(kind, ""),
            filter_query=urlencode(query_items),
            can_create=permissions.can_create_workstream(self.request.user),
        )
        return context


def workstream_detail(request, slug):
    """The public page: a bounded number of queries however many people, posts and files."""
    from timelines.models import ActionItem

    from .models import Document, NewsPost

    members_shown, news_shown, documents_shown = 30, 3, 5
    workstream = get_workstream(request, slug)
    people = (
        Membership.objects.active()
        .filter(workstream=workstream)
        .select_related("user__profile__stakeholder_group")
        .order_by("created", "pk")
    )
    role_counts = dict(
        Membership.objects.active()
        .filter(workstream=workstream)
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    today = workstream.today()
    action_counts = (
        ActionItem.objects.open()
        .filter(workstream=workstream)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today)))
    )
    documents = Document.objects.current().filter(workstream=workstream, is_public=True)
    context = {
        "workstream": workstream,
        # Only public names and the fields each person chose to make public; never emails.
        "coordinators": list(people.filter(role=Membership.Role.COORDINATOR)),
        "members": list(people.filter(role=Membership.Role.MEMBER)[:members_shown]),
        "member_total": role_counts.get(Membership.Role.MEMBER, 0),
        "member_count": sum(role_counts.values()),
        "open_action_items": action_counts["open"],
        "overdue_action_items": action_counts["overdue"],
        "latest_news": list(
            NewsPost.objects.published()
            .filter(workstream=workstream)
            .select_related("author__profile")
            .order_by("-created", "-pk")[:news_shown]
        ),
        "latest_documents": list(documents.order_by("-created", "-pk")[:documents_shown]),
        "panels": render_panels(request, workstream),
        "can_join": permissions.can_join_workstream(request.user, workstream),
        "can_leave": permissions.can_leave_workstream(request.user, workstream),
        "tab": "overview",
        **workstream_tabs(request.user, workstream),
    }
    return render(request, "workstreams/workstream_detail.html", context)


def _members_context(request, workstream, grant_form=None, reviewer_form=None):
    memberships = (
        Membership.objects.active()
        .filter(workstream=workstream)
        .select_related("user__profile", "granted_by__profile")
        .order_by("role", "user__profile__display_name")
    )
    can_manage = permissions.can_manage_members(request.user, workstream)
    can_grant_access = permissions.can_grant_reviewer_access(request.user, workstream)
    context = {
        "workstream": workstream,
        "memberships": memberships,
        "can_manage": can_manage,
        "role_choices": Membership.Role.choices,
        "grant_form": grant_form or GrantRoleForm(),
        "tab": "members",
        **workstream_tabs(request.user, workstream),
    }
    if can_grant_access:
        context["can_grant_access"] = True
        context["reviewer_form"] = reviewer_form or ReviewerAccessForm()
        context["reviewers"] = (
            WorkstreamUserObjectPermission.objects.filter(
                content_object=workstream, permission__codename="review_workstream"
            )
            .select_related("user__profile")
            .order_by("pk")
        )
    return context


def workstream_members(request, slug):
    workstream = get_workstream(request, slug, permissions.can_view_members)
    grant_form = None
    if request.method == "POST":
        if not permissions.can_manage_members(request.user, workstream):
            raise PermissionDenied
        grant_form = GrantRoleForm(request.POST)
        if grant_form.is_valid():
            try:
                services.grant_role(
                    workstream=workstream,
                    user=grant_form.cleaned_data["email"],
                    role=grant_form.cleaned_data["role"],
                    actor=request.user,
                    reason=grant_form.cleaned_data["reason"],
                )
            except DomainError as error:
                add_domain_error(grant_form, error)
            else:
                messages.success(request, _("The role has been granted."))
                return redirect("workstreams:members", slug=workstream.slug)
        if not grant_form.is_valid():
            messages.error(request, _("The role was not granted: see the form below."))
    context = _members_context(request, workstream, grant_form=grant_form)
    return render(
        request, "workstreams/workstream_members.html", context, status=400 if grant_form else 200
    )


def _membership_or_404(workstream, pk):
    return get_object_or_404(
        Membership.objects.active().select_related("user__profile"), pk=pk, workstream=workstream
    )


@require_POST
@login_required
def membership_change(request, slug, pk):
    workstream = get_workstream(request, slug, permissions.can_manage_members)
    membership = _membership_or_404(workstream, pk)
    form = ChangeRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(
                workstream=workstream,
                user=membership.user,
                role=form.cleaned_data["role"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role has been changed."))
    else:
        messages.error(request, _("Choose one of the listed roles."))
    return redirect("workstreams:members", slug=workstream.slug)


@login_required
def membership_revoke(request, slug, pk):
    workstream = get_workstream(request, slug, permissions.can_manage_members)
    membership = _membership_or_404(workstream, pk)
    form = RevokeRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_role(
                workstream=workstream,
                user=membership.user,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("%(name)s no longer has a role here.") % {"name": membership.user}
            )
            return redirect("workstreams:members", slug=workstream.slug)
    context = {
        "workstream": workstream,
        "membership": membership,
        "form": form,
        "tab": "members",
        **workstream_tabs(request.user, workstream),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workstreams/membership_revoke.html", context, status=status)


@login_required
def workstream_edit(request, slug):
    workstream = get_workstream(request, slug, permissions.can_edit_workstream)
    form = WorkstreamDetailsForm(request.POST or None, instance=workstream)
    if request.method == "POST":
        if form.is_valid():
            changes = {field: form.cleaned_data[field] for field in services.EDITABLE_FIELDS}
            try:
                services.update_workstream(
                    workstream=Workstream.objects.get(pk=workstream.pk),
                    actor=request.user,
                    changes=changes,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The details have been saved."))
                return redirect(workstream)
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    context = {
        "workstream": workstream,
        "form": form,
        "tab": "edit",
        **workstream_tabs(request.user, workstream),
    }
    return render(
        request, "workstreams/workstream_edit.html", context, status=400 if form.errors else 200
    )


@login_required
def workstream_status(request, slug):
    workstream = get_workstream(request, slug, permissions.can_change_status)
    form = TransitionForm(request.POST or None, workstream=workstream)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_transition(
                workstream=workstream,
                action=form.cleaned_data["action"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(workstream)
    context = {
        "workstream": workstream,
        "form": form,
        "tab": "status",
        **workstream_tabs(request.user, workstream),
    }
    return render(
        request, "workstreams/workstream_status.html", context, status=400 if form.errors else 200
    )


class WorkstreamHistoryView(ListView):
    template_name = "workstreams/workstream_history.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        self.workstream = get_workstream(
            self.request, self.kwargs["slug"], permissions.can_view_history
        )
        return (
            WorkstreamEvent.objects.filter(workstream=self.workstream)
            .select_related("actor__profile", "subject_user__profile")
            .order_by("-created", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            workstream=self.workstream,
            tab="history",
            **workstream_tabs(self.request.user, self.workstream),
        )
        return context


@require_POST
@login_required
def workstream_join(request, slug):
    workstream = get_workstream(request, slug)
    try:
        services.join_workstream(workstream=workstream, user=request.user)
    except PermissionDenied:
        messages.error(request, _("You cannot join this workstream now."))
    else:
        messages.success(request, _("You are now a member of %(name)s.") % {"name": workstream})
    return redirect(workstream)


@require_POST
@login_required
def workstream_leave(request, slug):
    workstream = get_workstream(request, slug)
    try:
        services.leave_workstream(workstream=workstream, user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have left %(name)s.") % {"name": workstream})
    return redirect(workstream)


@require_POST
@login_required
def reviewer_grant(request, slug):
    workstream = get_workstream(request, slug, permissions.can_grant_reviewer_access)
    form = ReviewerAccessForm(request.POST)
    if form.is_valid():
        services.grant_reviewer_access(
            workstream=workstream,
            user=form.cleaned_data["email"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Reviewer access granted."))
        return redirect("workstreams:members", slug=workstream.slug)
    messages.error(request, _("Reviewer access was not granted: see the form below."))
    context = _members_context(request, workstream, reviewer_form=form)
    return render(request, "workstreams/workstream_members.html", context, status=400)


@require_POST
@login_required
def reviewer_revoke(request, slug, user_id):
    workstream = get_workstream(request, slug, permissions.can_grant_reviewer_access)
    grant = get_object_or_404(
        WorkstreamUserObjectPermission.objects.select_related("user"),
        content_object=workstream,
        user_id=user_id,
        permission__codename="review_workstream",
    )
    services.revoke_reviewer_access(
        workstream=workstream,
        user=grant.user,
        actor=request.user,
        reason=request.POST.get("reason", "").replace("\x00", "").strip()[:2000]
        or _("Review finished."),
    )
    messages.success(request, _("Reviewer access withdrawn."))
    return redirect("workstreams:members", slug=workstream.slug)


class WorkstreamCreateView(LoginRequiredMixin, TemplateView):
    template_name = "workstreams/workstream_create.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_secretariat(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": WorkstreamCreateForm()})

    def post(self, request):
        form = WorkstreamCreateForm(request.POST)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
            try:
                workstream = services.create_workstream(
                    actor=request.user, reason=form.cleaned_data["reason"], **fields
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("%(name)s has been registered as proposed.") % {"name": workstream}
                )
                return redirect(workstream)
        messages.error(request, _("Nothing was saved: please correct the errors below."))
        return render(request, self.template_name, {"form": form}, status=400)
