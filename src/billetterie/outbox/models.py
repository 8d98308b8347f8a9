"""Messages (one row per recipient and channel) and the operator's own wording of each kind."""

from django.db import models
from django.db.models import Q


class Status(models.TextChoices):
    QUEUED = "queued", "En attente d'envoi"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyé"
    DELIVERED = "delivered", "Remis"
    FAILED = "failed", "Échec"
    BOUNCED = "bounced", "Rejeté par le destinataire"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"


class Message(models.Model):
    """One message to one recipient, rendered when the decision was taken, sent by the worker."""

    kind = models.CharField("type", max_length=60, db_index=True)
    channel = models.CharField("canal", max_length=8, choices=Channel.choices)
    recipient = models.CharField("destinataire", max_length=254)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    operator = models.ForeignKey(
        "campaigns.Operator",
        verbose_name="opérateur",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    association_id = models.BigIntegerField("association", null=True, blank=True, db_index=True)
    # The object the message is about (an offer, a letter…), for the outbox page and the audit.
    about_type = models.CharField("à propos de (type)", max_length=80, blank=True)
    about_id = models.CharField("à propos de (numéro)", max_length=64, blank=True)
    subject = models.CharField("objet", max_length=255, blank=True)
    body_text = models.TextField("texte")
    body_html = models.TextField("texte HTML", blank=True)
    # The same decision never sends the same message twice, whatever retries happen.
    idempotency_key = models.CharField("clé d'unicité", max_length=200, unique=True)
    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.CharField("dernière erreur", max_length=500, blank=True)
    created_at = models.DateTimeField("créé le")
    next_attempt_at = models.DateTimeField("prochain essai", null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField("pris en charge le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    provider_id = models.CharField("identifiant chez le prestataire", max_length=200, blank=True)
    status_changed_at = models.DateTimeField("état changé le", null=True, blank=True)

    class Meta:
        verbose_name = "message"
        verbose_name_plural = "messages"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="message_sent_has_date",
                condition=~Q(status__in=["sent", "delivered"]) | Q(sent_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Message n° {self.pk}"


class MessageEvent(models.Model):
    """One step of a message's life (an attempt, its outcome, a receipt, a resend), for its page.

    The detail names what happened in plain words and the type of an error, never an address, a
    number or a text: the history may be kept and shown when the message itself is purged."""

    message = models.ForeignKey(
        Message, verbose_name="message", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("le")
    status = models.CharField("état", max_length=10, choices=Status.choices)
    detail = models.CharField("détail", max_length=200, blank=True)

    class Meta:
        verbose_name = "étape d'un message"
        verbose_name_plural = "étapes des messages"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Message n° {self.message_id} : {self.get_status_display()}"


class MessageTemplate(models.Model):
    """The operator's wording of one kind of message (else the default wording applies)."""

    operator = models.ForeignKey(
        "campaigns.Operator",
        verbose_name="opérateur",
        on_delete=models.CASCADE,
        related_name="message_templates",
    )
    kind = models.CharField("type", max_length=60)
    subject = models.CharField("objet", max_length=255, blank=True)
    body = models.TextField("texte")
    updated_at = models.DateTimeField("modifié le")
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "modèle de message"
        verbose_name_plural = "modèles de messages"
        constraints = [
            models.UniqueConstraint(fields=["operator", "kind"], name="message_template_unique")
        ]

    def __str__(self) -> str:
        return f"Modèle {self.kind}"
