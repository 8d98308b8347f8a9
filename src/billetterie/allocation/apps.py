"""Allocation runs: the instance built from the database, the engine's result, the published wave."""

from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "billetterie.allocation"
    verbose_name = "Attribution"
