"""Applications from the call, and the waiting list."""

from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "billetterie.requests"
    label = "applications"
    verbose_name = "Candidatures"
