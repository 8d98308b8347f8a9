"""The outbox's shredder: past the campaign's retention date, message bodies are blanked."""

from billetterie.outbox.models import Message

ERASED = "(effacé à la fin de la conservation des données de la campagne)"


def _kept(campaign):
    return Message.objects.filter(campaign=campaign).exclude(body_text=ERASED)


def outbox_personal_data_held(*, campaign) -> bool:
    return _kept(campaign).exists()


def outbox_personal_data_purge(*, campaign, now) -> dict[str, int]:
    return {"messages": _kept(campaign).update(subject="", body_text=ERASED, body_html="")}
