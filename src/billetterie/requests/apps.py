"""Applications from the call, and the waiting list."""

from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "billetterie.requests"
    label = "applications"
    verbose_name = "Candidatures"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.requests.purge import (
            applications_personal_data_held,
            applications_personal_data_purge,
        )
        from billetterie.requests.reminders import applications_periodic

        hooks.personal_data_held.connect(applications_personal_data_held)
        hooks.personal_data_purge.connect(applications_personal_data_purge)
        hooks.periodic.connect(applications_periodic)
