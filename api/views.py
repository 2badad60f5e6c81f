"""The API's front page, and the profile page where people manage their personal tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from accounts.exceptions import DomainError

from . import services
from .forms import TokenForm
from .models import ApiToken

NEW_KEY_SESSION = "api_new_token_key"


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request):
    """Where to start: the schema, the documentation and the collections."""
    names = {
        "schema": "api:schema",
        "docs": "api:docs",
        "workstreams": "api:workstream-list",
        "workstreams_csv": "api:workstream-csv",
        "nris": "api:nri-list",
        "nris_csv": "api:nri-csv",
        "mag_members": "api:mag-member-list",
        "mag_liaisons": "api:mag-liaison-list",
        "meetings": "api:meeting-list",
        "consultations": "api:consultation-list",
        "feed_outputs": "api:feed-outputs",
        "feed_consultations_open": "api:feed-consultations-open",
    }
    return Response({key: request.build_absolute_uri(reverse(name)) for key, name in names.items()})


@login_required
def token_list(request):
    """Create (the key is shown once) and revoke one's own tokens."""
    tokens = ApiToken.objects.filter(user=request.user)
    form = TokenForm(request.POST or None)
    # Post/redirect/get: reloading the page shows the list, never creates a second token.
    # The new key waits in the session for that one redirect, then is gone.
    new_key = request.session.pop(NEW_KEY_SESSION, None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, key = services.issue_token(user=request.user, name=form.cleaned_data["name"])
        except DomainError as error:
            form.add_error(None, error.messages)
        else:
            request.session[NEW_KEY_SESSION] = key
            return redirect("api:tokens")
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
