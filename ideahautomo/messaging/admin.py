"""Reports are visible to administrators; conversations, messages and blocks are not."""

from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reason", "reported_user", "handled_at"]
    list_filter = ["reason", "handled_at"]
    raw_id_fields = ["reporter", "reported_user", "message", "handled_by"]
    readonly_fields = ["message", "message_body", "created_at"]
