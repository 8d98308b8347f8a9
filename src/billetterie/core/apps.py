"""Cross-cutting services: audit log, clock, use cases, hooks, safe exports, security headers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "billetterie.core"
    verbose_name = "Socle"

    def ready(self):
        from billetterie.core import checks  # noqa: F401  (registers the system checks)
        from billetterie.core.audit import register_app_actions

        register_app_actions()
