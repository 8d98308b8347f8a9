"""Operators and their campaigns: calendar and rules."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "billetterie.campaigns"
    verbose_name = "Campagnes"
