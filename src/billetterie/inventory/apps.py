"""Packs and tickets received from the ticket office."""

from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "billetterie.inventory"
    verbose_name = "Lots et billets"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.inventory.selectors import pack_message_examples

        hooks.message_examples.connect(pack_message_examples)
