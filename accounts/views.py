from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .middleware import remember_time_zone
from .models import Profile
from .permissions import can_view_private_profile
from .services import ensure_profile


@login_required
def profile_edit(request):
    profile = ensure_profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            remember_time_zone(request, profile.time_zone)
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
