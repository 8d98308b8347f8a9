"""Reporting: the campaign at a glance (dashboard and charts), every list exported, each
association's explanation of what it received, and the funder's report."""

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "billetterie.reporting"
    verbose_name = "Bilans et exports"
