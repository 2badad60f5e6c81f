"""Pages of the Dynamic Coalition workflows: apply, edit and submit, the Secretariat's review
and decision, the review queue of every kind, and annual reports. Thin: load, check, call a
service in workstreams.dc, message, redirect."""

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError, add_domain_error
from accounts.permissions import is_secretariat

from . import dc, permissions
from .forms_dc import (
    AnnualReportForm,
    DcApplicationForm,
    DcStartForm,
    DecisionForm,
    ReportCycleFilterForm,
    ReportingRoundForm,
    ReviewQueueFilterForm,
    representative_formset,
)
from .models import ApplicationStatus, DcAnnualReport, DcApplication, Workstream
from .review import REVIEW_SOURCES
from .views import get_workstream, workstream_tabs

QUEUE_STATUSES = {
    "open": [ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED],
    "submitted": [ApplicationStatus.SUBMITTED],
    "changes_requested": [ApplicationStatus.CHANGES_REQUESTED],
}


def _secretariat_only(request):
    # "Not yours" looks like "missing" (404), also for the signed-out.
    if not is_secretariat(request.user):
        raise Http404


def _dc(request, slug, check):
    workstream = get_workstream(request, slug, check)
    if workstream.kind != Workstream.Kind.DC:
        raise Http404
    return workstream


# ---- Apply, edit, submit (R-DC-1, R-DC-2) -----------------------------------------------------


@login_required
def dc_apply(request):
    form = DcStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = dc.start_dc_application(
                applicant=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Your draft application is open: fill it in and submit it when ready."),
            )
            return redirect("workstreams:dc-application", slug=application.workstream.slug)
    status = 400 if form.errors else 200
    return render(request, "workstreams/dc_apply.html", {"form": form}, status=status)


def _application_context(request, workstream, application, **extra):
    return {
        "workstream": workstream,
        "application": application,
        "representatives": application.representatives.select_related("stakeholder_group")
        if application
        else [],
        "decision": dc.last_decision(workstream) if application else None,
        "reports": workstream.annual_reports.select_related("cycle", "submitted_by__profile"),
        "today": workstream.today(),
        "can_decide": permissions.can_decide(request.user),
        "tab": "dc-application",
        **workstream_tabs(request.user, workstream),
        **extra,
    }


def _show_refusal(form, formset, application, problems):
    """Put each broken rule at the top of the form and beside the inputs it concerns."""
    for problem in problems:
        form.add_error(None, problem.messages)
        if problem.field == "representatives":
            formset._non_form_errors = formset.error_class(
                [*formset.non_form_errors(), *problem.messages], error_class="nonform"
            )
    for field in dc.missing_fields(application):
        form.add_error(field, _("Needed before the application can be submitted."))


@login_required
def dc_application(request, slug):
    """The DC's application: editable by its coordinators while a draft or returned."""
    workstream = _dc(request, slug, permissions.can_view_application)
    application = (
        DcApplication.objects.filter(workstream=workstream).select_related("workstream").first()
    )
    editable = application is not None and permissions.can_edit_application(
        request.user, application
    )
    if not editable:
        if request.method == "POST":
            raise PermissionDenied
        return render(
            request,
            "workstreams/dc_application.html",
            _application_context(request, workstream, application, editable=False),
        )
    if request.method == "POST":
        form = DcApplicationForm(request.POST, instance=application)
        formset = representative_formset(request.POST, application)
        submitting = "submit" in request.POST
        status = 400
        if form.is_valid() and formset.is_valid():
            fields = {field: form.cleaned_data[field] for field in dc.APPLICATION_FIELDS}
            # The draft is saved first, in its own transaction: a refused submission below
            # loses nothing that was typed.
            application = dc.save_dc_application(
                application=application,
                actor=request.user,
                fields=fields,
                representatives=formset.rows(),
            )
            if not submitting:
                messages.success(request, _("Your draft has been saved."))
                return redirect("workstreams:dc-application", slug=workstream.slug)
            try:
                with transaction.atomic():
                    dc.submit_dc_application(application=application, actor=request.user)
            except DomainError:
                _show_refusal(form, formset, application, dc.submission_problems(application))
                messages.error(
                    request,
                    _("Your draft has been saved, but it cannot be submitted yet: see below."),
                )
            else:
                messages.success(
                    request, _("The application has been submitted to the Secretariat.")
                )
                return redirect("workstreams:dc-application", slug=workstream.slug)
        else:
            messages.error(request, _("Nothing was saved: please correct the errors below."))
    else:
        form = DcApplicationForm(instance=application)
        formset = representative_formset(application=application)
        status = 200
    context = _application_context(
        request, workstream, application, editable=True, form=form, formset=formset
    )
    return render(request, "workstreams/dc_application.html", context, status=status)


# ---- The Secretariat's review and decision (R-DC-3) -----------------------------------------


@login_required
def dc_application_review(request, slug):
    _secretariat_only(request)
    workstream = _dc(request, slug, permissions.can_view_application)
    application = get_object_or_404(DcApplication, workstream=workstream)
    form = DecisionForm(request.POST or None, status=application.status)
    if request.method == "POST" and form.is_valid():
        try:
            dc.decide_dc_application(
                application=application,
                action=form.cleaned_data["action"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("workstreams:review-queue")
    context = _application_context(
        request, workstream, application, form=form, tab="dc-application"
    )
    return render(
        request,
        "workstreams/dc_application_review.html",
        context,
        status=400 if form.errors else 200,
    )


# ---- The review queue: every kind (R-DC-3, R-NRI-2) -----------------------------------------


@login_required
def review_queue(request):
    """Pending applications of every registered kind, oldest first, in bounded queries."""
    _secretariat_only(request)
    kinds = [(key, source.label) for key, source in REVIEW_SOURCES.items()]
    form = ReviewQueueFilterForm(request.GET or None, kinds=kinds)
    filters = form.cleaned_data if form.is_valid() else {}
    status_key = filters.get("status") or "open"
    statuses = QUEUE_STATUSES[status_key]
    kind = filters.get("kind") or ""
    older_than = filters.get("older_than")
    now = timezone.now()
    # First the keys of every pending row (one light query per kind), merged oldest first;
    # then only the page's applications are loaded (one query per kind on the page).
    keys = []
    for key, source in REVIEW_SOURCES.items():
        if kind and key != kind:
            continue
        queryset = source.applications(statuses)
        if older_than is not None:
            queryset = queryset.filter(submitted_at__lt=now - dt.timedelta(days=older_than))
        keys.extend(
            (submitted_at or now, key, pk)
            for pk, submitted_at in queryset.order_by().values_list("pk", "submitted_at")
        )
    keys.sort()
    paginator = Paginator(keys, settings.PAGINATE_BY)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    wanted = {}
    for _submitted, key, pk in page.object_list:
        wanted.setdefault(key, []).append(pk)
    loaded = {}
    for key, pks in wanted.items():
        for application in REVIEW_SOURCES[key].applications(statuses).filter(pk__in=pks):
            loaded[key, application.pk] = application
    rows = []
    for submitted, key, pk in page.object_list:
        application = loaded.get((key, pk))
        if application is None:  # decided between the two queries
            continue
        source = REVIEW_SOURCES[key]
        rows.append(
            {
                "application": application,
                "kind_label": source.label,
                "url": source.review_url(application),
                "submitted": application.submitted_at,
                "waited_days": (now - submitted).days,
            }
        )
    query = {k: v for k, v in (("kind", kind), ("status", status_key)) if v}
    if older_than is not None:
        query["older_than"] = older_than
    context = {
        "form": form,
        "rows": rows,
        "page_obj": page,
        "paginator": paginator,
        "total": paginator.count,
        "query_string": urlencode(query),
    }
    return render(request, "workstreams/review_queue.html", context)


# ---- Annual reports (R-DC-4) ------------------------------------------------------------------


@login_required
def dc_reports(request):
    """All recognised DCs with their report for a cycle; the Secretariat opens a round here."""
    _secretariat_only(request)
    filter_form = ReportCycleFilterForm(request.GET or None)
    cycle = None
    if filter_form.is_valid():
        cycle = filter_form.cleaned_data.get("cycle")
    cycle = cycle or dc.default_cycle()
    round_form = ReportingRoundForm(
        request.POST or None, initial={"cycle": cycle.pk if cycle else None}
    )
    if request.method == "POST" and round_form.is_valid():
        cycle = round_form.cleaned_data["cycle"]
        reports = dc.open_reporting_round(
            cycle=cycle, due_date=round_form.cleaned_data["due_date"], actor=request.user
        )
        messages.success(
            request,
            _("%(count)s Dynamic Coalitions were asked for their report for %(cycle)s.")
            % {"count": len(reports), "cycle": cycle},
        )
        return redirect(f"{request.path}?{urlencode({'cycle': cycle.year})}")
    rows = dc.report_rows(cycle) if cycle else []
    context = {
        "filter_form": filter_form,
        "round_form": round_form,
        "cycle": cycle,
        "rows": rows,
        "overdue_count": sum(1 for row in rows if row["overdue"]),
    }
    return render(
        request,
        "workstreams/dc_reports.html",
        context,
        status=400 if round_form.errors else 200,
    )


@login_required
def dc_annual_report(request, slug):
    """A DC's coordinators file its report for the latest cycle it was asked about."""
    workstream = _dc(request, slug, permissions.can_file_report)
    report = (
        DcAnnualReport.objects.filter(workstream=workstream)
        .select_related("cycle", "submitted_by__profile")
        .order_by("-cycle__year")
        .first()
    )
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST":
        if report is None or report.submitted_at is not None:
            raise PermissionDenied
        if form.is_valid():
            try:
                dc.file_annual_report(
                    report=report, actor=request.user, text=form.cleaned_data["text"]
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The annual report has been filed."))
                return redirect("workstreams:dc-annual-report", slug=workstream.slug)
    today = workstream.today()
    context = {
        "workstream": workstream,
        "report": report,
        "overdue": bool(report and report.is_overdue(today)),
        "form": form,
        "tab": "dc-application",
        **workstream_tabs(request.user, workstream),
    }
    return render(
        request, "workstreams/dc_annual_report.html", context, status=400 if form.errors else 200
    )
