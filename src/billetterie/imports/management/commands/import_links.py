"""Command: import the download links returned by the ticket office (all or nothing)."""

from billetterie.imports.management.base import ImportCommand, ImportFailed
from billetterie.imports.services import links_import


class Command(ImportCommand):
    help = (
        "Importe les liens de téléchargement renvoyés par la billetterie (.xlsx ou .csv, tout ou "
        "rien). Un lien différent du lien enregistré ne le remplace qu'avec --force."
    )
    kind = "links"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help="remplacer les liens déjà enregistrés que le fichier change (sans --force, la "
            "commande les liste et n'enregistre rien)",
        )

    def handle(self, *args, **options):
        if not options["force"]:
            return super().handle(*args, **options)
        campaign = self.campaign(options["campaign"])
        run = {"campaign": campaign, "file": options["file"], "actor": "commande import_links"}
        first = links_import(**run, dry_run=options["dry_run"])
        result = first
        if first.ok and first.needs_confirmation and not options["dry_run"]:
            self.changes_write(first)
            result = links_import(**run, confirm=first.confirmation_token)
        self.report(result)

    def changes_write(self, result) -> None:
        for change in result.pending_changes:
            self.stderr.write(
                f"{change['pack']} billet {change['ticket']} : {change['before']} → {change['after']}"
            )

    def report(self, result) -> None:
        if result.ok and result.needs_confirmation:
            self.changes_write(result)
            raise ImportFailed(
                f"{result.confirmation_summary()} Relancez avec --force pour remplacer ces liens.",
                returncode=1,
            )
        super().report(result)
