"""Delivery: the tickets reach the group leaders and the ticket office, and the platform learns who
went — nominative exports, download links, the leader's page, attendance and reliability."""

from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "billetterie.delivery"
    verbose_name = "Remise des billets"

    def ready(self):
        from billetterie.core import hooks
        from billetterie.delivery.attendance import (
            attendance_personal_data_held,
            attendance_personal_data_purge,
        )
        from billetterie.delivery.attendance_reminders import delivery_attendance_periodic
        from billetterie.delivery.links import (
            links_withdraw_pack_left,
            links_withdraw_ticket_changed,
        )
        from billetterie.delivery.purge import (
            delivery_personal_data_held,
            delivery_personal_data_purge,
        )
        from billetterie.delivery.reliability import reliability_postponed

        # Attendance and reliability
        hooks.periodic.connect(delivery_attendance_periodic)
        hooks.personal_data_held.connect(attendance_personal_data_held)
        hooks.personal_data_purge.connect(attendance_personal_data_purge)
        hooks.tier_postponed.connect(reliability_postponed)

        # Nominative exports
        hooks.personal_data_held.connect(delivery_personal_data_held)
        hooks.personal_data_purge.connect(delivery_personal_data_purge)

        # Download links
        hooks.pack_left_association.connect(links_withdraw_pack_left)
        hooks.ticket_holder_changed.connect(links_withdraw_ticket_changed)
