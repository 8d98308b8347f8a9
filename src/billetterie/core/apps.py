"""Cross-cutting services: audit log, clock, use cases, hooks, safe exports, security headers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "billetterie.core"
    verbose_name = "Socle"

    def ready(self):
        from billetterie.core import (
            checks,  # noqa: F401  (registers the system checks)
            hooks,
        )
        from billetterie.core.audit import register_app_actions
        from billetterie.core.pending_uploads import pending_uploads_expire
        from billetterie.core.purge import audit_personal_data_held, audit_personal_data_purge

        register_app_actions()
        hooks.personal_data_held.connect(audit_personal_data_held)
        hooks.personal_data_purge.connect(audit_personal_data_purge)
        hooks.periodic.connect(pending_uploads_expire)
