"""What the import commands share: arguments, campaign lookup, French report, exit status."""

from django.core.management.base import BaseCommand, CommandError

from billetterie.campaigns.models import Campaign
from billetterie.imports.limits import thousands
from billetterie.imports.services import IMPORTERS

# Django prints a failed command as "<exception class name>: <message>"; a French class name keeps
# the whole line French for the operator ("Erreur: Campagne inconnue…"). It is a CommandError.
ImportFailed = type("Erreur", (CommandError,), {"__doc__": "The import was refused."})


class ImportCommand(BaseCommand):
    kind = ""
    file_help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help or "Fichier .xlsx ou .csv à importer.")
        parser.add_argument("--campaign", required=True, help="Identifiant (slug) de la campagne.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifier le fichier sans rien enregistrer."
        )

    def handle(self, *args, **options):
        campaign = self.campaign(options["campaign"])
        result = IMPORTERS[self.kind](
            campaign=campaign,
            file=options["file"],
            actor=f"commande import_{self.kind}",
            dry_run=options["dry_run"],
        )
        self.report(result)

    def campaign(self, slug: str):
        campaign = Campaign.objects.select_related("operator").filter(slug=slug).first()
        if campaign is None:
            raise ImportFailed(f"Campagne inconnue : « {slug} ».", returncode=1)
        return campaign

    def report(self, result) -> None:
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            count = result.error_count
            raise ImportFailed(
                f"Fichier refusé ({thousands(count)} erreur{'s' if count > 1 else ''}) : "
                "rien n'a été enregistré.",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
