"""The jury's pages: listen to the anonymised entries, score them, deliberate, read the results."""

from django.apps import AppConfig


class JuryConfig(AppConfig):
    name = "billetterie.jury"
    verbose_name = "Pages du jury"
