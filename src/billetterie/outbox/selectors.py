"""What the « Messages » pages read: a campaign's messages, filtered and counted by state, and one
message with its history. Reads only; a message of another campaign raises Message.DoesNotExist."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from billetterie.members.models import Association
from billetterie.outbox.kinds import KINDS
from billetterie.outbox.models import Message, Status
from billetterie.outbox.services import RESENDABLE

# How a count of each state reads at the top of the page: « 3 en échec », « 1 remis ».
COUNT_WORDS = {
    Status.QUEUED: ("en attente d'envoi", "en attente d'envoi"),
    Status.SENDING: ("en cours d'envoi", "en cours d'envoi"),
    Status.SENT: ("envoyé", "envoyés"),
    Status.DELIVERED: ("remis", "remis"),
    Status.FAILED: ("en échec", "en échec"),
    Status.BOUNCED: ("rejeté par le destinataire", "rejetés par leur destinataire"),
}
# The tone of each state's badge (the words say it too: colour is never the only sign).
TONES = {
    Status.QUEUED: "",
    Status.SENDING: "",
    Status.SENT: "ok",
    Status.DELIVERED: "ok",
    Status.FAILED: "error",
    Status.BOUNCED: "error",
}


@dataclass(frozen=True)
class StateCount:
    status: str
    label: str
    count: int
    words: str


@dataclass(frozen=True)
class MessageRow:
    """A message as a line of the list (or the head of its page), with what it needs to be read."""

    message: Message
    kind_label: str
    association_name: str

    @property
    def resendable(self) -> bool:
        return self.message.status in RESENDABLE

    @property
    def status_label(self) -> str:
        message = self.message
        if message.status == Status.QUEUED and message.attempts:
            return "En attente d'un nouvel essai"
        return message.get_status_display()

    @property
    def tone(self) -> str:
        message = self.message
        if message.status == Status.QUEUED and message.attempts:
            return "warn"
        return TONES.get(message.status, "")


def kind_label(code: str) -> str:
    kind = KINDS.get(code)
    return kind.label if kind is not None else code


def kind_choices() -> list[tuple[str, str]]:
    """Every kind of message, by its label (for the filter)."""
    return sorted(((code, kind.label) for code, kind in KINDS.items()), key=lambda c: c[1])


def campaign_messages(
    *,
    campaign,
    status: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
    association_id: int | None = None,
    recipient: str | None = None,
) -> QuerySet[Message]:
    """The campaign's messages, newest first, without their texts (the list does not show them)."""
    qs = Message.objects.filter(campaign=campaign).defer("body_text", "body_html")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if channel:
        qs = qs.filter(channel=channel)
    if association_id:
        qs = qs.filter(association_id=association_id)
    if recipient:
        qs = qs.filter(recipient__icontains=recipient.strip())
    return qs.order_by("-created_at", "-pk")


def message_counts(*, campaign) -> list[StateCount]:
    """How many of the campaign's messages are in each state (one query), in lifecycle order."""
    counts = dict(
        Message.objects.filter(campaign=campaign)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        StateCount(value, label, counts.get(value, 0), COUNT_WORDS[value][counts.get(value, 0) > 1])
        for value, label in Status.choices
    ]


def message_associations(*, campaign) -> QuerySet[Association]:
    """The associations the campaign's messages are about (for the filter)."""
    ids = Message.objects.filter(campaign=campaign, association_id__isnull=False).values(
        "association_id"
    )
    return Association.objects.filter(pk__in=ids).order_by("name", "pk").only("pk", "name")


def message_rows(messages) -> list[MessageRow]:
    """The messages as lines: their kind's label and their association's name (one query)."""
    messages = list(messages)
    ids = {m.association_id for m in messages if m.association_id}
    names = dict(Association.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return [MessageRow(m, kind_label(m.kind), names.get(m.association_id, "")) for m in messages]


def message_of_campaign(*, campaign, message_id: int) -> Message:
    """One of the campaign's messages with its history (events oldest first)."""
    return Message.objects.filter(campaign=campaign).prefetch_related("events").get(pk=message_id)


def failed_count(counts: list[StateCount]) -> int:
    return next((c.count for c in counts if c.status == Status.FAILED), 0)
