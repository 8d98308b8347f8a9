"""Reads on campaigns: the one rule saying who may see which campaign."""

from django.db.models import QuerySet

from billetterie.campaigns.models import Campaign, CampaignGames, Wave
from billetterie.catalogue.models import Games


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Operator staff see their operator's campaigns; a platform administrator sees all."""
    qs = Campaign.objects.select_related("operator")
    if user.is_platform_admin:
        return qs
    if user.is_operator_staff:
        return qs.filter(operator_id=user.operator_id)
    return qs.none()


def campaign_visible_to(user, slug: str) -> Campaign:
    """One campaign the user may manage; any other → Campaign.DoesNotExist."""
    return campaigns_visible_to(user).get(slug=slug)


def campaigns_of_association(*, association) -> QuerySet[Campaign]:
    """The campaigns of the association's operator: the only ones it takes part in."""
    return Campaign.objects.filter(operator_id=association.operator_id).order_by(
        "-created_at", "slug"
    )


def campaign_of_association(*, association, slug: str) -> Campaign:
    """One campaign the association takes part in; any other → Campaign.DoesNotExist."""
    return campaigns_of_association(association=association).get(slug=slug)


def campaign_games_of(*, campaign) -> list[Games]:
    return [
        cg.games for cg in campaign.games_settings.select_related("games").order_by("games__code")
    ]


# Reads for the back office


def campaign_slug_taken(*, slug: str) -> bool:
    """Whether a campaign of any operator already uses this slug (slugs are unique everywhere)."""
    return Campaign.objects.filter(slug=slug).exists()


def games_settings_of(*, campaign) -> QuerySet[CampaignGames]:
    """The campaign's settings for each Games it covers, with the Games."""
    return campaign.games_settings.select_related("games")


def waves_of(*, campaign) -> QuerySet[Wave]:
    """The campaign's planned waves, in their order."""
    return campaign.waves.all()


def games_by_code() -> QuerySet[Games]:
    """Every Games of the catalogue, by code: what an allocation run may be limited to."""
    return Games.objects.order_by("code")


# Reads for the portal


def campaign_games_by_code(*, campaign, code: str) -> Games:
    """One Games the campaign distributes, by its code; any other → Games.DoesNotExist."""
    return Games.objects.get(code=code, pk__in=campaign.games_settings.values("games_id"))
