"""Admin for packs."""

from django.contrib import admin

from billetterie.core.admin_scoping import OperatorScopedAdmin
from billetterie.inventory.models import Pack


@admin.register(Pack)
class PackAdmin(OperatorScopedAdmin):
    operator_path = "campaign__operator_id"
    list_display = ["reference", "campaign", "session", "size", "is_prestige", "status"]
    list_filter = [
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "status",
        "is_prestige",
        "session__games",
    ]
    search_fields = ["reference", "session__code", "session__sport"]
    raw_id_fields = ["session"]
