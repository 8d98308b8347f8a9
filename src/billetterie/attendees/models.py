"""People of an association, their groups and tickets, and the requests around them."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q


class PersonKind(models.TextChoices):
    YOUTH = "youth", "Jeune"
    SUPERVISOR = "supervisor", "Encadrant"


class AssociationRecord(models.Model):
    """A row that belongs to one association in one campaign: every read is scoped by both."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name="campagne", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        abstract = True


class Person(AssociationRecord):
    """A youth or a supervisor of one association, for one campaign (its retention date applies)."""

    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="people",
    )
    kind = models.CharField("rôle", max_length=12, choices=PersonKind.choices)
    last_name = models.CharField("nom", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    mobile_phone = models.CharField("téléphone portable", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    # Names folded (case, accents, hyphens, spaces): the key of duplicate detection.
    name_key = models.CharField("clé du nom", max_length=210, db_index=True, editable=False)
    created_at = models.DateTimeField("créée le")
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["association", "kind", "name_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association", "name_key", "birth_date"],
                condition=Q(kind="youth"),
                name="person_youth_unique",
                violation_error_message="Ce jeune est déjà enregistré (même nom et date de naissance).",
            ),
            models.UniqueConstraint(
                fields=["campaign", "association", "name_key"],
                condition=Q(kind="supervisor"),
                name="person_supervisor_unique",
                violation_error_message="Cet encadrant est déjà enregistré (même nom).",
            ),
        ]

    def __str__(self) -> str:
        # Never a name: this label reaches the audit log.
        return f"Personne n° {self.pk}"

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    @property
    def is_youth(self) -> bool:
        return self.kind == PersonKind.YOUTH


class Group(AssociationRecord):
    """One or several accepted packs of the same session, going together with one leader."""

    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="attendee_groups",
    )
    session = models.ForeignKey(
        "catalogue.Session", verbose_name="épreuve", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("nom du groupe", max_length=80)
    leader = models.ForeignKey(
        Person,
        verbose_name="responsable de groupe",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_groups",
    )
    created_at = models.DateTimeField("créé le")

    class Meta:
        verbose_name = "groupe"
        verbose_name_plural = "groupes"
        ordering = ["association", "session__date", "name", "pk"]

    def __str__(self) -> str:
        return f"Groupe n° {self.pk}"


class GroupPack(models.Model):
    group = models.ForeignKey(
        Group, verbose_name="groupe", on_delete=models.CASCADE, related_name="pack_links"
    )
    # One-to-one: a pack belongs to at most one group (database backstop).
    pack = models.OneToOneField(
        "inventory.Pack", verbose_name="lot", on_delete=models.CASCADE, related_name="group_link"
    )

    class Meta:
        verbose_name = "lot du groupe"
        verbose_name_plural = "lots des groupes"
        ordering = ["group", "pack__reference"]

    def __str__(self) -> str:
        return f"{self.group} — {self.pack}"


class Holder(AssociationRecord):
    """The person named on one ticket."""

    group = models.ForeignKey(
        Group, verbose_name="groupe", on_delete=models.CASCADE, related_name="holders"
    )
    # One-to-one: one holder per ticket (database backstop).
    ticket = models.OneToOneField(
        "inventory.Ticket", verbose_name="billet", on_delete=models.CASCADE, related_name="holder"
    )
    person = models.ForeignKey(
        Person, verbose_name="bénéficiaire", on_delete=models.PROTECT, related_name="holdings"
    )
    # The ticket's session, copied so that "one ticket per session per person" is a constraint.
    session = models.ForeignKey(
        "catalogue.Session", verbose_name="épreuve", on_delete=models.PROTECT, related_name="+"
    )
    named_at = models.DateTimeField("nommé le")

    class Meta:
        verbose_name = "bénéficiaire"
        verbose_name_plural = "bénéficiaires"
        ordering = ["ticket__pack__reference", "ticket__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "session"],
                name="holder_one_ticket_per_session",
                violation_error_message="Cette personne a déjà un billet pour cette épreuve.",
            )
        ]

    def __str__(self) -> str:
        return f"Billet {self.ticket_id}"


class DecisionStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    GRANTED = "granted", "Accordée"
    REFUSED = "refused", "Refusée"


class Decision(AssociationRecord):
    """Something an association asks and the operator answers once: granted, or refused with a reason.

    Derogations, commitment letters and name changes share this shape and one service to decide
    them (`attendees.decisions.decide`). `GRANTED` is the state "yes" leads to (a letter is
    "validated").
    """

    GRANTED = DecisionStatus.GRANTED
    ALREADY_DECIDED = "Cette demande a déjà reçu une réponse."

    status = models.CharField(
        "état", max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("date de la décision", null=True, blank=True)
    decision_reason = models.TextField("motif de la décision", blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == DecisionStatus.PENDING


class Derogation(Decision):
    """A request to exceed the supervision ratio in one group, and the operator's answer."""

    ALREADY_DECIDED = "Cette demande de dérogation a déjà reçu une réponse."

    group = models.ForeignKey(
        Group, verbose_name="groupe", on_delete=models.CASCADE, related_name="derogations"
    )
    supervisors = models.PositiveSmallIntegerField("encadrants demandés")
    reason = models.TextField("motif")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("demandée le")

    class Meta:
        verbose_name = "dérogation"
        verbose_name_plural = "dérogations"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"], condition=Q(status="pending"), name="derogation_one_pending"
            ),
            models.CheckConstraint(
                name="derogation_supervisors_positive", condition=Q(supervisors__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"Dérogation n° {self.pk}"


class Submission(AssociationRecord):
    """The association sent its named holders for one Games, attesting the youth are its own."""

    games = models.ForeignKey(
        "catalogue.Games", verbose_name="jeux", on_delete=models.PROTECT, related_name="+"
    )
    youth_attested = models.BooleanField("jeunes suivis ou accueillis attesté", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("envoyées le")

    class Meta:
        verbose_name = "envoi des attributions nominatives"
        verbose_name_plural = "envois des attributions nominatives"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "association", "games"], name="submission_unique"
            ),
            models.CheckConstraint(name="submission_attested", condition=Q(youth_attested=True)),
        ]

    def __str__(self) -> str:
        return f"Envoi n° {self.pk}"


class CharterAcknowledgement(AssociationRecord):
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField("acceptée le")

    class Meta:
        verbose_name = "acceptation de la charte"
        verbose_name_plural = "acceptations de la charte"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "association"], name="charter_ack_unique")
        ]

    def __str__(self) -> str:
        return f"Charte acceptée n° {self.pk}"


class LetterStatus(models.TextChoices):
    PENDING = "pending", "À valider"
    VALIDATED = "validated", "Validé"
    REFUSED = "refused", "Refusé"
    REPLACED = "replaced", "Remplacé"


def letter_path(instance, filename: str) -> str:
    """Private, per-association path; the name is random, never the one the user sent."""
    suffix = PurePath(filename).suffix.lower()
    return (
        f"private/letters/{instance.campaign_id}/{instance.association_id}/"
        f"{uuid.uuid4().hex}{suffix}"
    )


class CommitmentLetter(Decision):
    """A signed scan of the commitment letter, checked by the operator."""

    GRANTED = LetterStatus.VALIDATED
    ALREADY_DECIDED = "Ce courrier a déjà été traité."

    file = models.FileField("fichier", upload_to=letter_path, max_length=255, blank=True)
    content_type = models.CharField("type", max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    status = models.CharField(
        "état", max_length=10, choices=LetterStatus.choices, default=LetterStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("déposé le")
    file_deleted_at = models.DateTimeField("fichier effacé le", null=True, blank=True)

    class Meta:
        verbose_name = "courrier d'engagement moral"
        verbose_name_plural = "courriers d'engagement moral"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Courrier n° {self.pk}"

    @property
    def file_kind(self) -> str:
        """« PDF », « PNG » or « JPEG »: the stored type, as a person names it."""
        return self.content_type.rpartition("/")[2].upper()


class NameChange(Decision):
    """After submission: replace the holder of one ticket, once the operator approves."""

    ALREADY_DECIDED = "Cette réattribution a déjà reçu une réponse."

    ticket = models.ForeignKey(
        "inventory.Ticket", verbose_name="billet", on_delete=models.CASCADE, related_name="+"
    )
    old_person = models.ForeignKey(
        Person, verbose_name="ancien bénéficiaire", on_delete=models.PROTECT, related_name="+"
    )
    new_person = models.ForeignKey(
        Person, verbose_name="nouveau bénéficiaire", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("motif")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("demandée le")
    exported_at = models.DateTimeField("exportée le", null=True, blank=True)

    class Meta:
        verbose_name = "réattribution nominative"
        verbose_name_plural = "réattributions nominatives"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"], condition=Q(status="pending"), name="name_change_one_pending"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status", "exported_at"])]

    def __str__(self) -> str:
        return f"Réattribution n° {self.pk}"
