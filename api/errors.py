"""One error body for every API failure:

    {"errors": [{"field": "body", "message": "…", "rule": "R-CON-2"}]}

`field` is null for errors about the whole request; `rule` names the domain rule broken, when
one is. Domain errors from the services (accounts.exceptions.DomainError) answer 400, with the
same message the website shows.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from accounts.exceptions import DomainError

RULE_PREFIX = "R-"


def _rule_of(message):
    head = str(message).split(":", 1)[0].strip()
    return head if head.startswith(RULE_PREFIX) and " " not in head else None


def _flatten(detail, field=None):
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "detail", "__all__") else key
            items += _flatten(value, name if field is None else f"{field}.{name}")
        return items
    if isinstance(detail, list):
        items = []
        for value in detail:
            items += _flatten(value, field)
        return items
    return [{"field": field, "message": str(detail), "rule": _rule_of(detail)}]


def domain_error_body(error):
    field = getattr(error, "field", None)
    rule = getattr(error, "rule", None)
    messages = getattr(error, "messages", None) or [str(error)]
    return {
        "errors": [
            {"field": field, "message": str(message), "rule": rule or _rule_of(message)}
            for message in messages
        ]
    }


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(domain_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, PermissionDenied) and not isinstance(exc, exceptions.PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"errors": _flatten(response.data)}
    return response
