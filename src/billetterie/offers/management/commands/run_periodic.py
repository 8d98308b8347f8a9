"""`billetterie run_periodic`: the cron job (every minute): expires due offers, sends due reminders."""

from django.core.management.base import BaseCommand

from billetterie.offers.periodic import periodic_run


class Command(BaseCommand):
    help = (
        "Travaux périodiques : expire les propositions dont le délai est passé, envoie les "
        "relances dues et efface les données personnelles des campagnes dont la date de conservation est passée. Sans effet s'il n'y a rien à faire : peut tourner chaque minute."
    )

    def handle(self, *args, **options):
        report = periodic_run()
        self.stdout.write(
            f"Propositions expirées : {report.expired}\nRelances envoyées : {report.reminders}\n"
            f"Campagnes dont les données personnelles ont été effacées : {report.purged_campaigns}"
        )
