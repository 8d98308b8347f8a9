"""Cross-cutting services: audit log, clock, uploads, exports, security headers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "billetterie.core"
    verbose_name = "Socle"
