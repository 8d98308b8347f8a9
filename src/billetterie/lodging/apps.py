"""Lodging: travel times, the needs of far associations, hosts' offers, the matching and the
agreement between both sides (formats and rules: docs/lodging.md)."""

from django.apps import AppConfig


class LodgingConfig(AppConfig):
    name = "billetterie.lodging"
    verbose_name = "Hébergement"
