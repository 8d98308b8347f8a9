"""Lodging in Île-de-France for the associations far from the host cities.

Per campaign: the operator's settings (threshold, deadline, the practical page), the travel times
the operator corrected by hand, each association's stays to lodge (`Need`), each host's offer of
beds night by night (`HostOffer`, `HostNight`), the matching runs and the placements they propose,
which both sides accept or refuse (`Placement`). The travel-time estimate itself is computed, never
stored (`lodging.travel`); the matching is a pure module (`lodging.matching`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from billetterie.lodging.nights import stay_words

IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")


class LodgingSettings(models.Model):
    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="lodging_settings",
    )
    threshold_minutes = models.PositiveSmallIntegerField(
        "seuil de temps de trajet (minutes)",
        default=150,
        validators=[MinValueValidator(30), MaxValueValidator(24 * 60)],
        help_text="Au-delà, l'association est invitée à déclarer ses besoins d'hébergement.",
    )
    needs_deadline = models.DateField("date limite des besoins", null=True, blank=True)
    offers_deadline = models.DateField("date limite des offres", null=True, blank=True)
    practical_text = models.TextField("page pratique", blank=True)
    practical_updated_at = models.DateTimeField("page pratique modifiée le", null=True, blank=True)
    practical_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="page pratique modifiée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    far_invited_at = models.DateTimeField(
        "associations éloignées invitées le", null=True, blank=True
    )

    class Meta:
        verbose_name = "réglages de l'hébergement"
        verbose_name_plural = "réglages de l'hébergement"

    def __str__(self) -> str:
        return f"Hébergement de la campagne n° {self.campaign_id}"


class TravelOverride(models.Model):
    """The operator's own figure for an association's travel time to Paris (replaces the estimate)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="travel_overrides",
    )
    minutes = models.PositiveSmallIntegerField(
        "temps de trajet (minutes)", validators=[MinValueValidator(1), MaxValueValidator(48 * 60)]
    )
    reason = models.CharField("motif", max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField("saisi le")

    class Meta:
        verbose_name = "temps de trajet corrigé"
        verbose_name_plural = "temps de trajet corrigés"
        ordering = ["association_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association"], name="travel_override_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Temps de trajet corrigé n° {self.pk}"


class Meals(models.TextChoices):
    NONE = "none", "Aucun repas"
    BREAKFAST = "breakfast", "Petit-déjeuner"
    HALF = "half", "Demi-pension (petit-déjeuner et dîner)"
    FULL = "full", "Pension complète"


class Need(models.Model):
    """One stay to lodge: a group of one association, in one place, for consecutive nights.

    `first_night` and `last_night` are the evenings of arrival and of the last night (inclusive):
    the group leaves the morning after `last_night`."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="lodging_needs",
    )
    first_night = models.DateField("première nuit")
    last_night = models.DateField("dernière nuit")
    youth = models.PositiveSmallIntegerField("jeunes", validators=[MaxValueValidator(500)])
    age_min = models.PositiveSmallIntegerField(
        "âge du plus jeune", validators=[MinValueValidator(3), MaxValueValidator(25)]
    )
    age_max = models.PositiveSmallIntegerField(
        "âge du plus âgé", validators=[MinValueValidator(3), MaxValueValidator(25)]
    )
    girls = models.PositiveSmallIntegerField("dont filles", null=True, blank=True)
    boys = models.PositiveSmallIntegerField("dont garçons", null=True, blank=True)
    supervisors = models.PositiveSmallIntegerField(
        "encadrants", validators=[MaxValueValidator(200)]
    )
    wheelchair_users = models.PositiveSmallIntegerField(
        "personnes en fauteuil roulant", default=0, validators=[MaxValueValidator(200)]
    )
    accessibility = models.TextField("autres besoins d'accessibilité", blank=True)
    comment = models.TextField("commentaire", blank=True)
    contact_name = models.CharField("personne à contacter", max_length=150)
    contact_phone = models.CharField("téléphone", max_length=32)
    contact_email = models.EmailField("adresse e-mail")
    created_at = models.DateTimeField("déclaré le")
    updated_at = models.DateTimeField("modifié le")
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)

    class Meta:
        verbose_name = "besoin d'hébergement"
        verbose_name_plural = "besoins d'hébergement"
        ordering = ["first_night", "pk"]
        constraints = [
            models.CheckConstraint(
                name="need_nights_in_order", condition=Q(last_night__gte=F("first_night"))
            ),
            models.CheckConstraint(
                name="need_ages_in_order", condition=Q(age_max__gte=F("age_min"))
            ),
            models.CheckConstraint(
                name="need_someone", condition=Q(youth__gt=0) | Q(supervisors__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"Besoin n° {self.pk}"

    @property
    def persons(self) -> int:
        return self.youth + self.supervisors

    @property
    def nights(self) -> int:
        return (self.last_night - self.first_night).days + 1

    @property
    def person_nights(self) -> int:
        return self.persons * self.nights

    @property
    def stay(self) -> str:
        """« 3 nuits, du 26 au 29 juillet »: arrival evening to departure morning."""
        return stay_words(self.first_night, self.last_night)


class HostOffer(models.Model):
    """One place a host offers, with its beds night by night (`HostNight`)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="structure qui accueille",
        on_delete=models.CASCADE,
        related_name="host_offers",
    )
    place_name = models.CharField("nom du lieu", max_length=160)
    address = models.CharField("adresse", max_length=255)
    postal_code = models.CharField("code postal", max_length=5)
    town = models.CharField("commune", max_length=120)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(
        "âge minimum accueilli", default=6, validators=[MinValueValidator(3), MaxValueValidator(25)]
    )
    age_max = models.PositiveSmallIntegerField(
        "âge maximum accueilli",
        default=25,
        validators=[MinValueValidator(3), MaxValueValidator(25)],
    )
    mixed_groups = models.BooleanField("groupes mixtes acceptés", default=True)
    single_sex_rooms = models.BooleanField(
        "chambres non mixtes (la répartition filles/garçons est demandée)", default=False
    )
    wheelchair_accessible = models.BooleanField("accessible en fauteuil roulant", default=False)
    accessibility = models.TextField("accessibilité, précisions", blank=True)
    price_per_night = models.DecimalField(
        "prix par personne et par nuit (€)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Laissez vide si l'accueil est gratuit.",
    )
    meals = models.CharField("repas", max_length=10, choices=Meals.choices, default=Meals.NONE)
    conditions = models.TextField("autres conditions", blank=True)
    insurance_notes = models.TextField("assurance et responsabilité", blank=True)
    contact_name = models.CharField("personne à contacter", max_length=150)
    contact_phone = models.CharField("téléphone", max_length=32)
    contact_email = models.EmailField("adresse e-mail")
    created_at = models.DateTimeField("déclarée le")
    updated_at = models.DateTimeField("modifiée le")
    withdrawn_at = models.DateTimeField("retirée le", null=True, blank=True)

    class Meta:
        verbose_name = "offre d'hébergement"
        verbose_name_plural = "offres d'hébergement"
        ordering = ["place_name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="host_offer_ages_in_order", condition=Q(age_max__gte=F("age_min"))
            ),
            models.CheckConstraint(
                name="host_offer_postal_code_5_digits",
                condition=Q(postal_code__regex=r"^[0-9]{5}$"),
            ),
        ]

    def __str__(self) -> str:
        return self.place_name


class HostNight(models.Model):
    offer = models.ForeignKey(
        HostOffer, verbose_name="offre", on_delete=models.CASCADE, related_name="nights"
    )
    night = models.DateField("nuit du")
    beds = models.PositiveSmallIntegerField("lits", validators=[MaxValueValidator(1000)])

    class Meta:
        verbose_name = "lits d'une nuit"
        verbose_name_plural = "lits par nuit"
        ordering = ["offer_id", "night"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "night"], name="host_night_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.night} : {self.beds} lits"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Calculé"
    FAILED = "failed", "Échec"
    PUBLISHED = "published", "Publié"
    ABANDONED = "abandoned", "Abandonné"


class MatchingRun(models.Model):
    """One matching computed for a campaign: the instance, the result, then the operator's edits."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        "état", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    time_limit = models.FloatField("temps de calcul maximal (secondes)", default=10.0)
    progress = models.CharField("avancement", max_length=200, blank=True)
    instance = models.JSONField("instance", null=True, blank=True)
    result = models.JSONField("résultat", null=True, blank=True)
    error = models.TextField("erreur", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lancé le")
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        "dernier signe du travailleur",
        null=True,
        blank=True,
        help_text="Heure réelle (pas celle de la plateforme) de la mise en file, de la prise "
        "par un travailleur puis de chaque étape du calcul.",
    )
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publié par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "calcul d'hébergement"
        verbose_name_plural = "calculs d'hébergement"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Calcul d'hébergement n° {self.pk}"


class PlacementStatus(models.TextChoices):
    DRAFT = "draft", "Proposé (non publié)"
    PENDING = "pending", "En attente des réponses"
    CONFIRMED = "confirmed", "Accepté des deux côtés"
    REFUSED = "refused", "Refusé"
    CANCELLED = "cancelled", "Annulé par l'opérateur"


LIVE = (PlacementStatus.PENDING, PlacementStatus.CONFIRMED)


class Answer(models.TextChoices):
    NONE = "", "Pas encore de réponse"
    ACCEPTED = "accepted", "Accepté"
    REFUSED = "refused", "Refusé"


class Placement(models.Model):
    """A need placed with a host offer: a draft inside a run, then published to both sides."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    run = models.ForeignKey(
        MatchingRun,
        verbose_name="calcul",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    need = models.ForeignKey(
        Need, verbose_name="besoin", on_delete=models.CASCADE, related_name="placements"
    )
    offer = models.ForeignKey(
        HostOffer, verbose_name="offre", on_delete=models.CASCADE, related_name="placements"
    )
    status = models.CharField(
        "état", max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.DRAFT
    )
    distance_km = models.FloatField("distance aux sites (km)", null=True, blank=True)
    guest_answer = models.CharField(
        "réponse de l'association accueillie", max_length=10, choices=Answer.choices, blank=True
    )
    guest_answered_at = models.DateTimeField(null=True, blank=True)
    host_answer = models.CharField(
        "réponse de l'hébergeur", max_length=10, choices=Answer.choices, blank=True
    )
    host_answered_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField("motif du refus", max_length=300, blank=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    confirmed_at = models.DateTimeField("accepté des deux côtés le", null=True, blank=True)
    closed_at = models.DateTimeField("refusé ou annulé le", null=True, blank=True)

    class Meta:
        verbose_name = "proposition d'hébergement"
        verbose_name_plural = "propositions d'hébergement"
        ordering = ["need__first_night", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need"],
                condition=Q(status__in=["pending", "confirmed"]),
                name="placement_one_live_per_need",
            ),
            models.UniqueConstraint(
                fields=["run", "need"],
                condition=Q(status="draft"),
                name="placement_one_draft_per_need_and_run",
            ),
        ]

    def __str__(self) -> str:
        return f"Proposition d'hébergement n° {self.pk}"


class FarInvitation(models.Model):
    """An association far from the host cities was invited to declare its lodging needs (once)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="far_invitations",
    )
    sent_at = models.DateTimeField("invitée le")

    class Meta:
        verbose_name = "invitation à déclarer ses besoins d'hébergement"
        verbose_name_plural = "invitations à déclarer ses besoins d'hébergement"
        ordering = ["campaign_id", "association_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association"], name="far_invitation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation à déclarer ses besoins n° {self.pk}"
