from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    AuditEvent,
    EmploymentArea,
    Invitation,
    Municipality,
    PartnerOrganisation,
    Region,
    RoleAssignment,
    SignUpRequest,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["area", "organisation"]
    readonly_fields = ["granted_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "area", "is_active", "date_joined"]
    list_filter = ["is_active", "role_assignments__role", "area"]
    search_fields = ["email", "display_name"]
    autocomplete_fields = ["area", "municipality"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["display_name", "language", "area", "municipality"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser", "date_joined"]}),
        (
            _("Consents"),
            {"fields": ["guidelines_accepted_at", "privacy_notice_accepted_at"]},
        ),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "display_name", "password1", "password2"]}),
    ]
    # Admin access follows the administrator role (services.user_admin_access_sync).
    readonly_fields = [
        "is_staff",
        "is_superuser",
        "date_joined",
        "guidelines_accepted_at",
        "privacy_notice_accepted_at",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_admin_access_sync(user=form.instance, actor=request.user)


@admin.register(EmploymentArea)
class EmploymentAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "is_demo"]
    search_fields = ["name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "region", "employment_area", "is_active"]
    list_filter = ["region", "is_active", "employment_area"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["region", "employment_area"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    autocomplete_fields = ["municipality"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "area", "role", "also_member", "created_at", "sent_at"]
    list_filter = ["area", "role"]
    search_fields = ["email", "name"]
    list_select_related = ["area"]
    readonly_fields = [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SignUpRequest)
class SignUpRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "decided_at", "approved"]
    list_select_related = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_id", "area"]
    list_filter = ["action"]
    list_select_related = ["actor", "area"]
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
