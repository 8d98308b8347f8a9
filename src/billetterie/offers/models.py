"""An offer of one pack to one association, with its deadline; at most one live offer per pack."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class OfferStatus(models.TextChoices):
    PENDING = "pending", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Déclinée"
    EXPIRED = "expired", "Expirée"
    GIVEN_BACK = "given_back", "Rendue"


LIVE_STATUSES = (OfferStatus.PENDING, OfferStatus.ACCEPTED)


class Offer(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="offers",
    )
    pack = models.ForeignKey(
        "inventory.Pack", verbose_name="lot", on_delete=models.CASCADE, related_name="offers"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="offers",
    )
    run = models.ForeignKey(
        "allocation.AllocationRun",
        verbose_name="calcul",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    status = models.CharField(
        "état", max_length=12, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    sent_at = models.DateTimeField("envoyée le")
    expires_at = models.DateTimeField("réponse attendue avant le")
    answered_at = models.DateTimeField("répondu le", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="répondu par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commitment_accepted = models.BooleanField(
        "engagement aux conditions d'utilisation", default=False
    )
    reminder_early_sent_at = models.DateTimeField("relance à J-2 envoyée le", null=True, blank=True)
    reminder_last_day_sent_at = models.DateTimeField(
        "relance du dernier jour envoyée le", null=True, blank=True
    )

    class Meta:
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        ordering = ["campaign", "association_id", "expires_at", "pack_id"]
        constraints = [
            # The backstop of the service-level lock: a pack is never offered or accepted twice at once.
            models.UniqueConstraint(
                fields=["pack"],
                condition=Q(status__in=["pending", "accepted"]),
                name="offer_one_live_per_pack",
            ),
            models.CheckConstraint(
                name="offer_expires_after_sent", condition=Q(expires_at__gt=models.F("sent_at"))
            ),
            models.CheckConstraint(
                name="offer_accepted_has_commitment",
                condition=~Q(status="accepted") | Q(commitment_accepted=True),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["association", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.pack} → {self.association}"

    def can_be_answered(self, at: dt.datetime) -> bool:
        """The one rule for "can the association still answer?": pending and not past its deadline."""
        return self.status == OfferStatus.PENDING and at < self.expires_at
