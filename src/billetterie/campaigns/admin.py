"""Admin for operators and campaigns."""

from django.contrib import admin

from billetterie.campaigns.models import Campaign, CampaignGames, Operator, Wave
from billetterie.core.admin_scoping import PlatformAdmin


@admin.register(Operator)
class OperatorAdmin(PlatformAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CampaignGamesInline(admin.TabularInline):
    model = CampaignGames
    extra = 0


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(PlatformAdmin):
    list_display = ["name", "slug", "operator", "call_opens_on", "call_closes_on"]
    list_filter = [("operator", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    inlines = [CampaignGamesInline, WaveInline]
