"""Restoring an archive written by `backups.py`: checked first, then one transaction, files last.

Order of work, so that a refused or failed restore writes nothing:
1. the manifest: format, version, the same tables as this software;
2. every member's sha256 and size (and the zip's own CRC): a damaged or edited archive stops here;
3. this database: migrated, with exactly the migrations of the archive, and empty (no row in any
   table the archive holds), unless `replace` says to empty it first, in the same transaction;
4. MEDIA_ROOT: a file already there with other content stops the restore (never overwritten);
5. files are written beside their place under temporary names, their sha256 checked again;
6. one transaction: rows inserted as they were (ids, dates, password hashes: no `save()`, no
   save signal, no `auto_now`), sequences reset, counts and foreign keys checked, the audit entry,
   and the files renamed into place. Any failure rolls the rows back and removes the files.
"""

import contextlib
import datetime as dt
import hashlib
import json
import os
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models
from django.utils import timezone

from billetterie.core.audit import audit_log
from billetterie.core.backups import (
    CHUNK,
    DATA_DIR,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_DIR,
    NATURAL_MODELS,
    ROWS_CHUNK,
    STAGED_SUFFIX,
    BackupError,
    Say,
    backed_up_models,
    human_size,
    local_files_required,
    migrations_applied,
    natural_keys,
    row_fields,
    table_label,
)
from billetterie.core.usecase import Actor, use_case

# Emptied too by `replace`: sessions and queued tasks would point at rows that mean other things.
REPLACE_ALSO = ("sessions", "django_tasks_database")


def _quiet(_line: str) -> None:
    return None


@dataclass
class Archive:
    path: Path
    zip: zipfile.ZipFile
    manifest: dict
    models: dict[str, type[models.Model]]

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"])

    @property
    def file_bytes(self) -> int:
        return sum(f["bytes"] for f in self.manifest["files"])

    def describe(self) -> str:
        created = dt.datetime.fromisoformat(self.manifest["created_at"])
        return (
            f"Sauvegarde du {timezone.localtime(created):%d/%m/%Y à %H:%M} "
            f"(base {self.manifest['database']['vendor']}, logiciel "
            f"{self.manifest.get('software_version', '?')}, format {self.manifest['format_version']}) : "
            f"{self.rows} ligne(s) dans {len(self.manifest['tables'])} tables, "
            f"{len(self.manifest['files'])} fichier(s) ({human_size(self.file_bytes)})."
        )


@dataclass
class TargetState:
    """What this database and MEDIA_ROOT say about restoring the archive here."""

    migrations: list[str] = field(default_factory=list)
    filled: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    present: set[str] = field(default_factory=set)


@dataclass
class RestoreDone:
    tables: int
    rows: int
    files: int
    files_present: int
    created_keys: int
    seconds: float


# --- Reading and verifying the archive --------------------------------------------------------


def _safe_member(name: str, prefix: str) -> bool:
    path = PurePosixPath(name)
    return (
        name.startswith(prefix)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and "\x00" not in name
        and len(path.parts) > 1
    )


def archive_open(path: str | Path) -> Archive:
    """Open the archive and read its manifest; refuse what is not a readable archive of ours."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Fichier introuvable : {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path.name} n'est pas une archive zip lisible.") from exc
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        archive.close()
        raise BackupError(
            f"{path.name} ne contient pas de manifeste lisible : ce n'est pas une sauvegarde "
            "de la Billetterie populaire, ou elle est endommagée."
        ) from exc
    try:
        models_by_label = _manifest_check(archive, manifest, path.name)
    except BackupError:
        archive.close()
        raise
    return Archive(path=path, zip=archive, manifest=manifest, models=models_by_label)


def _manifest_check(archive: zipfile.ZipFile, manifest: dict, name: str) -> dict:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{name} n'est pas une sauvegarde de la Billetterie populaire.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"Format de sauvegarde {version} inconnu : cette version du logiciel lit le format "
            f"{FORMAT_VERSION}. Restaurez avec la version du logiciel qui a fait la sauvegarde."
        )
    for key, kind in (("tables", list), ("files", list), ("migrations", dict), ("database", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"Manifeste incomplet ({key}) : la sauvegarde est inutilisable.")
    expected = {table_label(m): m for m in backed_up_models()}
    listed = [t.get("model") for t in manifest["tables"]]
    unknown = sorted(set(listed) - set(expected))
    missing = sorted(set(expected) - set(listed))
    if unknown or missing or len(listed) != len(set(listed)):
        raise BackupError(
            "Les tables de la sauvegarde ne sont pas celles de ce logiciel"
            + (f" ; inconnues ici : {', '.join(unknown[:5])}" if unknown else "")
            + (f" ; absentes de la sauvegarde : {', '.join(missing[:5])}" if missing else "")
            + ". Restaurez avec la version du logiciel qui a fait la sauvegarde."
        )
    members = [t.get("member", "") for t in manifest["tables"]]
    files = [f.get("member", "") for f in manifest["files"]]
    paths = [f.get("path", "") for f in manifest["files"]]
    if (
        not all(_safe_member(m, DATA_DIR) for m in members)
        or not all(_safe_member(m, MEDIA_DIR) for m in files)
        or any(m != f"{MEDIA_DIR}{p}" for m, p in zip(files, paths, strict=True))
        or len(set(files)) != len(files)
    ):
        raise BackupError("Le manifeste contient des chemins invalides : sauvegarde refusée.")
    described = {MANIFEST, *members, *files}
    present = {info.filename for info in archive.infolist() if not info.is_dir()}
    if present != described:
        raise BackupError(
            f"{len(present - described)} fichier(s) de l'archive ne sont pas décrits par le "
            f"manifeste, {len(described - present)} fichier(s) décrits sont absents : la sauvegarde "
            "a été modifiée ou est incomplète."
        )
    return {label: expected[label] for label in listed}


def _member_digest(archive: zipfile.ZipFile, member: str) -> tuple[str, int, int]:
    """(sha256, bytes, lines) of one member, read as stored."""
    digest, size, lines = hashlib.sha256(), 0, 0
    with archive.open(member) as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
            size += len(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), size, lines


def archive_verify(archive: Archive, say: Say = _quiet) -> None:
    """Every table and file against the manifest's sha256, size and row count; nothing written."""
    tables, files = archive.manifest["tables"], archive.manifest["files"]
    try:
        for index, entry in enumerate(tables, start=1):
            digest, size, lines = _member_digest(archive.zip, entry["member"])
            if (digest, size, lines) != (entry["sha256"], entry["bytes"], entry["rows"]):
                raise BackupError(
                    f"Empreinte (sha256) différente pour la table {entry['model']} : la sauvegarde "
                    "a été modifiée ou est endommagée. Rien n'a été écrit."
                )
            if index % 10 == 0 or index == len(tables):
                say(f"Vérification : tables {index}/{len(tables)}…")
        step = max(1, len(files) // 20)
        for index, entry in enumerate(files, start=1):
            digest, size, _lines = _member_digest(archive.zip, entry["member"])
            if (digest, size) != (entry["sha256"], entry["bytes"]):
                raise BackupError(
                    f"Empreinte (sha256) différente pour le fichier {entry['path']} : la sauvegarde "
                    "a été modifiée ou est endommagée. Rien n'a été écrit."
                )
            if index % step == 0 or index == len(files):
                say(f"Vérification : fichiers {index}/{len(files)}…")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(
            f"L'archive est endommagée ({type(exc).__name__}) : rien n'a été écrit."
        ) from exc


# --- This database and MEDIA_ROOT -------------------------------------------------------------


def target_state(archive: Archive) -> TargetState:
    state = TargetState()
    here = migrations_applied()
    if not here:
        state.migrations = ["la base n'est pas migrée : lancez d'abord « billetterie migrate »"]
    else:
        saved = {
            (app, name) for app, names in archive.manifest["migrations"].items() for name in names
        }
        applied = {(app, name) for app, names in here.items() for name in names}
        missing, extra = sorted(saved - applied), sorted(applied - saved)
        if missing:
            state.migrations.append(
                f"{len(missing)} migration(s) de la sauvegarde absentes de cette base "
                f"({', '.join(f'{a}.{n}' for a, n in missing[:5])})"
            )
        if extra:
            state.migrations.append(
                f"{len(extra)} migration(s) de cette base absentes de la sauvegarde "
                f"({', '.join(f'{a}.{n}' for a, n in extra[:5])})"
            )
    if not state.migrations:
        for model in archive.models.values():
            if model._base_manager.exists():
                state.filled[model._meta.db_table] = model._base_manager.count()
    root = Path(settings.MEDIA_ROOT)
    for entry in archive.manifest["files"]:
        place = root / entry["path"]
        if place.is_symlink() or place.is_dir():
            state.conflicts.append(entry["path"])
        elif place.exists():
            if sha256_path(place) == entry["sha256"]:
                state.present.add(entry["path"])
            else:
                state.conflicts.append(entry["path"])
    return state


def sha256_path(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def state_refusal(state: TargetState, *, replace: bool) -> str | None:
    """The French reason this database cannot take the archive, or None."""
    if state.migrations:
        return (
            "La base n'a pas les mêmes migrations que la sauvegarde : "
            + " ; ".join(state.migrations)
            + ". Restaurez dans une base migrée avec la version du logiciel qui a fait la "
            "sauvegarde, puis mettez à jour (« billetterie migrate »). Rien n'a été écrit."
        )
    if state.filled and not replace:
        shown = ", ".join(f"{table} : {count}" for table, count in list(state.filled.items())[:6])
        return (
            f"La base n'est pas vide : {len(state.filled)} table(s) contiennent des lignes "
            f"({shown}{'…' if len(state.filled) > 6 else ''}). La restauration ne remplace jamais "
            "des données en silence : restaurez dans une base neuve (créée puis « billetterie "
            "migrate »), ou relancez avec --replace pour effacer d'abord toutes ces lignes. "
            "Rien n'a été écrit."
        )
    if state.conflicts:
        return (
            f"{len(state.conflicts)} fichier(s) existent déjà dans MEDIA_ROOT avec un autre contenu "
            f"(par exemple {state.conflicts[0]}) : déplacez-les, ou restaurez dans un dossier de "
            "fichiers vide. Rien n'a été écrit."
        )
    return None


# --- Restoring --------------------------------------------------------------------------------


class NaturalKeys:
    """Natural key → id in this database; a key it lacks (a since-removed model) is created."""

    def __init__(self):
        self.ids = {
            label: {tuple(key): pk for pk, key in keys.items()}
            for label, keys in natural_keys().items()
        }
        self.created = 0

    def pk(self, label: str, key) -> int:
        key = tuple(key)
        if key not in self.ids[label]:
            self.ids[label][key] = self._create(label, key)
            self.created += 1
        return self.ids[label][key]

    def _create(self, label: str, key: tuple) -> int:
        if label == "contenttypes.contenttype":
            model = apps.get_model(label)
            return model.objects.create(app_label=key[0], model=key[1]).pk
        codename, app_label, model_name = key
        content_type = self.pk("contenttypes.contenttype", (app_label, model_name))
        permission = apps.get_model(label)
        return permission.objects.create(
            codename=codename, name=codename[:255], content_type_id=content_type
        ).pk


def _value(model_field: models.Field, raw, keys: NaturalKeys):
    if raw is None:
        return None
    if model_field.is_relation:
        label = model_field.related_model._meta.label_lower
        if label in NATURAL_MODELS:
            return keys.pk(label, raw)
        return model_field.target_field.to_python(raw)
    if isinstance(model_field, models.JSONField):
        return raw
    return model_field.to_python(raw)


def _instance(model, label: str, row: dict, columns: list, keys: NaturalKeys) -> models.Model:
    fields = row.get("fields") if isinstance(row, dict) else None
    if (
        not isinstance(fields, dict)
        or row.get("model") != label
        or set(fields) != {c.name for c in columns}
    ):
        raise BackupError(f"Ligne illisible dans la table {label} (colonnes inattendues).")
    pk_field = model._meta.pk
    values = {}
    for column, raw in ((pk_field, row.get("pk")), *((c, fields[c.name]) for c in columns)):
        try:
            values[column.attname] = _value(column, raw, keys)
        except (ValidationError, ValueError, TypeError, LookupError) as exc:
            raise BackupError(
                f"Valeur illisible dans la table {label}, colonne {column.name} "
                f"(ligne n° {row.get('pk')!s:.20}). Rien n'a été écrit."
            ) from exc
    return model(**values)


def _insert(model, batch: list, columns: list) -> None:
    size = max(1, connection.ops.bulk_batch_size(columns, batch))
    for start in range(0, len(batch), size):
        # raw=True, as loaddata does: the values go in as they are (no auto_now, no upload).
        model._base_manager._insert(
            batch[start : start + size], fields=columns, using=connection.alias, raw=True
        )


def _table_load(archive: Archive, entry: dict, keys: NaturalKeys) -> int:
    label = entry["model"]
    model = archive.models[label]
    columns = row_fields(model)
    every_column = list(model._meta.local_concrete_fields)
    digest, count, batch = hashlib.sha256(), 0, []
    with archive.zip.open(entry["member"]) as stream:
        for line in stream:
            digest.update(line)
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise BackupError(f"Ligne illisible dans la table {label}.") from exc
            batch.append(_instance(model, label, row, columns, keys))
            count += 1
            if len(batch) >= ROWS_CHUNK:
                _insert(model, batch, every_column)
                batch = []
    if batch:
        _insert(model, batch, every_column)
    if digest.hexdigest() != entry["sha256"] or count != entry["rows"]:
        raise BackupError(
            f"La table {label} a changé pendant la restauration : rien n'a été écrit."
        )
    return count


def _tables_empty(tables: list[type[models.Model]]) -> None:
    names = [m._meta.db_table for m in tables]
    names += [
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in REPLACE_ALSO and m._meta.managed
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), names):
            cursor.execute(statement)


def _rows_restore(archive: Archive, *, replace: bool, say: Say, where: list[str]) -> NaturalKeys:
    tables = list(archive.models.values())
    if replace:
        where[0] = "effacement des lignes existantes"
        _tables_empty(tables)
    keys = NaturalKeys()
    entries = archive.manifest["tables"]
    for index, entry in enumerate(entries, start=1):
        where[0] = f"table {entry['model']}"
        count = _table_load(archive, entry, keys)
        say(f"Tables : {index}/{len(entries)} — {entry['model']} : {count} ligne(s)")
    where[0] = "remise à niveau des séquences"
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(statement)
    where[0] = "contrôle des comptes"
    for entry in entries:
        if archive.models[entry["model"]]._base_manager.count() != entry["rows"]:
            raise BackupError(
                f"La table {entry['model']} n'a pas le nombre de lignes attendu après restauration."
            )
    where[0] = "contrôle des clés étrangères"
    connection.check_constraints(table_names=[m._meta.db_table for m in tables])
    return keys


def _files_stage(archive: Archive, present: set[str], say: Say, staged: list, made: list) -> None:
    """Write each file beside its place, under a temporary name, and check its sha256 again."""
    root = Path(settings.MEDIA_ROOT)
    todo = [f for f in archive.manifest["files"] if f["path"] not in present]
    step = max(1, len(todo) // 20)
    mode = getattr(settings, "FILE_UPLOAD_PERMISSIONS", None)
    for index, entry in enumerate(todo, start=1):
        place = root / entry["path"]
        folder = place.parent
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        made.extend(missing)
        temporary = place.with_name(place.name + STAGED_SUFFIX)
        temporary.unlink(missing_ok=True)  # left by an interrupted restore: ours
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        staged.append((temporary, place))
        digest = hashlib.sha256()
        with os.fdopen(descriptor, "wb") as target, archive.zip.open(entry["member"]) as source:
            while block := source.read(CHUNK):
                digest.update(block)
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        # What was read from the archive, and what landed on disk, must both be the original.
        if entry["sha256"] != digest.hexdigest() or entry["sha256"] != sha256_path(temporary):
            raise BackupError(
                f"Empreinte (sha256) différente après écriture du fichier {entry['path']} : "
                "rien n'a été écrit."
            )
        if index % step == 0 or index == len(todo):
            say(f"Fichiers : {index}/{len(todo)}…")


def _files_undo(staged: list, moved: list, made: list) -> None:
    for temporary, _place in staged:
        temporary.unlink(missing_ok=True)
    for place in moved:
        place.unlink(missing_ok=True)
    for folder in sorted(set(made), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()


def restore(
    path: str | Path,
    *,
    replace: bool = False,
    say: Say = _quiet,
    confirm: Callable[[Archive], bool] | None = None,
    actor: Actor = "commande restore",
) -> RestoreDone:
    """Check everything, ask `confirm`, then restore rows and files; on refusal, write nothing."""
    local_files_required("restore")
    started = time.monotonic()
    archive = archive_open(path)
    with archive.zip:
        archive_verify(archive, say)
        state = target_state(archive)
        refusal = state_refusal(state, replace=replace)
        if refusal:
            raise BackupError(refusal)
        if confirm is not None and not confirm(archive):
            raise BackupError("Restauration annulée : rien n'a été écrit.")
        staged, moved, made, where = [], [], [], ["début"]
        try:
            _files_stage(archive, state.present, say, staged, made)
            with use_case():
                try:
                    keys = _rows_restore(archive, replace=replace, say=say, where=where)
                except DatabaseError as exc:
                    raise BackupError(
                        f"La base a refusé la restauration ({where[0]} : {type(exc).__name__}). "
                        "Rien n'a été écrit."
                    ) from exc
                audit_log(
                    action="backup.restored",
                    actor=actor,
                    details={
                        "file": archive.path.name,
                        "backup_date": archive.manifest["created_at"],
                        "vendor": archive.manifest["database"]["vendor"],
                        "tables": len(archive.manifest["tables"]),
                        "rows": archive.rows,
                        "files": len(archive.manifest["files"]),
                        "replace": replace,
                    },
                )
                for temporary, place in staged:
                    os.replace(temporary, place)
                    moved.append(place)
        except BaseException:
            _files_undo(staged, moved, made)
            raise
        finally:
            apps.get_model("contenttypes.contenttype").objects.clear_cache()
    return RestoreDone(
        tables=len(archive.manifest["tables"]),
        rows=archive.rows,
        files=len(moved),
        files_present=len(state.present),
        created_keys=keys.created,
        seconds=time.monotonic() - started,
    )


@dataclass
class CheckDone:
    archive: Archive
    state: TargetState
    refusal: str | None


def restore_check(path: str | Path, *, say: Say = _quiet) -> CheckDone:
    """Verify the archive entirely and say whether this database could take it; write nothing."""
    local_files_required("restore")
    archive = archive_open(path)
    with archive.zip:
        archive_verify(archive, say)
        state = target_state(archive)
    return CheckDone(archive=archive, state=state, refusal=state_refusal(state, replace=False))
