"""An operator runs campaigns; a campaign has a calendar and the rules of allocation and use."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from billetterie.core.phones import phone_e164, phone_parse


class Operator(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant", max_length=60, unique=True)
    contact_email = models.EmailField("e-mail de contact", blank=True)
    # Shown on every page of the portal, with the e-mail: whom the associations call or write to.
    contact_name = models.CharField("personne à contacter", max_length=200, blank=True)
    contact_phone = models.CharField("téléphone de contact", max_length=30, blank=True)
    referents_second_factor = models.BooleanField(
        "double authentification obligatoire pour les référents",
        default=False,
        help_text="L'équipe de l'opérateur l'a toujours ; les référents peuvent l'activer d'eux-mêmes.",
    )

    class Meta:
        verbose_name = "opérateur"
        verbose_name_plural = "opérateurs"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def contact_phone_uri(self) -> str:
        """The phone as a `tel:` link (+33…), or "" when there is none or it cannot be read."""
        number = phone_parse(self.contact_phone) if self.contact_phone else None
        return f"tel:{phone_e164(number)}" if number is not None else ""


def default_reminder_days() -> list[int]:
    return [14, 7, 2]


def reminder_days_validate(value) -> None:
    """Whole numbers of days from 1 to 60, each once (an empty list: no reminder)."""
    if not isinstance(value, list) or any(
        not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 60 for n in value
    ):
        raise ValidationError(
            "Indiquez des nombres de jours entre 1 et 60, séparés par des virgules."
        )
    if len(set(value)) != len(value):
        raise ValidationError("Chaque nombre de jours ne peut figurer qu'une fois.")


class Campaign(models.Model):
    operator = models.ForeignKey(
        Operator, verbose_name="opérateur", on_delete=models.PROTECT, related_name="campaigns"
    )
    slug = models.SlugField("identifiant", max_length=60, unique=True)
    name = models.CharField("nom", max_length=200)
    # Calendar
    call_opens_on = models.DateField("ouverture de l'appel à candidatures", null=True, blank=True)
    call_closes_on = models.DateField("clôture de l'appel à candidatures", null=True, blank=True)
    response_delay_days = models.PositiveSmallIntegerField(
        "délai de réponse aux propositions (jours)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    contest_opens_on = models.DateField("ouverture du jeu-concours", null=True, blank=True)
    contest_closes_on = models.DateField("clôture du jeu-concours", null=True, blank=True)
    contest_confirmation_deadline = models.DateField(
        "confirmation de participation au jeu-concours", null=True, blank=True
    )
    jury_deliberation_on = models.DateField("délibération du jury", null=True, blank=True)
    retention_until = models.DateField(
        "conservation des données personnelles jusqu'au",
        help_text="Après cette date, les données personnelles de la campagne sont effacées.",
    )
    # Rules
    max_supervisors_per_youth = models.DecimalField(
        "encadrants par jeune au maximum",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.333"),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("1"))],
        help_text="1 encadrant pour 3 jeunes : 0,333.",
    )
    max_tickets_per_youth = models.PositiveSmallIntegerField(
        "billets par jeune au maximum",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    size_weight_exponent = models.DecimalField(
        "exposant de pondération par la taille (α)",
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="0 : chaque association compte autant ; 1 : parts proportionnelles aux demandes.",
    )
    over_request_tolerance = models.PositiveSmallIntegerField(
        "tolérance de dépassement de la demande (billets)",
        default=0,
        validators=[MaxValueValidator(50)],
    )
    continuous_mode = models.BooleanField(
        "réattribution en continu",
        default=False,
        help_text="Un lot décliné ou expiré est aussitôt proposé à l'association suivante.",
    )
    # Messages
    nominative_reminder_days = models.JSONField(
        "rappels avant l'échéance des attributions nominatives (jours)",
        default=default_reminder_days,
        blank=True,
        validators=[reminder_days_validate],
        help_text="Les associations qui ont encore des billets à nommer ou un courrier à déposer "
        "reçoivent un rappel ce nombre de jours avant l'échéance de chaque Jeux.",
    )
    # Reliability as a criterion (delivery.reliability): explicit choice of the operator, else none.
    reliability_source = models.ForeignKey(
        "self",
        verbose_name="fiabilité tirée de la campagne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Les associations dont la fiabilité dans cette campagne est sous le seuil passent "
        "au rang suivant de la règle d'attribution.",
    )
    reliability_threshold = models.PositiveSmallIntegerField(
        "seuil de fiabilité (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "campagne"
        verbose_name_plural = "campagnes"
        ordering = ["-created_at", "slug"]
        constraints = [
            models.CheckConstraint(
                name="campaign_call_dates_ordered",
                condition=Q(call_opens_on__isnull=True)
                | Q(call_closes_on__isnull=True)
                | Q(call_closes_on__gte=F("call_opens_on")),
                violation_error_message="La clôture de l'appel doit suivre son ouverture.",
            ),
            models.CheckConstraint(
                name="campaign_contest_dates_ordered",
                condition=Q(contest_opens_on__isnull=True)
                | Q(contest_closes_on__isnull=True)
                | Q(contest_closes_on__gte=F("contest_opens_on")),
                violation_error_message="La clôture du jeu-concours doit suivre son ouverture.",
            ),
            models.CheckConstraint(
                name="campaign_ratio_range",
                condition=Q(max_supervisors_per_youth__gt=0, max_supervisors_per_youth__lte=1),
            ),
            models.CheckConstraint(
                name="campaign_alpha_range",
                condition=Q(size_weight_exponent__gte=0, size_weight_exponent__lte=1),
            ),
            models.CheckConstraint(
                name="campaign_tickets_per_youth_positive",
                condition=Q(max_tickets_per_youth__gte=1),
            ),
            models.CheckConstraint(
                name="campaign_response_delay_positive", condition=Q(response_delay_days__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        source, threshold = self.reliability_source, self.reliability_threshold
        if (source is None) != (threshold is None):
            raise ValidationError(
                {
                    "reliability_threshold" if source else "reliability_source": (
                        "Choisissez à la fois la campagne précédente et le seuil, ou aucun des deux."
                    )
                }
            )
        if source is not None and (source.pk == self.pk or source.operator_id != self.operator_id):
            raise ValidationError(
                {"reliability_source": "Choisissez une autre campagne du même opérateur."}
            )

    def call_is_open(self, on: dt.date) -> bool:
        if self.call_opens_on is None or self.call_closes_on is None:
            return False
        return self.call_opens_on <= on <= self.call_closes_on


class CampaignGames(models.Model):
    """The Games a campaign distributes tickets for, with their own nominative deadline."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="campagne", on_delete=models.CASCADE, related_name="games_settings"
    )
    games = models.ForeignKey(
        "catalogue.Games", verbose_name="jeux", on_delete=models.PROTECT, related_name="+"
    )
    nominative_deadline = models.DateField(
        "échéance des attributions nominatives", null=True, blank=True
    )

    class Meta:
        verbose_name = "jeux de la campagne"
        verbose_name_plural = "jeux de la campagne"
        ordering = ["campaign", "games__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "games"], name="campaign_games_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.games}"


class Wave(models.Model):
    """A planned wave of offers (dates shown in the calendar; runs belong to the offers app)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="campagne", on_delete=models.CASCADE, related_name="waves"
    )
    number = models.PositiveSmallIntegerField("numéro")
    label = models.CharField("libellé", max_length=120, blank=True)
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "vague"
        verbose_name_plural = "vagues"
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="wave_number_unique"),
            models.CheckConstraint(
                name="wave_dates_ordered",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"Vague {self.number}"


class HelpEntry(models.Model):
    """One question and its answer on the operator's help page (« Aide ») of the portal.

    The answer is plain text: a blank line starts a new paragraph. `position` orders the entries
    (0, 1, 2… — the services keep it without gaps).
    """

    operator = models.ForeignKey(
        Operator, verbose_name="opérateur", on_delete=models.CASCADE, related_name="help_entries"
    )
    question = models.CharField("question", max_length=300)
    answer = models.TextField("réponse")
    position = models.PositiveIntegerField("position", default=0)

    class Meta:
        verbose_name = "question de l'aide"
        verbose_name_plural = "questions de l'aide"
        ordering = ["operator", "position", "pk"]

    def __str__(self) -> str:
        return self.question
