"""The outbox: every message the platform sends (e-mail, SMS), written with the decision that
causes it, delivered by the task worker with retries, visible to the operator."""

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "billetterie.outbox"
    verbose_name = "Messages"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.outbox.delivery import outbox_periodic
        from billetterie.outbox.kinds import register_app_kinds
        from billetterie.outbox.purge import outbox_personal_data_held, outbox_personal_data_purge

        register_app_kinds()
        hooks.periodic.connect(outbox_periodic)
        hooks.personal_data_held.connect(outbox_personal_data_held)
        hooks.personal_data_purge.connect(outbox_personal_data_purge)
