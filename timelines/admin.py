from django.contrib import admin

from igfportal.admin import RecordAdminMixin, SecretariatAdminMixin

from .models import ActionItem, ActionItemActor, ActionItemEvent, Milestone, Notification


@admin.register(Milestone)
class MilestoneAdmin(SecretariatAdminMixin, admin.ModelAdmin):
    list_display = ("title", "workstream", "start", "end", "is_deadline", "removed_at")
    list_filter = ("is_deadline",)
    search_fields = ("title", "workstream__name")
    list_select_related = ("workstream",)
    readonly_fields = ("removed_at", "removed_by", "remove_reason", "created_by")


class ActorInline(admin.TabularInline):
    model = ActionItemActor
    extra = 0
    can_delete = False
    readonly_fields = ("user", "role")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ActionItem)
class ActionItemAdmin(RecordAdminMixin, admin.ModelAdmin):
    # Items change through the portal's forms, which check deadlines and record each change.
    list_display = ("action", "workstream", "deadline", "status", "status_changed_at")
    list_filter = ("status",)
    search_fields = ("action", "workstream__name")
    list_select_related = ("workstream",)
    inlines = [ActorInline]


@admin.register(ActionItemEvent)
class ActionItemEventAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("created", "item", "actor", "verb", "reason")
    list_select_related = ("item", "actor__profile")


@admin.register(Notification)
class NotificationAdmin(RecordAdminMixin, admin.ModelAdmin):
    """The outbox, for looking: what was due, to whom, and whether the email went out."""

    list_display = (
        "created",
        "recipient",
        "kind",
        "subject",
        "occasion",
        "email_mode",
        "email_status",
        "attempts",
    )
    list_filter = ("kind", "email_status", "email_mode")
    search_fields = ("recipient__email", "subject")
    list_select_related = ("recipient__profile",)
