"""Pages for NRI recognition (R-NRI-1 to R-NRI-3) and NRI support requests (R-NRI-6).

Tenant first, permission second: a page that is not yours answers 404, like a missing one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error

from . import nri, permissions
from .applications import decisions_from
from .forms_nri import (
    NriDecisionForm,
    NriStartForm,
    NriStatementForm,
    PrincipleAssessmentForm,
    SupportAnswerForm,
    SupportRequestForm,
)
from .models import CorePrinciple, NriApplication, SupportRequest, Workstream, WorkstreamEvent
from .views import get_workstream, workstream_tabs


def _application(request, slug, check):
    workstream = get_workstream(request, slug)
    if not check(request.user, workstream):
        raise Http404
    application = get_object_or_404(
        NriApplication.objects.select_related("workstream", "submitted_by__profile"),
        workstream=workstream,
    )
    return workstream, application


def _decisions(workstream):
    """The statement's decisions and assessments, newest first, each with its reason."""
    events = list(
        WorkstreamEvent.objects.filter(workstream=workstream, workflow=nri.WORKFLOW_KEY)
        .exclude(reason="")
        .select_related("actor__profile")
        .order_by("-created", "-pk")
    )
    labels = dict(CorePrinciple.choices)
    for event in events:
        event.principle_label = labels.get(event.details.get("principle"), "")
    return events


@login_required
def nri_apply(request):
    form = NriStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = nri.start_nri_application(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is proposed. Write its statement and submit it for review.")
                % {"name": application.workstream.name},
            )
            return redirect("workstreams:nri-application", slug=application.workstream.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "workstreams/nri_apply.html", {"form": form}, status=status)


@login_required
def nri_application(request, slug):
    """The applicants' page: write the statement, submit it, read the decisions."""
    workstream, application = _application(request, slug, permissions.can_view_nri_application)
    can_edit = permissions.can_edit_nri_application(request.user, application)
    initial = {
        "statement": application.statement,
        "committee_groups": list(application.committee_groups.all()),
    }
    form = NriStatementForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        submitting = "submit" in request.POST
        if form.is_valid():
            try:
                nri.save_nri_statement(
                    application=application,
                    actor=request.user,
                    statement=form.cleaned_data["statement"],
                    committee_groups=form.cleaned_data["committee_groups"],
                )
                if submitting:
                    nri.submit_nri_application(application=application, actor=request.user)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if submitting:
                    messages.success(request, _("The statement is submitted for review."))
                else:
                    messages.success(request, _("The statement is saved as a draft."))
                return redirect("workstreams:nri-application", slug=workstream.slug)
        status = 400
    context = {
        "workstream": workstream,
        "application": application,
        "form": form,
        "can_edit": can_edit,
        "assessments": application.assessments.select_related("assessed_by__profile"),
        "decisions": _decisions(workstream),
        "tab": "nri",
        **workstream_tabs(request.user, workstream),
    }
    return render(request, "workstreams/nri_application.html", context, status=status)


def _review_context(request, workstream, application, forms=None, decision_form=None):
    forms = forms or {}
    assessed = {
        a.principle: a
        for a in application.assessments.select_related("assessed_by__profile").order_by("pk")
    }
    rows = []
    for principle in CorePrinciple:
        assessment = assessed.get(principle.value)
        initial = (
            {"meets": "yes" if assessment.meets else "no", "notes": assessment.notes}
            if assessment
            else None
        )
        form = forms.get(principle.value) or PrincipleAssessmentForm(
            principle=principle.value, initial=initial
        )
        rows.append({"principle": principle, "assessment": assessment, "form": form})
    not_assessed, not_met = nri.missing_principles(application)
    return {
        "workstream": workstream,
        "application": application,
        "committee_groups": application.committee_groups.all(),
        "rows": rows,
        "not_assessed": not_assessed,
        "not_met": not_met,
        "can_assess": application.status == NriApplication.Status.SUBMITTED,
        "decision_form": decision_form or NriDecisionForm(status=application.status),
        "has_decisions": bool(decisions_from(application.status)),
        "decisions": _decisions(workstream),
        "tab": "nri",
        **workstream_tabs(request.user, workstream),
    }


def _secretariat_check(user, workstream):
    return workstream.kind == Workstream.Kind.NRI and permissions.can_review_nri_application(user)


@login_required
def nri_review(request, slug):
    """The Secretariat's review: the statement, the committee, each principle, the decision."""
    workstream, application = _application(request, slug, _secretariat_check)
    context = _review_context(request, workstream, application)
    return render(request, "workstreams/nri_review.html", context)


@require_POST
@login_required
def nri_assess(request, slug, principle):
    workstream, application = _application(request, slug, _secretariat_check)
    if principle not in CorePrinciple.values:
        raise Http404
    form = PrincipleAssessmentForm(request.POST, principle=principle)
    if form.is_valid():
        try:
            nri.assess_principle(
                application=application,
                principle=principle,
                meets=form.cleaned_data["meets"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The assessment of “%(principle)s” is recorded.")
                % {"principle": CorePrinciple(principle).label},
            )
            return redirect("workstreams:nri-review", slug=workstream.slug)
    context = _review_context(request, workstream, application, forms={principle: form})
    return render(request, "workstreams/nri_review.html", context, status=400)


@require_POST
@login_required
def nri_decide(request, slug):
    workstream, application = _application(request, slug, _secretariat_check)
    form = NriDecisionForm(request.POST, status=application.status)
    if form.is_valid():
        try:
            nri.decide_nri_application(
                application=application,
                action=form.cleaned_data["action"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("workstreams:nri-review", slug=workstream.slug)
    context = _review_context(request, workstream, application, decision_form=form)
    return render(request, "workstreams/nri_review.html", context, status=400)


# ---- Support requests (R-NRI-6) ----------------------------------------------------------


@login_required
def support_requests(request, slug):
    """An NRI's requests and their answers; its coordinators file new ones."""
    workstream = get_workstream(request, slug)
    if not permissions.can_view_support_requests(request.user, workstream):
        raise Http404
    can_file = permissions.can_file_support_request(request.user, workstream)
    form = SupportRequestForm(request.POST or None)
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied
        if form.is_valid():
            try:
                nri.file_support_request(
                    workstream=workstream,
                    actor=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your request is sent to the Secretariat."))
                return redirect("workstreams:support", slug=workstream.slug)
    context = {
        "workstream": workstream,
        "rows": _with_answer_forms(
            workstream.support_requests.select_related(
                "requested_by__profile", "answered_by__profile"
            ).order_by("-created", "-pk")
        ),
        "form": form,
        "can_file": can_file,
        "can_answer": permissions.can_answer_support_request(request.user),
        "tab": "support",
        **workstream_tabs(request.user, workstream),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workstreams/nri_support.html", context, status=status)


def _answer_form(pk, data=None):
    # One form per request on a page: the prefix keeps their field ids apart.
    return SupportAnswerForm(data, prefix=f"request-{pk}")


def _with_answer_forms(support_requests, failed=None):
    return [
        (
            item,
            failed if failed and failed.prefix == f"request-{item.pk}" else _answer_form(item.pk),
        )
        for item in support_requests
    ]


def _open_requests():
    return (
        SupportRequest.objects.filter(status=SupportRequest.Status.OPEN)
        .select_related("workstream", "requested_by__profile")
        .order_by("created", "pk")
    )


@login_required
def support_queue(request):
    """The Secretariat's open support requests, oldest first."""
    if not permissions.can_answer_support_request(request.user):
        raise Http404
    context = {"rows": _with_answer_forms(_open_requests())}
    return render(request, "workstreams/nri_support_queue.html", context)


@require_POST
@login_required
def support_answer(request, pk):
    if not permissions.can_answer_support_request(request.user):
        raise Http404
    support_request = get_object_or_404(SupportRequest.objects.select_related("workstream"), pk=pk)
    form = _answer_form(pk, request.POST)
    if form.is_valid():
        try:
            nri.answer_support_request(
                support_request=support_request,
                actor=request.user,
                answer=form.cleaned_data["answer"],
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your answer to %(workstream)s is recorded.")
                % {"workstream": support_request.workstream.name},
            )
        return redirect("workstreams:support-queue")
    context = {"rows": _with_answer_forms(_open_requests(), failed=form)}
    return render(request, "workstreams/nri_support_queue.html", context, status=400)
