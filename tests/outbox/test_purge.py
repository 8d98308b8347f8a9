"""Past the retention date, a message keeps no address, number or text of the person: the body,
the recipient, the error (a server's refusal may quote the address) and the idempotency key
(it is built with the recipient) are all erased."""

from django.utils import timezone

from billetterie.outbox.models import Message, Status
from billetterie.outbox.purge import ERASED, outbox_personal_data_held, outbox_personal_data_purge

from .outbox_factories import make_message


def test_the_purge_erases_the_recipient_everywhere(campaign):
    phone = "+33612345678"
    message = make_message(
        campaign,
        kind="leaders.link",
        channel="sms",
        recipient=phone,
        idempotency_key=f"leaders.link:7|sms|{phone}",
        status=Status.FAILED,
        last_error=f"SMSRefused: numéro {phone} invalide",
    )
    assert outbox_personal_data_held(campaign=campaign)
    assert outbox_personal_data_purge(campaign=campaign, now=timezone.now()) == {"messages": 1}
    message.refresh_from_db()
    assert message.body_text == ERASED
    assert phone not in message.recipient
    assert phone not in message.idempotency_key
    assert phone not in message.last_error
    assert not outbox_personal_data_held(campaign=campaign)
    assert outbox_personal_data_purge(campaign=campaign, now=timezone.now()) == {"messages": 0}


def test_a_message_purged_before_keeps_being_erased(campaign):
    """A message whose body was blanked by an earlier purge but still holds its address."""
    make_message(campaign, recipient="ali@example.org", body_text=ERASED, subject="")
    assert outbox_personal_data_held(campaign=campaign)
    outbox_personal_data_purge(campaign=campaign, now=timezone.now())
    assert not Message.objects.filter(recipient__contains="ali").exists()
    assert not Message.objects.filter(idempotency_key__contains="ali").exists()
