"""The shape every import shares: read, validate every row, write all or nothing, audit."""

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case
from billetterie.imports.contracts import Contract
from billetterie.imports.reader import FileRejected, Table, table_read
from billetterie.imports.results import ImportResult, RowErrors

Validate = Callable[..., Any]
Write = Callable[..., None]
Notify = Callable[..., None]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


def file_payload(file) -> tuple[str, bytes]:
    """The name and bytes of a path, an uploaded file or any binary file object (size-capped)."""
    limit = settings.IMPORT_MAX_BYTES
    too_big = FileRejected(
        f"Le fichier dépasse la taille maximale autorisée ({_megabytes(limit)})."
    )
    if isinstance(file, str | Path):
        path = Path(file)
        try:
            if path.stat().st_size > limit:
                raise too_big
            return path.name, path.read_bytes()
        except FileNotFoundError:
            raise FileRejected(f"Fichier introuvable : {file}") from None
        except IsADirectoryError:
            raise FileRejected(f"« {file} » est un dossier, pas un fichier.") from None
        except OSError:
            raise FileRejected(f"Impossible de lire le fichier « {file} ».") from None
    name = PurePath(getattr(file, "name", "") or "").name
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise too_big
    if hasattr(file, "seek"):
        file.seek(0)
    content = file.read(limit + 1)
    if len(content) > limit:
        raise too_big
    return name, content


def importer(
    *, contract: Contract, validate: Validate, write: Write, doc: str, notify: Notify | None = None
):
    """The public import function of one kind of file: `<kind>_import(campaign=, file=, …)`."""

    def run(*, campaign, file, actor=None, dry_run: bool = False) -> ImportResult:
        return import_run(
            contract=contract,
            campaign=campaign,
            file=file,
            actor=actor,
            dry_run=dry_run,
            validate=validate,
            write=write,
            notify=notify,
        )

    run.__doc__ = doc
    run.__name__ = f"{contract.kind}_import"
    return run


def import_run(
    *,
    contract: Contract,
    campaign,
    file,
    actor,
    dry_run: bool,
    validate: Validate,
    write: Write,
    notify: Notify | None = None,
) -> ImportResult:
    """Run one import. `validate(table=, errors=, campaign=)` returns the records to write and
    may read (and lock) the database; `write(records=, result=, campaign=)` is called only when
    no row has an error. Any error, or a dry run, leaves the database as it was.

    `notify(records=, result=, campaign=, actor=)` tells people about what the import kept (the
    invitations of the new referents): in the same transaction, never on a dry run nor before a
    confirmation.

    One use case (`core.usecase.use_case`) holds the checks that read the database, the writes and
    the audit entry; views and commands call it outside any transaction."""
    try:
        name, content = file_payload(file)
    except FileRejected as rejection:
        return ImportResult(
            kind=contract.kind,
            file_name=PurePath(str(getattr(file, "name", file))).name,
            dry_run=dry_run,
            errors=[str(rejection)],
        )
    result = ImportResult(kind=contract.kind, file_name=name, dry_run=dry_run)
    try:
        table: Table = table_read(name=name, content=content, contract=contract)
    except FileRejected as rejection:
        result.errors.append(str(rejection))
        return result
    result.rows_read = len(table.rows)
    if not table.rows:
        result.errors.append(
            f"Le fichier ne contient aucune ligne de données sous la ligne d'en-tête (ligne {table.header_line})."
        )
        return result
    errors = RowErrors(contract)
    try:
        with use_case():
            records = validate(table=table, errors=errors, campaign=campaign)
            if errors:
                transaction.set_rollback(True)
            else:
                write(records=records, result=result, campaign=campaign)
                if notify is not None and not (dry_run or result.needs_confirmation):
                    notify(records=records, result=result, campaign=campaign, actor=actor)
                audit_log(
                    action=f"import.{contract.kind}",
                    actor=actor,
                    subject=campaign,
                    campaign_id=campaign.pk,
                    details={"file": name, **result.counts()},
                )
                # A dry run, or names the file would take away that nobody confirmed yet: the
                # whole import is undone and the result says what it would have done.
                if dry_run or result.needs_confirmation:
                    transaction.set_rollback(True)
    except ValidationError as error:
        # A value the row checks let through but the model refuses: reported, nothing kept.
        result.row_errors_add(errors)
        result.errors.append(
            f"Une valeur n'a pas pu être enregistrée : {' '.join(error.messages)} Rien n'a été enregistré."
        )
    except DatabaseError:
        # Another change raced this import (a unique key taken meanwhile): nothing was kept.
        result.row_errors_add(errors)
        result.errors.append(
            "L'enregistrement a échoué parce que les données ont changé pendant l'import : "
            "rien n'a été enregistré. Relancez l'import."
        )
    else:
        result.row_errors_add(errors)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        result.related.clear()
    return result


def duplicates_flag(
    *, rows, errors: RowErrors, column: str, key: Callable, describe: Callable
) -> None:
    """Flag every row whose natural key already appeared higher up, naming that line.

    Runs on the raw rows, so a duplicate is reported even when the row has other errors.
    `key(row)` returns a hashable key, or None when the row has no usable key.
    """
    first: dict = {}
    for row in rows:
        try:
            value = key(row)
        except ValueError:
            continue
        if value is None:
            continue
        line = first.setdefault(value, row.line)
        if line != row.line:
            errors.add(row.line, column, f"{describe(value)} figure déjà à la ligne {line}")


def fields_clean(instance, *, relations: tuple[str, ...] = ()) -> None:
    """Field validation without a query per row: keys and relations were checked for the whole
    file beforehand, and the database constraints remain the backstop."""
    instance.full_clean(exclude=list(relations), validate_unique=False, validate_constraints=False)
