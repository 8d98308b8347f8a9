"""Associations federated by an operator, and their establishments and services."""

from django.db import models
from django.db.models import Q


class Association(models.Model):
    operator = models.ForeignKey(
        "campaigns.Operator",
        verbose_name="opérateur",
        on_delete=models.PROTECT,
        related_name="associations",
    )
    identifier = models.CharField("identifiant", max_length=40)
    name = models.CharField("nom", max_length=255)
    is_member = models.BooleanField("adhérente", default=True)
    postal_code = models.CharField("code postal", max_length=5)
    town = models.CharField("commune", max_length=120)
    departement = models.CharField("département", max_length=3)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    youth_followed = models.PositiveIntegerField("jeunes accompagnés", default=0)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "association"
        verbose_name_plural = "associations"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "identifier"], name="association_identifier_unique"
            ),
            models.CheckConstraint(
                name="association_postal_code_5_digits",
                condition=Q(postal_code__regex=r"^[0-9]{5}$"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Establishment(models.Model):
    association = models.ForeignKey(
        Association,
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="establishments",
    )
    name = models.CharField("nom", max_length=255)
    postal_code = models.CharField("code postal", max_length=5)
    town = models.CharField("commune", max_length=120)
    departement = models.CharField("département", max_length=3)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)

    class Meta:
        verbose_name = "établissement ou service"
        verbose_name_plural = "établissements et services"
        ordering = ["association", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name"], name="establishment_name_unique"
            ),
            models.CheckConstraint(
                name="establishment_postal_code_5_digits",
                condition=Q(postal_code__regex=r"^[0-9]{5}$"),
            ),
        ]

    def __str__(self) -> str:
        return self.name
