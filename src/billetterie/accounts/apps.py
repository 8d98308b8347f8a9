"""Users, their roles and signing in."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "billetterie.accounts"
    verbose_name = "Comptes"
