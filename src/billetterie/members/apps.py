"""Associations, their establishments and where they are."""

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "billetterie.members"
    verbose_name = "Associations"
