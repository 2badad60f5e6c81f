from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from igfportal.admin import RecordAdminMixin, SecretariatAdminMixin

from . import services
from .exceptions import DomainError
from .models import AccountClosure, Profile, SiteRole, StakeholderGroup, User


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    readonly_fields = ("un_regional_group", "welcome_sent_at")


@admin.register(User)
class UserAdmin(SecretariatAdminMixin, admin.ModelAdmin):
    list_display = ("email", "public_name", "is_active", "is_staff", "date_joined", "last_login")
    list_filter = ("is_active", "is_staff")
    search_fields = ("email", "profile__display_name", "profile__organisation")
    ordering = ("email",)
    fields = ("email", "is_active", "is_staff", "date_joined", "last_login")
    readonly_fields = ("is_staff", "date_joined", "last_login")
    inlines = [ProfileInline]
    actions = ["grant_secretariat"]

    def has_add_permission(self, request):
        return False  # people sign up themselves, and verify their email address

    @admin.action(description=_("Grant the Secretariat role"))
    def grant_secretariat(self, request, queryset):
        for user in queryset:
            try:
                services.grant_site_role(
                    user=user,
                    role=SiteRole.Role.SECRETARIAT,
                    actor=request.user,
                    reason="Granted in the admin",
                )
            except DomainError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(SecretariatAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "position", "is_active")
    list_editable = ("position", "is_active")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(SiteRole)
class SiteRoleAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("user", "role", "granted_by", "created", "revoked_at", "revoked_by")
    list_filter = ("role",)


@admin.register(AccountClosure)
class AccountClosureAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("user", "closed_at", "by_themselves", "closed_by")
    list_filter = ("by_themselves",)
    readonly_fields = (
        "user",
        "closed_at",
        "by_themselves",
        "closed_by",
        "reason",
        "removed",
        "kept",
    )
