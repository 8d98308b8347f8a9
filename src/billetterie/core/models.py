"""Audit log entries and the stored platform clock."""

from django.conf import settings
from django.db import models


class ClockSetting(models.Model):
    """A single row: when set, the platform stands at `frozen_at` (demo, rehearsals)."""

    frozen_at = models.DateTimeField("date et heure de la plateforme", null=True, blank=True)

    class Meta:
        verbose_name = "horloge"
        verbose_name_plural = "horloge"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="clock_single_row")]

    def __str__(self) -> str:
        return f"{self.frozen_at:%d/%m/%Y %H:%M}" if self.frozen_at else "heure réelle"


class AuditEntry(models.Model):
    """Who did what, on which object, when: written in the same transaction as the change."""

    created_at = models.DateTimeField("date", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("auteur (texte)", max_length=200, blank=True)
    action = models.CharField("action", max_length=80, db_index=True)
    subject_type = models.CharField("type d'objet", max_length=80, blank=True)
    subject_id = models.CharField("identifiant de l'objet", max_length=64, blank=True)
    subject_label = models.CharField("objet", max_length=255, blank=True)
    campaign_id = models.BigIntegerField("campagne", null=True, blank=True, db_index=True)
    association_id = models.BigIntegerField("association", null=True, blank=True, db_index=True)
    details = models.JSONField("détails", default=dict, blank=True)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des actions"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.subject_label}"
