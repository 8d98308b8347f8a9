"""Admin for associations and their establishments."""

from django.contrib import admin

from billetterie.core.admin_scoping import PlatformAdmin
from billetterie.members.models import Association, Establishment


class EstablishmentInline(admin.TabularInline):
    model = Establishment
    extra = 0


@admin.register(Association)
class AssociationAdmin(PlatformAdmin):
    list_display = [
        "identifier",
        "name",
        "is_member",
        "postal_code",
        "town",
        "departement",
        "youth_followed",
    ]
    list_filter = [("operator", admin.RelatedOnlyFieldListFilter), "is_member", "departement"]
    search_fields = ["identifier", "name", "town"]
    inlines = [EstablishmentInline]
