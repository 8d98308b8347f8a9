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


# The size-weight preview (the run page's « Essayer d'autres valeurs de α »)


class PreviewStatus(models.TextChoices):
    QUEUED = "queued", "En attente d'un travailleur"
    RUNNING = "running", "Calcul en cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Échec"


class SizeWeightPreview(models.Model):
    """The frozen instance of a run solved again with a few values of the size weight α, side by
    side. Informative only: nothing here is published; to use a value, the operator changes the
    campaign's setting (with its usual preview and confirmation) and runs the wave again."""

    run = models.ForeignKey(
        "allocation.AllocationRun",
        verbose_name="calcul",
        on_delete=models.CASCADE,
        related_name="+",
    )
    alphas = models.JSONField("valeurs de α essayées")
    status = models.CharField(
        "état", max_length=8, choices=PreviewStatus.choices, default=PreviewStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    progress_label = models.CharField("étape", max_length=120, blank=True)
    # One entry per α: {"alpha": 0.5, "status": …, "gap": …, "stopped_by_time_limit": …,
    # "metrics": the engine's metrics}.
    results = models.JSONField("résultats", null=True, blank=True)
    error = models.CharField("erreur", max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("demandé le")
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "essai de pondération par la taille"
        verbose_name_plural = "essais de pondération par la taille"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="size_weight_preview_progress_range", condition=models.Q(progress__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"Essai de α n° {self.pk}"
