"""Admin: the audit log is read-only; the clock can be set."""

from django.contrib import admin

from billetterie.core.models import AuditEntry, ClockSetting


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "subject_label", "campaign_id"]
    list_filter = ["action"]
    search_fields = ["subject_label", "actor_label", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClockSetting)
class ClockSettingAdmin(admin.ModelAdmin):
    list_display = ["frozen_at"]
