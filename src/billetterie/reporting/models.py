"""An export that runs in the background (large lists): its progress and its file."""

import uuid

from django.conf import settings
from django.db import models


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"


def export_job_path(instance, filename: str) -> str:
    return f"private/reporting/{instance.campaign_id}/{uuid.uuid4().hex}.{instance.file_format}"


class ExportJob(models.Model):
    """One export asked by a person: a list of the campaign (within that person's scope — an
    association's referent gets only their association's rows), built by the task worker."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association (portée)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("liste", max_length=40)
    # The export's filters (reporting/exports.py): the file holds exactly the rows they select.
    filters = models.JSONField("filtres", default=dict, blank=True)
    file_format = models.CharField("format", max_length=4)
    status = models.CharField(
        "état", max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField("lignes écrites", default=0)
    rows_total = models.PositiveIntegerField("lignes à écrire", null=True, blank=True)
    file = models.FileField("fichier", upload_to=export_job_path, max_length=255, blank=True)
    error = models.CharField("erreur", max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("demandé le")
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "export"
        verbose_name_plural = "exports"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Export n° {self.pk}"
