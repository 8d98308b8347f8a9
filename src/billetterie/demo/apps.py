"""Django registration of the demo (no models: only the `load_demo` command and its data)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "billetterie.demo"
    verbose_name = "Démonstration"
