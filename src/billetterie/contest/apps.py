"""The contest « La parole aux petits champions »: associations send one short audio, an anonymous
jury scores it, the deliberation ranks the entries and the prestige packs go to the winners."""

from django.apps import AppConfig


class ContestConfig(AppConfig):
    name = "billetterie.contest"
    verbose_name = "Jeu-concours"
