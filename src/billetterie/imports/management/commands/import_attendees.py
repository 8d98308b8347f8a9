"""Command: import an association's attendees table from an XLSX or CSV file (all or nothing)."""

from django.core.management.base import BaseCommand, CommandError

from billetterie.campaigns.models import Campaign
from billetterie.imports.attendees import attendees_import, import_summary
from billetterie.members.models import Association

# A French class name keeps Django's "<class>: <message>" line French; it is a CommandError.
ImportFailed = type("Erreur", (CommandError,), {"__doc__": "The import was refused."})


class Command(BaseCommand):
    help = "Importe le tableau des bénéficiaires d'une association (.xlsx ou .csv, tout ou rien)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier .xlsx ou .csv à importer.")
        parser.add_argument("--campaign", required=True, help="Identifiant (slug) de la campagne.")
        parser.add_argument(
            "--association", required=True, type=int, help="Numéro (id) de l'association."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifier le fichier sans rien enregistrer."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="appliquer même si le fichier efface ou remplace des noms déjà donnés "
            "(sans --force, la commande les liste et n'enregistre rien)",
        )

    def handle(self, *args, **options):
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise ImportFailed(f"Campagne inconnue : « {options['campaign']} ».", returncode=1)
        association = Association.objects.filter(
            pk=options["association"], operator_id=campaign.operator_id
        ).first()
        if association is None:
            raise ImportFailed(
                f"Association inconnue dans cette campagne : {options['association']}.",
                returncode=1,
            )
        result = attendees_import(
            campaign=campaign,
            association=association,
            file=options["file"],
            actor="commande import_attendees",
            dry_run=options["dry_run"],
            confirmed=options["force"],
        )
        if result.needs_confirmation:
            for change in result.pending_changes:
                after = change["after"] or "(vide)"
                since = (
                    " — donné après le téléchargement du tableau"
                    if change["since_download"]
                    else ""
                )
                self.stderr.write(
                    f"{change['pack']} billet {change['ticket']} : {change['before']} → {after}{since}"
                )
            raise ImportFailed(
                f"{import_summary(result)} Relancez avec --force pour appliquer.", returncode=1
            )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise ImportFailed(import_summary(result), returncode=1)
        self.stdout.write(self.style.SUCCESS(import_summary(result)))
