"""The four import services, one per file type, shared by the upload pages and the commands."""

from billetterie.imports.applications import applications_import
from billetterie.imports.organisations import organisations_import
from billetterie.imports.packs import packs_import
from billetterie.imports.results import ImportResult
from billetterie.imports.sessions import sessions_import

IMPORTERS = {
    "organisations": organisations_import,
    "sessions": sessions_import,
    "packs": packs_import,
    "applications": applications_import,
}

__all__ = [
    "IMPORTERS",
    "ImportResult",
    "applications_import",
    "organisations_import",
    "packs_import",
    "sessions_import",
]
