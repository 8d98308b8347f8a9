"""Delivery: the tickets reach the group leaders and the ticket office, and the platform learns who
went — nominative exports, download links, the leader's page, attendance and reliability."""

from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "billetterie.delivery"
    verbose_name = "Remise des billets"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.delivery.links import (
            links_withdraw_pack_left,
            links_withdraw_ticket_changed,
        )

        # Download links
        hooks.pack_left_association.connect(links_withdraw_pack_left)
        hooks.ticket_holder_changed.connect(links_withdraw_ticket_changed)
