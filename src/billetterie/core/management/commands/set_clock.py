"""`billetterie set_clock 2024-03-22` stands the platform at a date; `--real` goes back to real time."""

from django.core.management.base import BaseCommand, CommandError

from billetterie.core import clock
from billetterie.core.services import clock_set


class Command(BaseCommand):
    help = "Règle la date de la plateforme (démonstration, répétition d'une campagne)."

    def add_arguments(self, parser):
        parser.add_argument("instant", nargs="?", help="AAAA-MM-JJ ou AAAA-MM-JJTHH:MM")
        parser.add_argument("--real", action="store_true", help="Revenir à l'heure réelle.")

    def handle(self, *args, instant=None, real=False, **options):
        if real:
            clock_set(frozen_at=None)
            self.stdout.write("La plateforme suit de nouveau l'heure réelle.")
            return
        if not instant:
            raise CommandError("Indiquez une date (AAAA-MM-JJ) ou --real.")
        try:
            moment = clock.parse_instant(instant)
        except ValueError as exc:
            raise CommandError(f"Date illisible : « {instant} » (attendu AAAA-MM-JJ).") from exc
        clock_set(frozen_at=moment)
        self.stdout.write(f"La plateforme est au {moment:%d/%m/%Y %H:%M}.")
