"""`billetterie backup [--out DOSSIER_OU_FICHIER] [--keep-days 35]`: rows and files in one archive."""

from django.core.management.base import BaseCommand, CommandError

from billetterie.core.backups import BackupError, backup_create, database_label, human_size


class Command(BaseCommand):
    help = (
        "Sauvegarde la base (toutes les tables utiles) et les fichiers déposés (MEDIA_ROOT) dans "
        "une archive zip datée, lisible par « billetterie restore » sur SQLite comme sur "
        "PostgreSQL. L'archive contient des données personnelles : elle est créée en mode 0600."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            help="Dossier (l'archive y prend un nom daté) ou nom du fichier .zip ; "
            "par défaut le dossier backups/ du dossier de données.",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            metavar="JOURS",
            help="Après la sauvegarde, supprime les archives du même dossier datées de plus de "
            "JOURS jours (d'après leur nom).",
        )

    def handle(self, *args, out=None, keep_days=None, **options):
        if keep_days is not None and keep_days < 1:
            raise CommandError("--keep-days : au moins 1 jour.")
        say = self.stdout.write if options["verbosity"] >= 1 else (lambda _line: None)
        self.stdout.write(f"Sauvegarde de la base {database_label()}…")
        try:
            done = backup_create(out=out, keep_days=keep_days, say=say)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                f"Écriture impossible ({exc.strerror or type(exc).__name__}) : "
                "aucune sauvegarde n'a été écrite."
            ) from exc
        self.stdout.write(
            f"Sauvegarde écrite : {done.path} ({human_size(done.size)}, mode 0600 : elle contient "
            "des données personnelles)."
        )
        self.stdout.write(
            f"Contenu : {done.rows} ligne(s) dans {done.tables} tables, {done.files} fichier(s) "
            f"({human_size(done.file_bytes)})."
        )
        self.stdout.write(f"Empreinte sha256 de l'archive : {done.sha256}")
        if done.missing_files:
            self.stdout.write(
                f"Attention : {done.missing_files} fichier(s) cité(s) par la base sont absents de "
                "MEDIA_ROOT."
            )
        if keep_days:
            self.stdout.write(
                f"Sauvegardes de plus de {keep_days} jours supprimées : {len(done.pruned)}."
            )
        self.stdout.write(f"Durée : {done.seconds:.1f} s.")
