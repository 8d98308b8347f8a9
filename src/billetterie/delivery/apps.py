"""Delivery: the tickets reach the group leaders and the ticket office, and the platform learns who
went — nominative exports, download links, the leader's page, attendance and reliability."""

from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "billetterie.delivery"
    verbose_name = "Remise des billets"
