"""A message row written directly (the pages and receipts need messages in every state)."""

import itertools

from django.utils import timezone

from billetterie.outbox.models import Message, Status

_numbers = itertools.count(1)


def make_message(campaign, **fields) -> Message:
    n = next(_numbers)
    defaults = {
        "kind": "account.invitation",
        "channel": "email",
        "recipient": f"personne{n}@example.org",
        "campaign": campaign,
        "operator": campaign.operator if campaign is not None else None,
        "subject": f"Objet {n}",
        "body_text": f"Bonjour, texte du message {n}.\n",
        "idempotency_key": f"usine:{n}",
        "status": Status.QUEUED,
        "created_at": timezone.now(),
        "next_attempt_at": timezone.now(),
    }
    defaults.update(fields)
    if defaults["status"] in (Status.SENT, Status.DELIVERED):
        defaults.setdefault("sent_at", timezone.now())
    return Message.objects.create(**defaults)
