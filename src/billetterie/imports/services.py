"""The import services, one per file type, shared by the upload pages and the commands."""

from billetterie.imports.applications import applications_import
from billetterie.imports.links import links_import
from billetterie.imports.organisations import organisations_import
from billetterie.imports.packs import packs_import
from billetterie.imports.results import ImportResult
from billetterie.imports.sessions import sessions_import

IMPORTERS = {
    "organisations": organisations_import,
    "sessions": sessions_import,
    "packs": packs_import,
    "applications": applications_import,
    "links": links_import,
}
# Imports whose file may replace what is recorded: they take `confirm=` (the token of the list of
# replacements the person saw) and the pages ask for that confirmation.
CONFIRMABLE = {"links"}

__all__ = [
    "CONFIRMABLE",
    "IMPORTERS",
    "ImportResult",
    "applications_import",
    "links_import",
    "organisations_import",
    "packs_import",
    "sessions_import",
]
