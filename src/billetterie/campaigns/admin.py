"""Admin for operators and campaigns."""

from django.contrib import admin

from billetterie.campaigns.models import Campaign, CampaignGames, Operator, Wave
from billetterie.core.admin_scoping import OperatorScopedAdmin


@admin.register(Operator)
class OperatorAdmin(OperatorScopedAdmin):
    operator_path = "id"
    staff_can_change = False
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CampaignGamesInline(admin.TabularInline):
    model = CampaignGames
    extra = 0


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(OperatorScopedAdmin):
    operator_path = "operator_id"
    list_display = ["name", "slug", "operator", "call_opens_on", "call_closes_on"]
    list_filter = [("operator", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    inlines = [CampaignGamesInline, WaveInline]
