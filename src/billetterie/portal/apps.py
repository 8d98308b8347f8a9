"""Pages for association referents."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "billetterie.portal"
