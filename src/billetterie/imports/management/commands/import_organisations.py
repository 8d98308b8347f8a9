"""Command: import the associations and their referents from an XLSX or CSV file (all or nothing)."""

from billetterie.imports.management.base import ImportCommand


class Command(ImportCommand):
    help = "Importe les associations et leurs référents d'une campagne depuis un fichier .xlsx ou .csv (tout ou rien)."
    kind = "organisations"
