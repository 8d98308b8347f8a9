"""Games (JO / JP), host cities, venues and sessions: facts shared by every campaign."""

from django.db import models
from django.db.models import Q

from billetterie.catalogue.naming import event_name


class Games(models.Model):
    code = models.CharField(
        "code", max_length=8, unique=True, help_text="OG pour les JO, PG pour les JP."
    )
    short_name = models.CharField("sigle", max_length=8, help_text="JO ou JP.")
    name = models.CharField("nom", max_length=120)

    class Meta:
        verbose_name = "jeux"
        verbose_name_plural = "jeux"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name


class HostCity(models.Model):
    name = models.CharField("nom", max_length=120, unique=True)
    departement = models.CharField("département", max_length=3, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)

    class Meta:
        verbose_name = "ville hôte"
        verbose_name_plural = "villes hôtes"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Venue(models.Model):
    name = models.CharField("nom", max_length=160, unique=True)
    code = models.CharField("code", max_length=8, blank=True)
    host_city = models.ForeignKey(
        HostCity, verbose_name="ville hôte", on_delete=models.PROTECT, related_name="venues"
    )
    commune = models.CharField("commune", max_length=120, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)

    class Meta:
        verbose_name = "site"
        verbose_name_plural = "sites"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Phase(models.TextChoices):
    FINAL = "final", "Finale"
    SEMI_FINAL = "semi_final", "Demi-finale"
    QUARTER_FINAL = "quarter_final", "Quart de finale"
    PRELIMINARY = "preliminary", "Tour préliminaire"
    OTHER = "other", "Autre"


class Session(models.Model):
    games = models.ForeignKey(
        Games, verbose_name="jeux", on_delete=models.PROTECT, related_name="sessions"
    )
    code = models.CharField("code de l'épreuve", max_length=24)
    sport = models.CharField("sport", max_length=80)
    date = models.DateField("date")
    start_time = models.TimeField("heure", null=True, blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name="site", on_delete=models.PROTECT, related_name="sessions"
    )
    phase = models.CharField("phase", max_length=16, choices=Phase.choices, default=Phase.OTHER)
    description = models.CharField("description", max_length=255, blank=True)

    class Meta:
        verbose_name = "épreuve"
        verbose_name_plural = "épreuves"
        ordering = ["date", "start_time", "code"]
        constraints = [
            models.UniqueConstraint(fields=["games", "code"], name="session_code_unique_per_games")
        ]
        indexes = [models.Index(fields=["games", "date"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.sport}"

    @property
    def host_city(self) -> HostCity:
        return self.venue.host_city

    @property
    def event_name(self) -> str:
        """In French, from the official codes (« Rugby à 7, hommes — tour préliminaire »): what
        referents, group leaders and e-mails read; the English description stays for operators."""
        return event_name(
            code=self.code, sport=self.sport, phase=self.phase, description=self.description
        )

    @property
    def is_final_stage(self) -> bool:
        return self.phase in (Phase.FINAL, Phase.SEMI_FINAL)


FINAL_STAGE = Q(phase__in=[Phase.FINAL, Phase.SEMI_FINAL])
