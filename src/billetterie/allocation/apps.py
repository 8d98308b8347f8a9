"""Allocation runs: the instance built from the database, the engine's result, the published wave."""

from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "billetterie.allocation"
    verbose_name = "Attribution"

    def ready(self):
        from billetterie.allocation.purge import (
            allocation_personal_data_held,
            allocation_personal_data_purge,
        )
        from billetterie.core import hooks

        hooks.personal_data_held.connect(allocation_personal_data_held)
        hooks.personal_data_purge.connect(allocation_personal_data_purge)
