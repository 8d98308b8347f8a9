"""What the outbox queued, for the domain tests: the messages of a kind, and their delivery."""

from django.core import mail

from billetterie.outbox.delivery import outbox_periodic
from billetterie.outbox.models import Message


def queued(kind: str | None = None, **filters) -> list[Message]:
    """The messages written so far (of this kind), oldest first."""
    rows = Message.objects.filter(**filters)
    if kind is not None:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("created_at", "pk"))


def recipients(kind: str, **filters) -> list[str]:
    return sorted(m.recipient for m in queued(kind, **filters))


def delivered() -> list:
    """Send every queued message now (as the worker would) and return the e-mails sent."""
    outbox_periodic(now=None)
    return list(mail.outbox)
