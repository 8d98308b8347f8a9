"""The group leader's page: reached by a personal signed link, without an account."""

from django.apps import AppConfig


class LeadersConfig(AppConfig):
    name = "billetterie.leaders"
    verbose_name = "Page des responsables de groupe"
