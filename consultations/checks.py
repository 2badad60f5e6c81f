"""The checks every consultations service makes on what it is given: one copy for all."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.exceptions import DomainError

from .models import Language

REASON_MAX = 2000


def require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message or _("You may not do this in this consultation."))


def clean_text(value, *, field, limit, label, required=True):
    """User text without NUL bytes and surrounding blanks, within its limit."""
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise DomainError(_("Give the %(label)s.") % {"label": label}, field=field)
    if len(value) > limit:
        raise DomainError(
            _("The %(label)s is too long: %(length)s characters; at most %(limit)s.")
            % {"label": label, "length": len(value), "limit": limit},
            field=field,
        )
    return value


def clean_reason(reason, *, required=True):
    return clean_text(
        reason,
        field="reason",
        limit=REASON_MAX,
        label=_("reason (it is recorded)"),
        required=required,
    )


def clean_language(language):
    if language not in Language.values:
        raise DomainError(_("Choose the language it is written in."), field="language")
    return language
