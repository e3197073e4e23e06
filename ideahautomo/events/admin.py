from django.contrib import admin

from ideahautomo.lib.markdown import render_markdown

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "is_public", "registered_count"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["created_by", "approved_by"]
    autocomplete_fields = ["municipality", "organisation"]
    readonly_fields = ["registered_count", "reminder_at"]

    def save_model(self, request, obj, form, change):
        obj.description_html = render_markdown(obj.description)
        super().save_model(request, obj, form, change)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "registered_at", "attended"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user"]

    # Places are counted under the event's lock: registrations change only through the site.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
