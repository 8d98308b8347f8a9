"""The outbox's shredder: past the campaign's retention date, message bodies are blanked, and
the recipient's address or number is erased wherever it is kept: the recipient itself, the
idempotency key (built with it) and the last error (a server's refusal may quote it)."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from billetterie.outbox.models import Message

ERASED = "(effacé à la fin de la conservation des données de la campagne)"
ERASED_RECIPIENT = "(effacé)"
ERASED_KEY_PREFIX = "effacé:"


def _kept(campaign):
    return Message.objects.filter(campaign=campaign).filter(
        ~Q(body_text=ERASED) | ~Q(recipient=ERASED_RECIPIENT) | ~Q(last_error="")
    )


def outbox_personal_data_held(*, campaign) -> bool:
    return _kept(campaign).exists()


def outbox_personal_data_purge(*, campaign, now) -> dict[str, int]:
    return {
        "messages": _kept(campaign).update(
            subject="",
            body_text=ERASED,
            body_html="",
            recipient=ERASED_RECIPIENT,
            last_error="",
            idempotency_key=Concat(Value(ERASED_KEY_PREFIX), Cast("pk", output_field=CharField())),
        )
    }
