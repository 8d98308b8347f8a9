"""The links lodging messages carry: the association's lodging page and the practical page of the
campaign in the portal (by URL name: the portal sits above lodging, its paths may change)."""

from django.urls import reverse

from billetterie.outbox.services import site_link


def lodging_link(campaign) -> str:
    return site_link(reverse("portal:lodging_campaign", kwargs={"campaign_slug": campaign.slug}))


def practical_link(campaign) -> str:
    return site_link(reverse("portal:lodging_practical", kwargs={"campaign_slug": campaign.slug}))
