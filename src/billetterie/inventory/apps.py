"""Packs and tickets received from the ticket office."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "billetterie.inventory"
    verbose_name = "Lots et billets"
