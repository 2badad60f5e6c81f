from django.contrib import admin

from igfportal.admin import RecordAdminMixin

from .models import (
    Attendance,
    BpfProgressUpdate,
    BpfProposal,
    BpfSelection,
    BpfSupport,
    LiaisonAssignment,
    MagEvent,
    MagSelection,
    MagTerm,
    Meeting,
    Nomination,
)

# Every MAG record is written through mag.services (which check the rules and record who and
# when); the admin is for looking.


@admin.register(MagTerm)
class MagTermAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("user", "cycle", "start", "end", "stakeholder_group", "country")
    list_filter = ("cycle", "stakeholder_group")
    search_fields = ("user__email", "user__profile__display_name")
    list_select_related = ("user__profile", "cycle", "stakeholder_group")


@admin.register(LiaisonAssignment)
class LiaisonAssignmentAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("member", "kind", "workstream", "start", "end", "ended_at")
    list_filter = ("kind",)
    search_fields = ("member__email", "workstream__name")
    list_select_related = ("member__profile", "workstream")


@admin.register(BpfProposal)
class BpfProposalAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("title", "cycle", "status", "submitted_at", "workstream")
    list_filter = ("status", "cycle")
    search_fields = ("title",)


@admin.register(BpfSelection)
class BpfSelectionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("cycle", "meeting", "decided_on", "recorded_by")


@admin.register(BpfSupport)
class BpfSupportAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("workstream", "mailing_list", "virtual_meetings", "web_pages", "surveys")


@admin.register(MagEvent)
class MagEventAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("created", "actor", "action", "subject_user", "cycle", "meeting")
    list_filter = ("action",)
    list_select_related = ("actor", "subject_user", "cycle", "meeting")


@admin.register(MagSelection)
class MagSelectionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("cycle", "status", "publish_nominees", "submitted_on", "appointed_on")


@admin.register(Nomination)
class NominationAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("name", "cycle", "stakeholder_group", "country", "status")
    list_filter = ("cycle", "status", "stakeholder_group")
    search_fields = ("name", "email", "organisation")


@admin.register(Meeting)
class MeetingAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "workstream", "starts_at", "status")
    list_filter = ("kind", "status")
    search_fields = ("title",)
    list_select_related = ("workstream",)


@admin.register(Attendance)
class AttendanceAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("meeting", "user", "status", "recorded_by")
    list_filter = ("status",)
    list_select_related = ("meeting", "user", "recorded_by")


@admin.register(BpfProgressUpdate)
class BpfProgressUpdateAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("workstream", "author", "meeting", "created")
    list_select_related = ("workstream", "author", "meeting")
