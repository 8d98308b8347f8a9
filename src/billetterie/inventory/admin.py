"""Admin for packs."""

from django.contrib import admin

from billetterie.core.admin_scoping import PlatformAdmin
from billetterie.inventory.models import Pack, PackStatus


@admin.register(Pack)
class PackAdmin(PlatformAdmin):
    list_display = ["reference", "campaign", "session", "size", "is_prestige", "status"]
    list_filter = [
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "status",
        "is_prestige",
        "session__games",
    ]
    search_fields = ["reference", "session__code", "session__sport"]
    raw_id_fields = ["session"]
    # A pack's status changes only through the offers and the back office's corrections.
    state_fields = ("status",)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status not in (PackStatus.AVAILABLE, PackStatus.WITHDRAWN):
            fields.append("size")  # an association holds it: its tickets are promised
        return fields
