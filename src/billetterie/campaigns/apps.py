"""Operators and their campaigns: calendar, rules and the retention of personal data."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "billetterie.campaigns"
    verbose_name = "Campagnes"

    def ready(self):
        from billetterie.campaigns.retention import retention_periodic
        from billetterie.core import hooks

        hooks.periodic.connect(retention_periodic)
