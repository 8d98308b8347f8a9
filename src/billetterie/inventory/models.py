"""A pack is an indivisible set of tickets for one session; it is offered, accepted or back in the pool."""

from django.db import models
from django.db.models import Q


class PackStatus(models.TextChoices):
    AVAILABLE = "available", "Disponible"
    OFFERED = "offered", "Proposé"
    ACCEPTED = "accepted", "Accepté"
    WITHDRAWN = "withdrawn", "Retiré"


class Pack(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="packs",
    )
    reference = models.CharField("référence du lot", max_length=40)
    session = models.ForeignKey(
        "catalogue.Session", verbose_name="épreuve", on_delete=models.PROTECT, related_name="packs"
    )
    size = models.PositiveSmallIntegerField("billets")
    is_prestige = models.BooleanField("prestige", default=False)
    status = models.CharField(
        "état", max_length=16, choices=PackStatus.choices, default=PackStatus.AVAILABLE
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "lot"
        verbose_name_plural = "lots"
        ordering = ["campaign", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "reference"], name="pack_reference_unique"),
            models.CheckConstraint(
                name="pack_size_positive", condition=Q(size__gte=1, size__lte=500)
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return self.reference


class Ticket(models.Model):
    pack = models.ForeignKey(
        Pack, verbose_name="lot", on_delete=models.CASCADE, related_name="tickets"
    )
    number = models.PositiveSmallIntegerField("numéro dans le lot")

    class Meta:
        verbose_name = "billet"
        verbose_name_plural = "billets"
        ordering = ["pack", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "number"], name="ticket_number_unique"),
            models.CheckConstraint(name="ticket_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.pack.reference}-{self.number:02d}"
