from django.contrib import admin

from igfportal.admin import RecordAdminMixin, SecretariatAdminMixin

from .models import IgfCycle, Membership, Workstream, WorkstreamEvent


@admin.register(IgfCycle)
class IgfCycleAdmin(SecretariatAdminMixin, admin.ModelAdmin):
    list_display = ("year", "host_city", "host_country", "meeting_start", "meeting_end")


@admin.register(Workstream)
class WorkstreamAdmin(SecretariatAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "status", "nri_level", "country", "is_youth", "updated")
    list_filter = ("kind", "status", "nri_level", "is_youth")
    search_fields = ("name", "short_name", "slug")
    # The status changes only through workstreams.services.apply_transition, which records why.
    readonly_fields = ("status", "un_regional_group", "created", "updated")

    def has_add_permission(self, request):
        return False  # registered through the portal's form, which records the decision


@admin.register(Membership)
class MembershipAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("workstream", "user", "role", "granted_by", "created", "revoked_at")
    list_filter = ("role", "workstream__kind")
    search_fields = ("workstream__name", "user__email")
    list_select_related = ("workstream", "user__profile", "granted_by__profile")


@admin.register(WorkstreamEvent)
class WorkstreamEventAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("created", "workstream", "actor", "verb", "from_status", "to_status")
    list_filter = ("verb",)
    search_fields = ("workstream__name", "reason")
    list_select_related = ("workstream", "actor__profile")
