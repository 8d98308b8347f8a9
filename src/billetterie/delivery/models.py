"""Delivery of the tickets once names are given: exports for the ticket office, the download links
it returns, each group leader's page, and what happened on the day (attendance)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class ExportScope(models.TextChoices):
    FULL = "full", "Liste complète"
    CHANGES = "changes", "Changements depuis le dernier export"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (.xlsx)"
    CSV = "csv", "CSV (point-virgule)"


def export_path(instance, filename: str) -> str:
    """Private path; the name is random."""
    return f"private/exports/{instance.campaign_id}/{uuid.uuid4().hex}.{instance.file_format}"


class NominativeExport(models.Model):
    """One numbered export of the nominative list for the ticket office, kept to be downloaded
    again. `snapshot` is the state it carried — {ticket id: row} — against which the next
    "changes" export is computed."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="nominative_exports",
    )
    number = models.PositiveIntegerField("numéro")
    scope = models.CharField("contenu", max_length=10, choices=ExportScope.choices)
    file_format = models.CharField("format", max_length=4, choices=ExportFormat.choices)
    file = models.FileField("fichier", upload_to=export_path, max_length=255, blank=True)
    rows = models.PositiveIntegerField("lignes", default=0)
    counts = models.JSONField("décompte", default=dict, blank=True)
    snapshot = models.JSONField("état exporté", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="fait par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("fait le")
    purged_at = models.DateTimeField("données effacées le", null=True, blank=True)

    class Meta:
        verbose_name = "export nominatif"
        verbose_name_plural = "exports nominatifs"
        ordering = ["campaign", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="nominative_export_number")
        ]

    def __str__(self) -> str:
        return f"Export n° {self.number}"


class LinkStatus(models.TextChoices):
    ACTIVE = "active", "Actif"
    WITHDRAWN = "withdrawn", "Retiré"
    REPLACED = "replaced", "Remplacé"


class TicketLink(models.Model):
    """A download link returned by the ticket office, for a whole pack (ticket empty) or one
    ticket. At most one active link per pack and per ticket."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    pack = models.ForeignKey(
        "inventory.Pack", verbose_name="lot", on_delete=models.CASCADE, related_name="links"
    )
    ticket = models.ForeignKey(
        "inventory.Ticket",
        verbose_name="billet",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="links",
    )
    url = models.URLField("lien", max_length=1000)
    status = models.CharField(
        "état", max_length=10, choices=LinkStatus.choices, default=LinkStatus.ACTIVE
    )
    imported_at = models.DateTimeField("importé le")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    withdrawn_reason = models.CharField("motif du retrait", max_length=200, blank=True)

    class Meta:
        verbose_name = "lien de téléchargement"
        verbose_name_plural = "liens de téléchargement"
        ordering = ["pack", "ticket", "-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack"],
                condition=Q(status="active", ticket__isnull=True),
                name="ticket_link_one_active_per_pack",
            ),
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(status="active", ticket__isnull=False),
                name="ticket_link_one_active_per_ticket",
            ),
        ]

    def __str__(self) -> str:
        return f"Lien n° {self.pk}"


class LeaderAccess(models.Model):
    """The group leader's page: a signed link that needs no account. `version` is part of the
    signed token: revoking (or sending a new link) raises it and every older link stops working."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    group = models.OneToOneField(
        "attendees.Group",
        verbose_name="groupe",
        on_delete=models.CASCADE,
        related_name="leader_access",
    )
    version = models.PositiveIntegerField("version du lien", default=1)
    expires_at = models.DateTimeField("valable jusqu'au", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField("envois", default=0)
    first_opened_at = models.DateTimeField("ouvert la première fois le", null=True, blank=True)
    last_opened_at = models.DateTimeField("ouvert la dernière fois le", null=True, blank=True)
    open_count = models.PositiveIntegerField("ouvertures", default=0)
    confirmed_at = models.DateTimeField("billets récupérés le", null=True, blank=True)

    class Meta:
        verbose_name = "accès du responsable de groupe"
        verbose_name_plural = "accès des responsables de groupe"

    def __str__(self) -> str:
        return f"Accès du groupe n° {self.group_id}"


class AttendanceReport(models.Model):
    """After the session: who came, filed by the association's referent."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.OneToOneField(
        "attendees.Group",
        verbose_name="groupe",
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    youth_present = models.PositiveSmallIntegerField("jeunes présents")
    supervisors_present = models.PositiveSmallIntegerField("encadrants présents")
    comment = models.TextField("commentaire", blank=True, max_length=2000)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField("déclaré le")

    class Meta:
        verbose_name = "compte rendu de présence"
        verbose_name_plural = "comptes rendus de présence"
        ordering = ["campaign", "group"]

    def __str__(self) -> str:
        return f"Présence du groupe n° {self.group_id}"
