"""Admin for the catalogue of Games, host cities, venues and sessions."""

from django.contrib import admin

from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.core.admin_scoping import PlatformAdmin


@admin.register(Games)
class GamesAdmin(PlatformAdmin):
    list_display = ["code", "short_name", "name"]


@admin.register(HostCity)
class HostCityAdmin(PlatformAdmin):
    list_display = ["name", "departement"]
    search_fields = ["name"]


@admin.register(Venue)
class VenueAdmin(PlatformAdmin):
    list_display = ["name", "code", "host_city"]
    list_filter = ["host_city"]
    search_fields = ["name", "code"]


@admin.register(Session)
class SessionAdmin(PlatformAdmin):
    list_display = ["code", "games", "sport", "date", "start_time", "venue", "phase"]
    list_filter = ["games", "phase", "sport"]
    search_fields = ["code", "sport", "description"]
    date_hierarchy = "date"
