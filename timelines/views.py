"""The notification centre, notification settings, unsubscribe, and the private calendar feed."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from accounts.exceptions import DomainError

from . import feeds, registry, services
from .models import (
    DEFAULT_EMAIL_MODES,
    CalendarToken,
    Category,
    EmailMode,
    Follow,
    Notification,
    NotificationPreference,
)

NOTIFICATIONS_PER_PAGE = 25
CALENDAR_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def notification_title(notification):
    """The one-line title of a notification, from its kind; a kind since removed still shows."""
    kind = registry.KINDS.get(notification.kind)
    if kind is None:
        return notification.subject
    try:
        return kind.title(notification.context)
    except (KeyError, TypeError, ValueError):
        return notification.subject


# ---- The notification centre -----------------------------------------------------------------


class NotificationListView(LoginRequiredMixin, ListView):
    """The person's own notifications, newest first; nobody else's, ever."""

    template_name = "timelines/notification_list.html"
    context_object_name = "notifications"
    paginate_by = NOTIFICATIONS_PER_PAGE

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).order_by("-created", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for notification in context["notifications"]:
            notification.title = notification_title(notification)
        return context


@login_required
def notification_open(request, pk):
    """Open a notification: it is marked read, and the person lands on what it is about."""
    # Tenant-first: another person's notification is "not found", not "forbidden".
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(user=request.user, notification=notification)
    if url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("timelines:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("timelines:notifications")


# ---- Notification settings -------------------------------------------------------------------


def _preferences_context(user):
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("category", "email_mode")
    )
    categories = [
        {
            "value": category.value,
            "label": category.label,
            "mode": chosen.get(category.value, DEFAULT_EMAIL_MODES[category]),
        }
        for category in Category
    ]
    token = services.calendar_token_for(user)
    return {
        "categories": categories,
        "email_modes": EmailMode.choices,
        "calendar_url": settings.SITE_URL
        + reverse("timelines:personal-calendar", args=[token.token]),
        "follows": Follow.objects.filter(user=user)
        .select_related("workstream")
        .order_by("workstream__name"),
    }


@login_required
def preferences(request):
    """Per category: email immediately, in a daily digest, or not at all."""
    if request.method == "POST":
        chosen, invalid = {}, []
        for category in Category:
            mode = request.POST.get(category.value)
            if mode is None:
                continue  # a category left out of the form stays as it was
            if mode in EmailMode.values:
                chosen[category.value] = mode
            else:
                invalid.append(category.label)
        if invalid:
            messages.error(
                request,
                _("Choose immediately, daily digest or off for: %(categories)s. Nothing was saved.")
                % {"categories": ", ".join(str(label) for label in invalid)},
            )
            return render(
                request,
                "timelines/preferences.html",
                _preferences_context(request.user),
                status=400,
            )
        try:
            with transaction.atomic():
                for category, mode in chosen.items():
                    services.set_email_mode(user=request.user, category=category, mode=mode)
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
            return render(
                request,
                "timelines/preferences.html",
                _preferences_context(request.user),
                status=400,
            )
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("timelines:preferences")
    return render(request, "timelines/preferences.html", _preferences_context(request.user))


@login_required
@require_POST
def calendar_rotate(request):
    """A new private calendar address; the old one stops working at once."""
    services.rotate_calendar_token(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. Calendars subscribed to the old one no longer "
            "update: subscribe again with the new address."
        ),
    )
    return redirect(reverse("timelines:preferences") + "#calendar")


# ---- Unsubscribe (RFC 8058) ------------------------------------------------------------------


# The signed token is the authentication, and mail clients send the one-click POST
# ("List-Unsubscribe=One-Click") with no cookie and no CSRF token: RFC 8058, section 3.
@csrf_exempt
def unsubscribe(request, token):
    """Stop emails of one category: a GET asks to confirm, a POST (or one-click) does it."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404(_("This unsubscribe link is not valid."))
    user, category = found
    label = _("the daily digest") if category == services.DIGEST else Category(category).label
    context = {"category_label": label, "person": user}
    if request.method == "POST":
        services.unsubscribe(user=user, category=category)
        return render(request, "timelines/unsubscribe.html", {**context, "done": True})
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return render(request, "timelines/unsubscribe.html", {**context, "done": False})


# ---- The private calendar feed ---------------------------------------------------------------


def personal_calendar(request, token):
    """A person's deadlines as iCalendar, at a secret address; a revoked address is gone."""
    # Only what secrets.token_urlsafe makes reaches the database (a NUL byte would not).
    found = CALENDAR_TOKEN.fullmatch(token) and (
        CalendarToken.objects.active()
        .filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if not found:
        raise Http404(_("This calendar address is not valid, or has been replaced."))
    response = HttpResponse(
        feeds.personal_calendar(found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
