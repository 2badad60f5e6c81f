import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_GET, require_POST

from .exceptions import DomainError, add_domain_error
from .forms import CloseAccountForm, ProfileForm
from .middleware import LANGUAGE_SESSION_KEY, remember_time_zone
from .models import Profile
from .permissions import can_view_private_profile
from .personal_data import close_account, closure_blockers, export_personal_data
from .services import ensure_profile


@login_required
def profile_edit(request):
    profile = ensure_profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            remember_time_zone(request, profile.time_zone)
            request.session[LANGUAGE_SESSION_KEY] = profile.language
            with translation.override(profile.language or translation.get_language()):
                messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile-edit")
        messages.error(request, _("Please correct the errors below; nothing has been saved yet."))
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": profile})


def person_detail(request, pk):
    profile = get_object_or_404(
        Profile.objects.select_related("user", "stakeholder_group"),
        user_id=pk,
        user__is_active=True,
    )
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": profile,
            "fields": profile.public_fields(),
            "is_own": can_view_private_profile(request.user, profile),
        },
    )


@login_required
def your_data(request):
    """What the portal holds about the reader, and the way to close their account."""
    return render(
        request,
        "accounts/your_data.html",
        {"blockers": closure_blockers(request.user)},
    )


@login_required
@require_GET
def your_data_download(request):
    data = export_personal_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"igfportal-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def close_own_account(request):
    form = CloseAccountForm(request.POST or None, user=request.user)
    blockers = closure_blockers(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            close_account(user=request.user, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account is closed. Your comments and contributions stay in the "
                    "consultation records without your name."
                ),
            )
            return redirect("home")
    return render(request, "accounts/close_account.html", {"form": form, "blockers": blockers})


@require_POST
def set_language(request):
    """The footer's language switcher: Django's view, and the choice kept in the profile."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    valid = {code for code, _name in settings.LANGUAGES}
    if request.user.is_authenticated and language in valid:
        Profile.objects.filter(user=request.user).update(language=language)
        request.session[LANGUAGE_SESSION_KEY] = language
    return response
