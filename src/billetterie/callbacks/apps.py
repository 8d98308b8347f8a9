"""Receipts: the addresses the e-mail and SMS providers call to report what became of a message
(delivered, bounced, complained), authenticated by a shared secret (RECEIPTS_TOKEN)."""

from django.apps import AppConfig


class CallbacksConfig(AppConfig):
    name = "billetterie.callbacks"
    verbose_name = "Accusés des prestataires"
