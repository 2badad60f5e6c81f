"""Pages for MAG terms, renewals, the rotation planner, nominations, the selection and the
balance views (R-MAG-1, R-MAG-2, R-MAG-4)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.exceptions import DomainError, add_domain_error
from workstreams.models import IgfCycle

from . import nominations as nomination_services
from . import permissions, services
from .balance import mag_balance
from .forms_terms import (
    AppointSelectionForm,
    NominationActionForm,
    NominationForm,
    PublishNomineesForm,
    RenewTermForm,
    SubmitSelectionForm,
)
from .models import MAX_MAG_YEARS, MagEvent, MagSelection, MagTerm, Nomination
from .terms import rotation_for, years_on_the_mag

NOMINEES_PER_PAGE = 50
EVENTS_SHOWN = 50

# Labels for the fields a nominee may agree to publish, in the model's order.
PUBLIC_FIELD_LABELS = {
    "organisation": gettext_lazy("Organisation"),
    "stakeholder_group": gettext_lazy("Stakeholder group"),
    "country": gettext_lazy("Country"),
    "gender": gettext_lazy("Gender"),
    "biography": gettext_lazy("Short biography"),
}


# What each recorded decision about nominations and the selection is called on the page.
EVENT_LABELS = {
    "nomination_added": gettext_lazy("Nomination recorded"),
    "nomination_changed": gettext_lazy("Nomination corrected"),
    "nomination_propose": gettext_lazy("Proposed for the selection"),
    "nomination_unpropose": gettext_lazy("Taken out of the proposed selection"),
    "nomination_withdraw": gettext_lazy("Recorded as withdrawn"),
    "nomination_reinstate": gettext_lazy("Reinstated"),
    "nomination_appointed": gettext_lazy("Appointed"),
    "nomination_not_selected": gettext_lazy("Not selected"),
    "nominee_list_published": gettext_lazy("Nominee list published"),
    "nominee_list_unpublished": gettext_lazy("Nominee list no longer published"),
    "selection_submitted": gettext_lazy("Selection submitted to the Secretary-General"),
    "selection_appointed": gettext_lazy("Appointment by the Secretary-General recorded"),
}


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _cycle(year):
    return get_object_or_404(IgfCycle, year=year)


# ---- Rotation planner and renewals (R-MAG-2) ---------------------------------------------------


@login_required
def rotation(request, year):
    """Who must leave, who may renew and how close the change is to one third (R-MAG-2)."""
    _require(permissions.can_view_rotation(request.user))
    cycle = _cycle(year)
    context = {
        "cycle": cycle,
        "rotation": rotation_for(cycle),
        "next_cycle": services.next_cycle_of(cycle),
        "cycles": IgfCycle.objects.order_by("-year"),
        "can_renew": permissions.can_manage_mag(request.user),
    }
    return render(request, "mag/rotation.html", context)


@login_required
def term_renew(request, pk):
    """Renew a term into the next cycle; refused past three years on the MAG (R-MAG-2)."""
    _require(permissions.can_manage_mag(request.user))
    term = get_object_or_404(
        MagTerm.objects.select_related("user__profile", "cycle", "stakeholder_group"), pk=pk
    )
    start, end = services.renewal_dates(term)
    form = RenewTermForm(request.POST or None, initial={"start": start, "end": end})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            renewed = services.renew_mag_term(
                actor=request.user,
                term=term,
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s's term is renewed for %(cycle)s.")
                % {"name": term.user.public_name, "cycle": renewed.cycle},
            )
            return redirect("mag:rotation", year=term.cycle.year)
    if request.method == "POST":
        messages.error(request, _("The term was not renewed: see the form below."))
    served = years_on_the_mag([term.user_id], up_to_year=term.cycle.year).get(term.user_id, 1)
    context = {
        "term": term,
        "form": form,
        "year_on_the_mag": served,
        "terms_served": MagTerm.objects.filter(user=term.user_id).count(),
        "max_years": MAX_MAG_YEARS,
        "next_cycle": services.next_cycle_of(term.cycle),
        "renewed": MagTerm.objects.filter(renewal_of=term).select_related("cycle").first(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "mag/term_renew.html", context, status=status)


# ---- Nominees (R-MAG-4) ----------------------------------------------------------------------


def _shown_fields(nomination, everything):
    """(label, value, agreed) for each publishable field this reader may see."""
    values = {
        "organisation": nomination.organisation,
        "stakeholder_group": nomination.stakeholder_group.name,
        "country": nomination.country.name,
        "gender": nomination.get_gender_display() if nomination.gender else "",
        "biography": nomination.biography,
    }
    shown = []
    for name in Nomination.PUBLIC_FIELDS:
        agreed = nomination.is_public(name)
        if (agreed or everything) and values[name]:
            shown.append((PUBLIC_FIELD_LABELS[name], values[name], agreed))
    return shown


def nominee_list(request, year):
    """The nominees for a cycle's MAG, each with only what they agreed to publish; the
    Secretariat sees everyone, their email and status (R-MAG-4)."""
    cycle = _cycle(year)
    selection = MagSelection.objects.filter(cycle=cycle).first()
    private = permissions.can_view_nominee_private_details(request.user)
    if not permissions.can_view_nominees(request.user, selection):
        context = {"cycle": cycle, "selection": selection, "published": False}
        return render(request, "mag/nominee_list.html", context, status=403)
    nominations = Nomination.objects.filter(cycle=cycle).select_related("stakeholder_group")
    if not private:
        nominations = nominations.filter(publish_listing=True).exclude(
            status=Nomination.Status.WITHDRAWN
        )
    page = Paginator(nominations.order_by("name", "pk"), NOMINEES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"nomination": nomination, "fields": _shown_fields(nomination, private)}
        for nomination in page.object_list
    ]
    can_manage = permissions.can_manage_mag(request.user)
    context = {
        "cycle": cycle,
        "selection": selection,
        "published": selection is None or selection.publish_nominees,
        "rows": rows,
        "page_obj": page,
        "private": private,
        "can_manage": can_manage,
        "is_open": selection is None or selection.status == MagSelection.Status.OPEN,
        "action_form": NominationActionForm(),
    }
    return render(request, "mag/nominee_list.html", context)


def _nomination_fields(data):
    return {name: data[name] for name in nomination_services.NOMINATION_FIELDS}


@login_required
def nomination_create(request, year):
    """Record a nominee and what they agreed to publish (R-MAG-4)."""
    _require(permissions.can_manage_mag(request.user))
    cycle = _cycle(year)
    form = NominationForm(request.POST or None, initial={"publish_listing": False})
    if request.method == "POST" and form.is_valid():
        try:
            nomination_services.add_nomination(
                actor=request.user,
                cycle=cycle,
                reason=form.cleaned_data["reason"],
                **_nomination_fields(form.cleaned_data),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The nomination has been recorded."))
            return redirect("mag:nominees", year=cycle.year)
    if request.method == "POST":
        messages.error(request, _("The nomination was not recorded: see the form below."))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mag/nomination_form.html", {"form": form, "cycle": cycle}, status=status
    )


@login_required
def nomination_edit(request, pk):
    """Correct a nominee's record or what they agreed to publish."""
    _require(permissions.can_manage_mag(request.user))
    nomination = get_object_or_404(
        Nomination.objects.select_related("cycle", "stakeholder_group"), pk=pk
    )
    form = NominationForm(request.POST or None, initial=NominationForm.initial_for(nomination))
    if request.method == "POST" and form.is_valid():
        try:
            nomination_services.update_nomination(
                actor=request.user,
                nomination=nomination,
                reason=form.cleaned_data["reason"],
                **_nomination_fields(form.cleaned_data),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The nomination has been saved."))
            return redirect("mag:nominees", year=nomination.cycle.year)
    if request.method == "POST":
        messages.error(request, _("The nomination was not saved: see the form below."))
    context = {"form": form, "cycle": nomination.cycle, "nomination": nomination}
    status = 400 if request.method == "POST" else 200
    return render(request, "mag/nomination_form.html", context, status=status)


@login_required
@require_POST
def nomination_action(request, pk):
    """Propose a nominee, take them out of the proposed selection, or record a withdrawal."""
    _require(permissions.can_manage_mag(request.user))
    nomination = get_object_or_404(Nomination.objects.select_related("cycle"), pk=pk)
    form = NominationActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with this nomination."))
    else:
        try:
            nomination_services.change_nomination_status(
                actor=request.user, nomination=nomination, action=form.cleaned_data["action"]
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            nomination.refresh_from_db(fields=["status"])
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": nomination.name, "status": nomination.get_status_display()},
            )
    return redirect("mag:nominees", year=nomination.cycle.year)


# ---- The selection, submitted to and appointed by the UN Secretary-General (R-MAG-4) -----------

SELECTION_FORMS = {
    "publish": PublishNomineesForm,
    "submit": SubmitSelectionForm,
    "appoint": AppointSelectionForm,
}


def _selection_forms(cycle, selection, bound=None, bound_name=None):
    today = timezone.localdate()
    status = selection.status if selection else MagSelection.Status.OPEN
    forms = {
        "publish": PublishNomineesForm(
            initial={"publish_nominees": selection.publish_nominees if selection else True}
        ),
    }
    if status == MagSelection.Status.OPEN:
        forms["submit"] = SubmitSelectionForm(initial={"submitted_on": today})
    if status == MagSelection.Status.SUBMITTED:
        forms["appoint"] = AppointSelectionForm(
            cycle=cycle,
            initial={
                "appointed_on": today,
                "term_start": dt.date(cycle.year, 1, 1),
                "term_end": dt.date(cycle.year, 12, 31),
                "appointed": list(
                    Nomination.objects.filter(
                        cycle=cycle, status=Nomination.Status.PROPOSED
                    ).values_list("pk", flat=True)
                ),
            },
        )
    if bound is not None:
        forms[bound_name] = bound
    return forms


def _appointed_nominees(cycle):
    """The appointed nominees, each marked with whether a MAG term for the cycle is on the
    roll: only those with a portal account got one at the appointment (R-MAG-4)."""
    appointed = list(
        Nomination.objects.filter(cycle=cycle, status=Nomination.Status.APPOINTED)
        .select_related("stakeholder_group")
        .order_by("name", "pk")
    )
    with_term = set(
        MagTerm.objects.filter(
            cycle=cycle, user_id__in=[n.user_id for n in appointed if n.user_id]
        ).values_list("user_id", flat=True)
    )
    for nomination in appointed:
        nomination.has_term = nomination.user_id in with_term
    return appointed


def _appointment_message(cycle):
    appointed = _appointed_nominees(cycle)
    with_term = sum(n.has_term for n in appointed)
    done = ngettext(
        "The appointment is recorded: %(count)s appointed member now has a MAG term on the roll.",
        "The appointment is recorded: %(count)s appointed members now have a MAG term on the roll.",
        with_term,
    ) % {"count": with_term}
    missing = [n.name for n in appointed if not n.has_term]
    if missing:
        done += " " + ngettext(
            "%(names)s has no portal account, so no term yet: record the term once they have "
            "signed up.",
            "%(names)s have no portal account, so no term yet: record their terms once they "
            "have signed up.",
            len(missing),
        ) % {"names": ", ".join(missing)}
    return done


def _selection_context(request, cycle, bound=None, bound_name=None):
    selection = (
        MagSelection.objects.filter(cycle=cycle).select_related("updated_by__profile").first()
    )
    can_manage = permissions.can_manage_mag(request.user)
    counts = dict.fromkeys((Nomination.Status.PROPOSED, Nomination.Status.APPOINTED), 0)
    counts.update(
        Nomination.objects.filter(cycle=cycle, status__in=list(counts))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status = selection.status if selection else MagSelection.Status.OPEN
    context = {
        "cycle": cycle,
        "selection": selection,
        "status": status,
        "proposed_count": counts[Nomination.Status.PROPOSED],
        "appointed_count": counts[Nomination.Status.APPOINTED],
        "can_manage": can_manage,
    }
    if status == MagSelection.Status.APPOINTED:
        # The appointment is public (the UN announces it); who has no account yet is not.
        appointed = _appointed_nominees(cycle)
        context["appointed"] = appointed
        if can_manage:
            context["without_term"] = [n for n in appointed if not n.has_term]
    if can_manage:
        context["forms"] = _selection_forms(cycle, selection, bound, bound_name)
        context["proposed"] = list(
            Nomination.objects.filter(cycle=cycle, status=Nomination.Status.PROPOSED)
            .select_related("stakeholder_group")
            .order_by("name", "pk")
        )
        events = list(
            MagEvent.objects.filter(cycle=cycle, action__in=list(EVENT_LABELS))
            .select_related("actor__profile")
            .order_by("-created", "-pk")[:EVENTS_SHOWN]
        )
        ids = {event.details.get("nomination") for event in events}
        names = dict(Nomination.objects.filter(pk__in=ids - {None}).values_list("pk", "name"))
        context["events"] = [
            {
                "event": event,
                "label": EVENT_LABELS[event.action],
                "nominee": names.get(event.details.get("nomination"), ""),
            }
            for event in events
        ]
    return context


def selection(request, year):
    """The cycle's selection: its status, and when it was submitted to and appointed by the
    UN Secretary-General; the Secretariat records each step here (R-MAG-4)."""
    cycle = _cycle(year)
    if request.method != "POST":
        return render(request, "mag/selection.html", _selection_context(request, cycle))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _require(permissions.can_manage_mag(request.user))
    name = request.POST.get("step", "")
    if name not in SELECTION_FORMS:
        raise Http404
    kwargs = {"cycle": cycle} if name == "appoint" else {}
    form = SELECTION_FORMS[name](request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if name == "publish":
                nomination_services.set_publish_nominees(
                    actor=request.user, cycle=cycle, publish=data["publish_nominees"]
                )
                done = (
                    _("The nominee list is published.")
                    if data["publish_nominees"]
                    else _("The nominee list is no longer published.")
                )
            elif name == "submit":
                nomination_services.submit_selection(
                    actor=request.user,
                    cycle=cycle,
                    submitted_on=data["submitted_on"],
                    reason=data["reason"],
                )
                done = _("The selection is recorded as submitted to the Secretary-General.")
            else:
                nomination_services.record_appointment(
                    actor=request.user,
                    cycle=cycle,
                    appointed=list(data["appointed"]),
                    appointed_on=data["appointed_on"],
                    announcement_url=data["announcement_url"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                    reason=data["reason"],
                )
                done = _appointment_message(cycle)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect("mag:selection", year=cycle.year)
    messages.error(request, _("Nothing was recorded: see the form below."))
    context = _selection_context(request, cycle, bound=form, bound_name=name)
    return render(request, "mag/selection.html", context, status=400)


# ---- Balance (R-MAG-4) -----------------------------------------------------------------------


def _default_balance_cycle():
    """The next selection still being made, else the latest one recorded."""
    today = timezone.localdate()
    selections = MagSelection.objects.select_related("cycle")
    upcoming = selections.filter(cycle__year__gt=today.year).order_by("cycle__year").first()
    latest = upcoming or selections.order_by("-cycle__year").first()
    return latest.cycle if latest else None


def balance(request, year=None):
    """The current MAG's balance beside a proposed selection, as charts with their data tables:
    stakeholder group, UN regional group, gender and developing country (R-MAG-4)."""
    _require(permissions.can_view_balance(request.user))
    cycle = _cycle(year) if year is not None else _default_balance_cycle()
    context = {
        "balance": mag_balance(cycle),
        "cycle": cycle,
        "today": timezone.localdate(),
        "selection_cycles": IgfCycle.objects.filter(mag_selection__isnull=False).order_by("-year"),
    }
    return render(request, "mag/balance.html", context)
