"""Backups: one zip archive with every row of the database and every uploaded file.

The archive is vendor-neutral: an archive taken on SQLite restores on PostgreSQL and back, with the
standard library only (no `pg_dump`, which the CI machine and a SQLite installation do not have).

    manifest.json                       format, date, migrations, vendor, tables, files, sha256
    data/001-campaigns.operator.jsonl   one row per line: {"model", "pk", "fields"} (Django's
    …                                   serializer layout), tables in foreign-key order
    media/private/letters/…             every file under MEDIA_ROOT, byte for byte

Every table of every installed app is kept, primary keys included (the audit log refers to rows by
their id), except the tables of `EXCLUDED_APPS` and `EXCLUDED_MODELS`, with the reason beside each.
Content types and permissions are rebuilt by `migrate` with ids of their own: a reference to one is
written as its natural key (["view_person", "attendees", "person"]) and looked up again on restore.
Many-to-many links are their own tables (the `through` rows), like any other table.

Values are written at full precision (microseconds), and read back with each field's own parser.
The archive holds children's names and birth dates: it is created with mode 0600 and never printed.
The restore (`restore.py`) reads what this module writes.

Files on shared object storage (S3_BUCKET, several machines): backup and restore refuse, in plain
words, and write nothing. Such a deployment backs up its database with PostgreSQL's own tools and its
bucket with the bucket's versioning (docs/deployment.md, « Plusieurs machines »): an archive of a
bucket's whole content on one machine's disk is what that deployment avoids.
"""

import datetime as dt
import hashlib
import json
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from billetterie.core.audit import audit_log
from billetterie.core.files import files_on_local_disk
from billetterie.core.usecase import Actor, use_case

FORMAT = "billetterie-sauvegarde"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
NAME_PREFIX = "billetterie-sauvegarde-"
NAME_PATTERN = re.compile(r"^billetterie-sauvegarde-(\d{8}-\d{6})\.zip$")
STAGED_SUFFIX = ".restauration"  # a file being restored, not yet in place
CHUNK = 1024 * 1024
ROWS_CHUNK = 2000

# What is left out, and why. Every other table is kept, new apps' tables included.
EXCLUDED_APPS = {
    "sessions": "connexions ouvertes : une restauration ne doit pas rouvrir de session",
    "django_tasks_database": (
        "file des tâches de fond : rejouée, elle renverrait des e-mails ou relancerait des calculs ; "
        "un calcul en cours au moment de la sauvegarde est à relancer"
    ),
    "axes": (
        "essais de connexion et verrouillages (adresses IP) : journal de sécurité de courte durée, "
        "pas une donnée de la plateforme"
    ),
}
EXCLUDED_MODELS = {
    "contenttypes.contenttype": "recréés par migrate ; les références passent par leur clé naturelle",
    "auth.permission": "recréées par migrate ; les références passent par leur clé naturelle",
}
# Tables referred to by natural key: their ids differ from one database to another.
NATURAL_MODELS = ("contenttypes.contenttype", "auth.permission")

Say = Callable[[str], None]


class BackupError(Exception):
    """A refusal or a failure, with a French message that holds no personal data."""


def _quiet(_line: str) -> None:
    return None


def local_files_required(command: str) -> None:
    """Backup and restore deal with files under MEDIA_ROOT only: refuse with object storage."""
    if not files_on_local_disk():
        raise BackupError(
            f"Les fichiers déposés sont rangés dans un stockage objet (S3_BUCKET) et non dans "
            f"MEDIA_ROOT : la commande {command} ne s'applique qu'aux fichiers rangés sur le disque. "
            "Sauvegardez la base avec les outils de PostgreSQL (pg_dump, ou les sauvegardes de "
            "l'hébergeur) et les fichiers avec la gestion des versions du compartiment (voir "
            "docs/deployment.md, « Plusieurs machines »). Rien n'a été écrit."
        )


# --- What is backed up ------------------------------------------------------------------------


def excluded_reason(model: type[models.Model]) -> str | None:
    meta = model._meta
    if meta.app_label in EXCLUDED_APPS:
        return EXCLUDED_APPS[meta.app_label]
    return EXCLUDED_MODELS.get(meta.label_lower)


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete, managed table that is kept, many-to-many tables included, parents first."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and excluded_reason(model) is None
    ]
    return _parents_first(found)


def _parents_first(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """Foreign-key order, so rows load after the rows they point to (cycles: label order)."""
    kept = set(found)
    needs = {
        model: {
            field.related_model
            for field in model._meta.local_concrete_fields
            if field.is_relation
            and field.related_model in kept
            and field.related_model is not model
        }
        for model in found
    }
    ordered: list[type[models.Model]] = []
    left = sorted(found, key=lambda m: m._meta.label_lower)
    while left:
        ready = [m for m in left if needs[m] <= set(ordered)] or left[:1]
        ordered.extend(ready)
        left = [m for m in left if m not in ready]
    return ordered


def table_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def row_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns of the model's own table, primary key excluded (written as "pk")."""
    return [f for f in model._meta.local_concrete_fields if not f.primary_key]


def natural_keys() -> dict[str, dict]:
    """For each table referred to by natural key: {id: [natural key…]} in this database."""
    result = {}
    for label in NATURAL_MODELS:
        model = apps.get_model(label)
        related = [f.name for f in model._meta.local_concrete_fields if f.is_relation]
        rows = model._base_manager.select_related(*related)
        result[label] = {row.pk: list(row.natural_key()) for row in rows}
    return result


def row_json(obj: models.Model, fields: list[models.Field], naturals: dict[str, dict]) -> dict:
    data = {}
    for field in fields:
        if field.is_relation:
            value = getattr(obj, field.attname)
            label = field.related_model._meta.label_lower
            if value is not None and label in naturals:
                value = naturals[label][value]
        else:
            value = field.value_from_object(obj)
            if not (
                value is None
                or isinstance(field, models.JSONField)
                or isinstance(value, str | bool | int | float)
            ):
                value = field.value_to_string(obj)
        data[field.name] = value
    pk = obj.pk if isinstance(obj.pk, int | str) else str(obj.pk)
    return {"model": obj._meta.label_lower, "pk": pk, "fields": data}


def migrations_applied() -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    result: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        result.setdefault(app_label, []).append(name)
    return result


def database_name() -> str:
    return str(connection.settings_dict.get("NAME") or "")


def database_label() -> str:
    return f"{connection.vendor} « {Path(database_name()).name or database_name()} »"


def human_size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} Ko".replace(".", ",")
    return f"{count / (1024 * 1024):.1f} Mo".replace(".", ",")


def software_version() -> str:
    try:
        return metadata.version("billetterie-populaire")
    except metadata.PackageNotFoundError:
        return "inconnue"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


# --- Writing an archive -----------------------------------------------------------------------


@dataclass
class BackupDone:
    path: Path
    size: int
    sha256: str
    tables: int
    rows: int
    files: int
    file_bytes: int
    missing_files: int
    pruned: list[Path]
    seconds: float


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent read of every table, without blocking the people who write meanwhile.

    PostgreSQL: a read-only REPEATABLE READ transaction (one snapshot for every query). SQLite: a
    DEFERRED transaction (WAL keeps its snapshot from the first read and lets writers go on; the
    project's IMMEDIATE mode would lock writers out for the whole backup). Inside a caller's
    transaction (tests), that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        saved = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = saved
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def archive_name(moment: dt.datetime) -> str:
    return f"{NAME_PREFIX}{timezone.localtime(moment):%Y%m%d-%H%M%S}.zip"


def default_directory() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", None) or Path(settings.DATA_DIR) / "backups")


def archive_target(out: str | Path | None, moment: dt.datetime) -> Path:
    """The archive's path: `out` is a folder (the dated name goes inside) or a file name."""
    media = Path(settings.MEDIA_ROOT).resolve()
    if Path(out or default_directory()).resolve().is_relative_to(media):
        raise BackupError(
            "Les sauvegardes ne doivent pas être rangées dans MEDIA_ROOT (chaque sauvegarde "
            "contiendrait les précédentes) : choisissez un autre dossier."
        )
    return _archive_target(out, moment)


def _archive_target(out: str | Path | None, moment: dt.datetime) -> Path:
    if out is None:
        folder = default_directory()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder / archive_name(moment)
    path = Path(out)
    if path.is_dir() or str(out).endswith(os.sep) or not path.suffix:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path / archive_name(moment)
    if path.exists():
        raise BackupError(f"Le fichier {path} existe déjà : choisissez un autre nom.")
    if not path.parent.is_dir():
        raise BackupError(f"Le dossier {path.parent} n'existe pas.")
    return path


def _entry(name: str, moment: dt.datetime, *, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(moment).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    return info


def _tables_write(archive: zipfile.ZipFile, moment: dt.datetime, say: Say) -> list[dict]:
    naturals = natural_keys()
    tables = backed_up_models()
    written = []
    for index, model in enumerate(tables, start=1):
        label = table_label(model)
        member = f"{DATA_DIR}{index:03d}-{label}.jsonl"
        fields = row_fields(model)
        digest, rows, size = hashlib.sha256(), 0, 0
        with archive.open(_entry(member, moment, compress=True), "w", force_zip64=True) as stream:
            for obj in model._base_manager.order_by("pk").iterator(chunk_size=ROWS_CHUNK):
                line = (
                    json.dumps(
                        row_json(obj, fields, naturals), ensure_ascii=False, separators=(",", ":")
                    )
                    + "\n"
                ).encode("utf-8")
                digest.update(line)
                stream.write(line)
                rows += 1
                size += len(line)
        written.append(
            {
                "model": label,
                "table": model._meta.db_table,
                "member": member,
                "rows": rows,
                "bytes": size,
                "sha256": digest.hexdigest(),
            }
        )
        say(f"Tables : {index}/{len(tables)} — {label} : {rows} ligne(s)")
    return written


def referenced_files() -> set[str]:
    """The names stored in every file field of the backed-up tables (letters' scans…)."""
    names: set[str] = set()
    for model in backed_up_models():
        for field in row_fields(model):
            if isinstance(field, models.FileField):
                names.update(
                    model._base_manager.exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
    return names


def media_files() -> tuple[list[tuple[str, Path]], int]:
    """(relative POSIX path, path) of every regular file under MEDIA_ROOT; symbolic links skipped."""
    root = Path(settings.MEDIA_ROOT)
    found, skipped = [], 0
    if not root.is_dir():
        return found, skipped
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or name.endswith(STAGED_SUFFIX):
                skipped += 1
                continue
            found.append((path.relative_to(root).as_posix(), path))
    return found, skipped


def _files_write(archive: zipfile.ZipFile, moment: dt.datetime, say: Say) -> list[dict]:
    found, _skipped = media_files()
    written = []
    step = max(1, len(found) // 20)
    for index, (relative, path) in enumerate(found, start=1):
        member = f"{MEDIA_DIR}{relative}"
        digest, size = hashlib.sha256(), 0
        with (
            path.open("rb") as source,
            archive.open(_entry(member, moment, compress=False), "w", force_zip64=True) as stream,
        ):
            while block := source.read(CHUNK):
                digest.update(block)
                stream.write(block)
                size += len(block)
        written.append(
            {"path": relative, "member": member, "bytes": size, "sha256": digest.hexdigest()}
        )
        if index % step == 0 or index == len(found):
            say(f"Fichiers : {index}/{len(found)}…")
    return written


def manifest_base(moment: dt.datetime) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": moment.isoformat(),
        "software_version": software_version(),
        "django_version": django.get_version(),
        "database": {"vendor": connection.vendor},
        "excluded": {
            **{f"{app}.*": why for app, why in EXCLUDED_APPS.items()},
            **EXCLUDED_MODELS,
        },
        "natural_keys": list(NATURAL_MODELS),
    }


def _archive_write(archive: zipfile.ZipFile, moment: dt.datetime, say: Say) -> dict:
    """Tables (one snapshot), then files, then the manifest that describes them all."""
    manifest = manifest_base(moment)
    try:
        with snapshot():
            manifest["migrations"] = migrations_applied()
            if not manifest["migrations"]:
                raise BackupError("La base n'est pas migrée : rien à sauvegarder.")
            manifest["tables"] = _tables_write(archive, moment, say)
            referenced = referenced_files()
    except DatabaseError as exc:
        raise BackupError(
            f"Lecture de la base impossible ({type(exc).__name__}) : aucune sauvegarde écrite."
        ) from exc
    manifest["files"] = _files_write(archive, moment, say)
    present = {entry["path"] for entry in manifest["files"]}
    manifest["missing_files"] = len(referenced - present)
    archive.writestr(
        _entry(MANIFEST, moment, compress=True),
        json.dumps(manifest, ensure_ascii=False, indent=1),
    )
    return manifest


def _directory_sync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_create(
    *,
    out: str | Path | None = None,
    keep_days: int | None = None,
    say: Say = _quiet,
    actor: Actor = "commande backup",
) -> BackupDone:
    """Write one archive (mode 0600), then audit it; `keep_days` removes older archives beside it."""
    local_files_required("backup")
    started = time.monotonic()
    moment = timezone.now()  # real time, not the platform clock: the rotation deals with files
    target = archive_target(out, moment)
    partial = target.with_name(f".{target.name}.partiel")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BackupError(
            f"Une sauvegarde est déjà en cours d'écriture ({partial}) ; si aucune ne tourne, "
            "c'est le reste d'une sauvegarde interrompue : supprimez ce fichier."
        ) from exc
    try:
        with os.fdopen(descriptor, "wb") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
                manifest = _archive_write(archive, moment, say)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(partial, 0o600)
        if target.exists():
            raise BackupError(f"Le fichier {target} existe déjà : choisissez un autre nom.")
        os.replace(partial, target)
        _directory_sync(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    done = BackupDone(
        path=target,
        size=target.stat().st_size,
        sha256=sha256_file(target),
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        files=len(manifest["files"]),
        file_bytes=sum(f["bytes"] for f in manifest["files"]),
        missing_files=manifest["missing_files"],
        pruned=archives_prune(target.parent, keep_days=keep_days, now=moment, keep=target)
        if keep_days
        else [],
        seconds=time.monotonic() - started,
    )
    with use_case():
        audit_log(
            action="backup.created",
            actor=actor,
            details={
                "file": target.name,
                "size": done.size,
                "sha256": done.sha256,
                "tables": done.tables,
                "rows": done.rows,
                "files": done.files,
                "missing_files": done.missing_files,
                "pruned": len(done.pruned),
            },
        )
    return done


def archive_date(name: str) -> dt.datetime | None:
    """The date in an archive's name (local time), or None for any other file."""
    match = NAME_PATTERN.match(name)
    if not match:
        return None
    return timezone.make_aware(dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"))


def archives_prune(
    folder: Path, *, keep_days: int, now: dt.datetime, keep: Path | None = None
) -> list[Path]:
    """Delete this folder's archives dated (by their name) more than `keep_days` days before now."""
    horizon = now - dt.timedelta(days=keep_days)
    removed = []
    for path in sorted(folder.iterdir()):
        made = archive_date(path.name)
        if made is None or path == keep or not path.is_file() or made >= horizon:
            continue
        path.unlink()
        removed.append(path)
    return removed
