"""`billetterie run_periodic`: the cron job (every minute) that does every app's due work."""

from django.core.management.base import BaseCommand

from billetterie.core.periodic import periodic_run


class Command(BaseCommand):
    help = (
        "Travaux périodiques : expire les propositions dont le délai est passé, envoie les "
        "relances dues, efface les données personnelles des campagnes dont la date de "
        "conservation est passée… Sans effet s'il n'y a rien à faire : peut tourner chaque minute."
    )

    def handle(self, *args, **options):
        for done in periodic_run():
            self.stdout.write(f"{done.label} : {done.count}")
