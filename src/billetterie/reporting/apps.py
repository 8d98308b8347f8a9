"""Reporting: the campaign at a glance (dashboard and charts), every list exported, each
association's explanation of what it received, and the funder's report."""

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "billetterie.reporting"
    verbose_name = "Bilans et exports"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.reporting.purge import (
            exports_periodic,
            exports_personal_data_held,
            exports_personal_data_purge,
        )

        # Exports of the lists: files deleted after 7 days, and with the campaign's personal data
        hooks.periodic.connect(exports_periodic)
        hooks.personal_data_held.connect(exports_personal_data_held)
        hooks.personal_data_purge.connect(exports_personal_data_purge)
