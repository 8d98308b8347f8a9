"""Command: import the ticket office's packs from an XLSX or CSV file (all or nothing)."""

from billetterie.imports.management.base import ImportCommand


class Command(ImportCommand):
    help = "Importe les lots de la billetterie d'une campagne depuis un fichier .xlsx ou .csv (tout ou rien)."
    kind = "packs"
