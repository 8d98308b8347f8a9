"""Command: export the nominative list for the ticket office (complete, or the changes since the
last export), recorded and numbered like an export made from the back office."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from billetterie.campaigns.models import Campaign
from billetterie.delivery.exports import nominative_export_create
from billetterie.delivery.models import ExportFormat, ExportScope

# A French class name keeps Django's "<class>: <message>" line French (see imports/management).
ExportFailed = type("Erreur", (CommandError,), {"__doc__": "The export was refused."})


class Command(BaseCommand):
    help = (
        "Exporte la liste nominative d'une campagne pour la billetterie (.xlsx ou .csv) : la liste "
        "complète, ou avec --changes les changements depuis le dernier export. L'export est "
        "numéroté, enregistré et retéléchargeable depuis le back office."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Identifiant (slug) de la campagne.")
        parser.add_argument(
            "--format",
            required=True,
            choices=ExportFormat.values,
            help="Format du fichier : xlsx ou csv (point-virgule, UTF-8).",
        )
        parser.add_argument("--out", required=True, help="Fichier à écrire.")
        parser.add_argument(
            "--changes",
            action="store_true",
            help="Seulement les changements depuis le dernier export (ajouts, changements, retraits).",
        )

    def handle(self, *args, **options):
        slug = options["campaign"]
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            raise ExportFailed(f"Campagne inconnue : « {slug} ».", returncode=1)
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise ExportFailed(f"Le dossier « {out.parent} » n'existe pas.", returncode=1)
        try:
            export = nominative_export_create(
                campaign=campaign,
                scope=ExportScope.CHANGES if options["changes"] else ExportScope.FULL,
                file_format=options["format"],
                actor="commande export_nominative",
            )
        except ValidationError as exc:
            raise ExportFailed(" ".join(exc.messages), returncode=1) from None
        with export.file.open("rb") as stream:
            out.write_bytes(stream.read())
        counts = export.counts
        what = (
            f"{export.rows} billet{'s' if export.rows > 1 else ''} nommé{'s' if export.rows > 1 else ''}"
            if export.scope == ExportScope.FULL
            else f"{export.rows} changement{'s' if export.rows > 1 else ''}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Export n° {export.number} écrit dans {out} : {what} "
                f"(depuis l'export précédent : {counts['added']} ajout(s), "
                f"{counts['changed']} changement(s), {counts['removed']} retrait(s))."
            )
        )
