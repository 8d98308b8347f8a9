"""Applications from the call, and the waiting list."""

from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "billetterie.requests"
    label = "applications"
    verbose_name = "Candidatures"

    def ready(self):
        from billetterie.core.actions import register

        register("application.submitted", "Candidature déposée")
        register("application.updated", "Candidature modifiée par l'association")
        register("application.corrected", "Candidature corrigée par l'opérateur")
        register("application.ineligible", "Candidature marquée non éligible")
        register("application.eligible", "Candidature rendue éligible")
