"""Spreadsheet imports: one service per file type, used by the pages and the commands."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "billetterie.imports"
