"""Command: anonymise the people and delete the letters of campaigns past their retention date."""

from django.core.management.base import BaseCommand

from billetterie.attendees.services.purge import personal_data_purge


class Command(BaseCommand):
    help = (
        "Efface les données personnelles (bénéficiaires, courriers) des campagnes dont la date "
        "de conservation est passée. Sans effet si rien n'est à effacer."
    )

    def handle(self, *args, **options):
        done = personal_data_purge()
        if not done:
            self.stdout.write("Aucune campagne dont la date de conservation est passée.")
        for campaign_id, counts in done.items():
            self.stdout.write(
                f"Campagne {campaign_id} : {counts['people']} personne(s) anonymisée(s), "
                f"{counts['letters']} courrier(s) effacé(s), {counts['reasons']} motif(s) effacé(s)."
            )
