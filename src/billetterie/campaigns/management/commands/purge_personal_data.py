"""Command: erase the personal data of campaigns past their retention date."""

from django.core.management.base import BaseCommand

from billetterie.campaigns.retention import personal_data_purge
from billetterie.core.audit import details_display


class Command(BaseCommand):
    help = (
        "Efface les données personnelles (bénéficiaires, courriers, noms de groupes, motifs et "
        "commentaires saisis) des campagnes dont la date de conservation est passée. Sans effet "
        "si rien n'est à effacer."
    )

    def handle(self, *args, **options):
        done = personal_data_purge()
        if not done:
            self.stdout.write("Aucune campagne dont la date de conservation est passée.")
        for campaign_id, counts in done.items():
            shown = ", ".join(f"{label} : {value}" for label, value in details_display(counts))
            self.stdout.write(f"Campagne {campaign_id} — {shown}.")
