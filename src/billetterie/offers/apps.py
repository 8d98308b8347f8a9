"""Offers of packs to associations: answers, expiry, reminders, re-allocation."""

from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "billetterie.offers"
    verbose_name = "Propositions"
