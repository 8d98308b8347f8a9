"""What an import reports: counts of rows read, created, updated, unchanged, and its errors.

A report lists the first `IMPORT_MAX_ERRORS_SHOWN` errors (200) by line and counts the others:
a file of 100,000 bad rows gives a page of 200 lines, not of 400,000.
"""

import hashlib
import heapq
import json
from dataclasses import dataclass, field

from billetterie.imports import cells
from billetterie.imports.contracts import Contract
from billetterie.imports.limits import errors_shown, thousands

RELATED_LABELS = {
    "referents_created": "comptes de référents créés",
    "referents_updated": "référents mis à jour",
    "invitations_queued": "invitations envoyées",
    "host_cities_created": "villes hôtes créées",
    "venues_created": "sites créés",
    "sessions_created": "épreuves créées",
    "tickets_created": "billets créés",
    "tickets_deleted": "billets supprimés",
    "rows_without_link": "lignes sans lien, laissées de côté",
}

KIND_NOUNS = {  # plural noun, feminine
    "organisations": ("associations", True),
    "sessions": ("épreuves", True),
    "packs": ("lots", False),
    "applications": ("candidatures", True),
    "links": ("liens", False),
}


def _participle(stem: str, count: int, feminine: bool) -> str:
    return f"{count} {stem}{'e' if feminine else ''}{'s' if count > 1 else ''}"


@dataclass
class ImportResult:
    kind: str
    file_name: str
    dry_run: bool
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    related: dict[str, int] = field(default_factory=dict)
    # What the pages and commands show: the messages kept, then "… et N autres erreurs" when
    # some were only counted (`errors_omitted` of them), then any message about the whole file.
    errors: list[str] = field(default_factory=list)
    errors_omitted: int = 0
    # Names the file would take away (released or replaced): nothing is written until a person
    # confirms having seen them (`needs_confirmation`).
    pending_changes: list[dict] = field(default_factory=list)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.pending_changes)

    @property
    def confirmation_token(self) -> str:
        """A fingerprint of the changes shown: a confirmation applies the file only when the
        changes it would make now are those the person read."""
        shown = json.dumps(self.pending_changes, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:20]

    def confirmation_summary(self) -> str:
        """What a person must confirm: « Ce fichier remplace 3 liens existants … »."""
        count = len(self.pending_changes)
        noun, feminine = KIND_NOUNS.get(self.kind, ("lignes", True))
        existing = "existante" if feminine else "existant"
        if count == 1:
            noun, shown = noun.removesuffix("s"), existing
        else:
            shown = existing + "s"
        return (
            f"Ce fichier remplace {count} {noun} {shown} : rien n'a été enregistré. Vérifiez la "
            "liste des remplacements, puis confirmez pour importer le fichier."
        )

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        """Every error found, listed or only counted (not the "… et N autres" line)."""
        return len(self.errors) - (1 if self.errors_omitted else 0) + self.errors_omitted

    def row_errors_add(self, errors: "RowErrors") -> None:
        """The row errors of the file: those kept, then the count of the others."""
        self.errors.extend(errors.messages)
        if errors.omitted:
            self.errors_omitted += errors.omitted
            self.errors.append(more_errors(errors.omitted))

    def count_row(self, *, created: bool, changed: bool) -> None:
        """One row written: counted as created, updated or unchanged."""
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def add(self, key: str, count: int = 1) -> None:
        self.related[key] = self.related.get(key, 0) + count

    def related_lines(self) -> list[tuple[str, int]]:
        return [
            (RELATED_LABELS.get(key, key), count) for key, count in self.related.items() if count
        ]

    def counts(self) -> dict[str, int]:
        """For the audit log: numbers only, never personal data."""
        return {
            "rows": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            **self.related,
        }

    def summary(self) -> str:
        """One French sentence: what was (or would be) written."""
        noun, feminine = KIND_NOUNS.get(self.kind, ("lignes", True))
        if self.dry_run:
            changes = [f"{self.created} à créer", f"{self.updated} à modifier"]
        else:
            changes = [
                _participle("créé", self.created, feminine),
                _participle("modifié", self.updated, feminine),
            ]
        changes.append(_participle("inchangé", self.unchanged, feminine))
        lines = "1 ligne lue" if self.rows_read == 1 else f"{self.rows_read} lignes lues"
        text = f"{lines} ; {noun} : {', '.join(changes)}"
        text += "".join(f" ; {label} : {count}" for label, count in self.related_lines())
        prefix = "Vérification sans enregistrement" if self.dry_run else "Import terminé"
        text = f"{prefix} ({self.file_name}) : {text}."
        if self.dry_run:
            text += " Rien n'a été enregistré."
        return text


def more_errors(count: int) -> str:
    noun = "autre erreur" if count == 1 else "autres erreurs"
    return (
        f"… et {thousands(count)} {noun} : corrigez d'abord celles-ci, puis vérifiez de nouveau "
        "le fichier."
    )


class RowErrors:
    """Errors of a file, each `ligne N, colonne « X » : message`, sorted by line.

    Only the first `keep` errors (by line, then in the order found) are kept, the others are
    counted: memory and the report stay small whatever the file."""

    def __init__(self, contract: Contract, keep: int | None = None):
        self.contract = contract
        self.keep = errors_shown() if keep is None else keep
        self._count = 0
        # The kept errors as a heap whose top is the last of them: (-line, -order, message).
        self._kept: list[tuple[int, int, str]] = []

    def add(self, line: int, key: str, message: str) -> None:
        order = self._count
        self._count += 1
        if len(self._kept) >= self.keep and (-line, -order) < self._kept[0][:2]:
            return  # after every kept error: only counted
        entry = (
            -line,
            -order,
            f"ligne {line}, colonne « {self.contract.header(key)} » : {message}",
        )
        if len(self._kept) < self.keep:
            heapq.heappush(self._kept, entry)
        else:
            heapq.heapreplace(self._kept, entry)

    def parse(self, line: int, values: dict, fields: dict, into: dict) -> bool:
        """Parse the row's cells named in `fields` ({key: (required, parser)}) into `into`.

        A blank required cell, or a value its parser refuses, is recorded as an error of that
        line and column. Returns True when every cell was read.
        """
        ok = True
        for key, (required, parse) in fields.items():
            value = values.get(key)
            if cells.is_blank(value):
                if required:
                    self.add(line, key, "valeur obligatoire")
                    ok = False
                continue
            try:
                into[key] = parse(value)
            except cells.CellError as error:
                self.add(line, key, str(error))
                ok = False
        return ok

    def __bool__(self) -> bool:
        return self._count > 0

    def __len__(self) -> int:
        """Every error found, kept or only counted."""
        return self._count

    @property
    def omitted(self) -> int:
        return self._count - len(self._kept)

    @property
    def messages(self) -> list[str]:
        """The kept errors, by line."""
        return [text for _line, _order, text in sorted(self._kept, reverse=True)]
