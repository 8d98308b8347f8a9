"""What the tickets are for: Games, host cities, venues and sessions."""

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "billetterie.catalogue"
    verbose_name = "Catalogue des épreuves"
