"""An association's application for one campaign and one Games, with its ranked host cities."""

from django.db import models
from django.db.models import Q


class Channel(models.IntegerChoices):
    """The tier of the allocation rule: the call comes before the waiting list."""

    CALL = 1, "Appel à candidatures"
    WAITING_LIST = 2, "Liste d'attente"


class Application(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    games = models.ForeignKey(
        "catalogue.Games", verbose_name="jeux", on_delete=models.PROTECT, related_name="+"
    )
    youth = models.PositiveIntegerField("jeunes")
    supervisors = models.PositiveIntegerField("encadrants")
    lodging_needed = models.BooleanField("hébergement en Île-de-France nécessaire", default=False)
    impossible_dates = models.JSONField("dates impossibles", default=list, blank=True)
    received_on = models.DateField("reçue le")
    channel = models.PositiveSmallIntegerField(
        "voie", choices=Channel.choices, default=Channel.CALL
    )
    comment = models.TextField("commentaire", blank=True)
    is_eligible = models.BooleanField("éligible", default=True)
    ineligibility_reason = models.CharField("motif de non-éligibilité", max_length=255, blank=True)
    # Set by the offers app when the first pack is offered for these Games: the request that the
    # allocation answered can no longer be edited by the association.
    first_offer_at = models.DateTimeField("premier lot proposé le", null=True, blank=True)
    host_cities = models.ManyToManyField(
        "catalogue.HostCity", through="ApplicationCity", related_name="+"
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["campaign", "association__name", "games__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association", "games"], name="application_unique_per_games"
            ),
            models.CheckConstraint(
                name="application_requests_tickets", condition=Q(youth__gt=0) | Q(supervisors__gt=0)
            ),
            models.CheckConstraint(
                name="application_ineligible_has_reason",
                condition=Q(is_eligible=True) | ~Q(ineligibility_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} — {self.games}"

    @property
    def tickets_requested(self) -> int:
        return self.youth + self.supervisors


class ApplicationCity(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="city_choices"
    )
    host_city = models.ForeignKey(
        "catalogue.HostCity", verbose_name="ville hôte", on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField("rang")

    class Meta:
        verbose_name = "ville demandée"
        verbose_name_plural = "villes demandées"
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "rank"], name="application_city_rank_unique"
            ),
            models.UniqueConstraint(
                fields=["application", "host_city"], name="application_city_unique"
            ),
            models.CheckConstraint(name="application_city_rank_positive", condition=Q(rank__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.host_city}"
