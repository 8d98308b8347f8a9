"""Lodging: travel times, the needs of far associations, hosts' offers, the matching and the
agreement between both sides (formats and rules: docs/lodging.md)."""

from django.apps import AppConfig


class LodgingConfig(AppConfig):
    name = "billetterie.lodging"
    verbose_name = "Hébergement"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.lodging.purge import (
            lodging_personal_data_held,
            lodging_personal_data_purge,
        )

        hooks.personal_data_held.connect(lodging_personal_data_held)
        hooks.personal_data_purge.connect(lodging_personal_data_purge)
