"""Shared admin behaviour: the Secretariat administers; decisions stay read-only here."""

from django.db import models

from accounts.permissions import is_secretariat


class SecretariatAdminMixin:
    """Admin access follows the Secretariat role. Nothing is deleted from the admin: rows that
    record people or decisions are ended through services, which keep the record."""

    readonly_fields = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return is_secretariat(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class RecordAdminMixin(SecretariatAdminMixin):
    """A recorded decision: visible, never added, edited or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
