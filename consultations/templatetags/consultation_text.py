"""Filters for showing a draft's sanitised HTML inside a page."""

from django import template
from django.utils.safestring import mark_safe

from ..markdown import demote_headings as _demote_headings

register = template.Library()


@register.filter
def demote_headings(html):
    """A paragraph's sanitised HTML with its headings one level lower: the page has its h1."""
    return mark_safe(_demote_headings(str(html)))  # noqa: S308 - sanitised HTML, tags renamed
