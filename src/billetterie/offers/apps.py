"""Offers of packs to associations: waves, answers, expiry, reminders, re-allocation."""

from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "billetterie.offers"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.offers.periodic import offers_periodic

        hooks.periodic.connect(offers_periodic)
