"""Command: import the sessions from an XLSX or CSV file (all or nothing)."""

from billetterie.imports.management.base import ImportCommand


class Command(ImportCommand):
    help = "Importe les épreuves d'une campagne depuis un fichier .xlsx ou .csv (tout ou rien)."
    kind = "sessions"
