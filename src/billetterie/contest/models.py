"""The contest: its settings, each association's participation and audio entry, the jury's
scores, the deliberation and the prestige packs offered to the winners.

The campaign already holds the contest's dates (contest_opens_on / contest_closes_on: the
submission window; contest_confirmation_deadline; jury_deliberation_on); the rest lives here."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ScoreMethod(models.TextChoices):
    MEAN = "mean", "Moyenne des membres du jury"
    TRIMMED = "trimmed", "Moyenne sans la note la plus haute ni la plus basse"


class ContestSettings(models.Model):
    """What the operator sets for the contest of one campaign."""

    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="contest_settings",
    )
    max_duration_seconds = models.PositiveSmallIntegerField(
        "durée maximale (secondes)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    max_size_bytes = models.PositiveIntegerField("taille maximale (octets)", default=10_000_000)
    prestige_tickets = models.PositiveIntegerField(
        "billets prestige mis en jeu", null=True, blank=True
    )
    score_method = models.CharField(
        "calcul du classement", max_length=10, choices=ScoreMethod.choices, default=ScoreMethod.MEAN
    )
    kit_text = models.TextField("kit d'animation (texte)", blank=True)
    president = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="président du jury",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("modifié le", null=True, blank=True)

    class Meta:
        verbose_name = "réglages du jeu-concours"
        verbose_name_plural = "réglages du jeu-concours"

    def __str__(self) -> str:
        return f"Jeu-concours de la campagne n° {self.campaign_id}"


class Criterion(models.Model):
    """One scoring criterion and its weight; a member gives it a score from 0 to `scale`."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="contest_criteria",
    )
    name = models.CharField("critère", max_length=80)
    description = models.CharField("ce qui est noté", max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        "poids", default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scale = models.PositiveSmallIntegerField(
        "note maximale", default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère de notation"
        verbose_name_plural = "critères de notation"
        ordering = ["campaign", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="contest_criterion_unique")
        ]

    def __str__(self) -> str:
        return self.name


def kit_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"private/contest/{instance.campaign_id}/kit/{uuid.uuid4().hex}{suffix}"


class KitFile(models.Model):
    """A file of the kit that helps start the conversations with the children."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("titre", max_length=120)
    file = models.FileField("fichier", upload_to=kit_path, max_length=255)
    content_type = models.CharField("type", max_length=60)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_at = models.DateTimeField("déposé le")

    class Meta:
        verbose_name = "fichier du kit"
        verbose_name_plural = "fichiers du kit"
        ordering = ["campaign", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """An association takes part in the contest (confirmed before the deadline)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="contest_participations",
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="+",
    )
    group_size = models.PositiveSmallIntegerField(
        "taille du groupe (jeunes et encadrants)",
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    confirmed_at = models.DateTimeField("participation confirmée le")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField("retrait le", null=True, blank=True)

    class Meta:
        verbose_name = "participation au jeu-concours"
        verbose_name_plural = "participations au jeu-concours"
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association"], name="contest_participation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Participation n° {self.pk}"


def entry_path(instance, filename: str) -> str:
    """Private; the name is random, never the one the user sent (the jury must not see it)."""
    return f"private/contest/{instance.campaign_id}/entries/{uuid.uuid4().hex}"


class Entry(models.Model):
    """The association's one audio (the latest replaces the previous until the window closes).
    `label` is what the jury sees ("Enregistrement 12"): no association name, no file name."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="contest_entries",
    )
    participation = models.OneToOneField(
        Participation, verbose_name="participation", on_delete=models.CASCADE, related_name="entry"
    )
    label = models.CharField("nom anonyme", max_length=40)
    file = models.FileField("fichier", upload_to=entry_path, max_length=255)
    content_type = models.CharField("type", max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    duration_seconds = models.DecimalField("durée (secondes)", max_digits=6, decimal_places=2)
    consent_attested = models.BooleanField("accord des représentants légaux attesté", default=False)
    uploaded_at = models.DateTimeField("déposé le")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_count = models.PositiveSmallIntegerField("remplacements", default=0)
    file_deleted_at = models.DateTimeField("fichier effacé le", null=True, blank=True)

    class Meta:
        verbose_name = "enregistrement"
        verbose_name_plural = "enregistrements"
        ordering = ["campaign", "label"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "label"], name="contest_entry_label_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Score(models.Model):
    """One jury member's score of one entry on one criterion (changeable until the close)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField("note")
    updated_at = models.DateTimeField("noté le")

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "member", "criterion"], name="contest_score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Note n° {self.pk}"


class Review(models.Model):
    """A jury member's comment on an entry (and when they last changed their scores)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField("commentaire", blank=True, max_length=2000)
    updated_at = models.DateTimeField("modifié le")

    class Meta:
        verbose_name = "avis du jury"
        verbose_name_plural = "avis du jury"
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="contest_review_unique")
        ]

    def __str__(self) -> str:
        return f"Avis n° {self.pk}"


class Deliberation(models.Model):
    """The ranking: computed from the scores, adjusted by the president with a reason, closed.
    Names are revealed only once `closed_at` is set. `ranking` is the final order:
    [{"entry": id, "rank": n, "score": "12.50", "moved": reason or ""}]."""

    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="contest_deliberation",
    )
    ranking = models.JSONField("classement", default=list, blank=True)
    # The president's moves before the close, in the order made (contest/ranking.py applies them):
    # [{"entry": id, "direction": "up" | "down", "reason": "…", "at": iso date, "by": user id}].
    moves = models.JSONField("déplacements du président", default=list, blank=True)
    closed_at = models.DateTimeField("délibération close le", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "délibération"
        verbose_name_plural = "délibérations"

    def __str__(self) -> str:
        return f"Délibération de la campagne n° {self.campaign_id}"


class AwardStatus(models.TextChoices):
    WAITING = "waiting", "En attente de son tour"
    OFFERED = "offered", "Lot proposé"
    ACCEPTED = "accepted", "Lot accepté"
    PASSED = "passed", "Lot refusé ou expiré"
    NO_PACK = "no_pack", "Aucun lot à sa taille"


class PrestigeAward(models.Model):
    """A winner's place in the prestige queue and the pack offered to it, if any."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    participation = models.ForeignKey(
        Participation, verbose_name="participation", on_delete=models.CASCADE, related_name="awards"
    )
    rank = models.PositiveSmallIntegerField("rang")
    pack = models.ForeignKey(
        "inventory.Pack",
        verbose_name="lot prestige",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offer_id = models.BigIntegerField("proposition", null=True, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=AwardStatus.choices, default=AwardStatus.WAITING
    )
    updated_at = models.DateTimeField("modifié le")

    class Meta:
        verbose_name = "attribution prestige"
        verbose_name_plural = "attributions prestige"
        ordering = ["campaign", "rank", "pk"]

    def __str__(self) -> str:
        return f"Rang {self.rank}"
