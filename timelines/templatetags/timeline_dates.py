"""Dates kept as ISO text (notification context is JSON) shown in the portal's date format."""

from datetime import UTC, date, datetime

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def as_date(value):
    """'2026-11-08' -> '8 Nov 2026' in the active language's DATE_FORMAT; anything else as is."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return value


@register.filter
def as_datetime_utc(value):
    """'2030-09-30T17:00:00+00:00' -> '30 Sep 2030, 17:00 UTC', in the active language's
    DATETIME_FORMAT and in UTC (an email leaves without its reader's time zone)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return date_format(value.astimezone(UTC), "DATETIME_FORMAT", use_l10n=True)
    return value
