"""Admin for applications."""

from django.contrib import admin

from billetterie.core.admin_scoping import PlatformAdmin
from billetterie.requests.models import Application, ApplicationCity


class ApplicationCityInline(admin.TabularInline):
    model = ApplicationCity
    extra = 0


@admin.register(Application)
class ApplicationAdmin(PlatformAdmin):
    list_display = [
        "association",
        "campaign",
        "games",
        "youth",
        "supervisors",
        "channel",
        "is_eligible",
        "received_on",
    ]
    list_filter = [
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "games",
        "channel",
        "is_eligible",
    ]
    search_fields = ["association__name", "association__identifier"]
    inlines = [ApplicationCityInline]
