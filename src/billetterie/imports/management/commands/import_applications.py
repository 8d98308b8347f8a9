"""Command: import the applications from an XLSX or CSV file (all or nothing)."""

from billetterie.imports.management.base import ImportCommand


class Command(ImportCommand):
    help = "Importe les candidatures d'une campagne depuis un fichier .xlsx ou .csv (tout ou rien)."
    kind = "applications"
