"""Allocation runs: the instance built from the database, the engine's result, the published wave."""

from django.apps import AppConfig

ACTIONS = {
    "allocation.run_started": "Calcul d'attribution lancé",
    "allocation.run_finished": "Calcul d'attribution terminé",
    "allocation.run_failed": "Calcul d'attribution en échec",
    "allocation.pack_moved": "Lot déplacé à la main",
    "allocation.published": "Vague publiée",
    "allocation.discarded": "Calcul abandonné",
}


class AllocationConfig(AppConfig):
    name = "billetterie.allocation"
    verbose_name = "Attribution"

    def ready(self):
        from billetterie.core.actions import register

        for code, label in ACTIONS.items():
            register(code, label)
