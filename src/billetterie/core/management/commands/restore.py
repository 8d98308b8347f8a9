"""`billetterie restore ARCHIVE [--yes] [--check] [--replace]`: an archive back into an empty base."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from billetterie.core.backups import BackupError, database_label
from billetterie.core.restore import restore, restore_check

AFTER = (
    "Si la sauvegarde précède l'effacement des données personnelles d'une campagne, lancez "
    "« billetterie purge_personal_data » avant de rouvrir le service (« billetterie run_periodic » "
    "le fera aussi à son prochain passage)."
)


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde de « billetterie backup » dans une base migrée et vide, et ses "
        "fichiers dans MEDIA_ROOT, après avoir vérifié l'archive (empreintes sha256, migrations). "
        "Refuse une base qui contient déjà des données, sauf avec --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Le fichier .zip écrit par « billetterie backup ».")
        parser.add_argument("--yes", action="store_true", help="Ne pas demander de confirmation.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Vérifier seulement : l'archive entière et si cette base pourrait la recevoir ; "
            "rien n'est écrit.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Effacer d'abord toutes les lignes des tables sauvegardées (ainsi que les "
            "sessions et la file des tâches), dans la même transaction que la restauration.",
        )

    def handle(self, *args, archive, yes=False, check=False, replace=False, **options):
        say = self.stdout.write if options["verbosity"] >= 1 else (lambda _line: None)
        try:
            if check:
                self._check(archive, say)
                return
            if not yes and not sys.stdin.isatty():
                raise BackupError("Confirmation requise : relancez avec --yes. Rien n'a été écrit.")
            done = restore(
                archive, replace=replace, say=say, confirm=None if yes else self._confirm
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                f"Lecture ou écriture impossible ({exc.strerror or type(exc).__name__}) : "
                "rien n'a été écrit."
            ) from exc
        self.stdout.write(
            f"Restauration terminée dans la base {database_label()} : {done.rows} ligne(s) dans "
            f"{done.tables} tables ; {done.files} fichier(s) écrit(s) et vérifié(s)"
            + (
                f", {done.files_present} déjà présent(s) à l'identique"
                if done.files_present
                else ""
            )
            + "."
        )
        if done.created_keys:
            self.stdout.write(
                f"{done.created_keys} type(s) de contenu ou permission(s) absents de cette base "
                "ont été recréés."
            )
        self.stdout.write(f"Durée : {done.seconds:.1f} s.")
        self.stdout.write(AFTER)

    def _check(self, archive, say):
        started = time.monotonic()
        done = restore_check(archive, say=say)
        self.stdout.write(done.archive.describe())
        self.stdout.write("Archive vérifiée : manifeste lisible, toutes les empreintes conformes.")
        if done.refusal:
            self.stdout.write(f"Restauration dans la base {database_label()} : impossible.")
            self.stdout.write(done.refusal.replace(" Rien n'a été écrit.", ""))
        else:
            self.stdout.write(f"Restauration dans la base {database_label()} : possible.")
        self.stdout.write(f"Durée : {time.monotonic() - started:.1f} s.")

    def _confirm(self, archive) -> bool:
        self.stdout.write(archive.describe())
        self.stdout.write(f"Base de destination : {database_label()}.")
        self.stdout.flush()
        answer = input("Tapez « oui » pour restaurer : ")
        return answer.strip().lower() == "oui"
