"""The contest « La parole aux petits champions »: associations send one short audio, an anonymous
jury scores it, the deliberation ranks the entries and the prestige packs go to the winners."""

from django.apps import AppConfig


class ContestConfig(AppConfig):
    name = "billetterie.contest"
    verbose_name = "Jeu-concours"

    def ready(self):
        from billetterie.contest.prestige import on_offer_closed
        from billetterie.contest.services.purge import (
            contest_personal_data_held,
            contest_personal_data_purge,
        )
        from billetterie.contest.services.reminders import contest_periodic
        from billetterie.core import hooks

        # Settings, participation and entries
        hooks.personal_data_held.connect(contest_personal_data_held)
        hooks.personal_data_purge.connect(contest_personal_data_purge)
        hooks.periodic.connect(contest_periodic)

        # A prestige offer answered: recorded, or its pack goes to the next winner in rank.
        hooks.offer_closed.connect(on_offer_closed)
