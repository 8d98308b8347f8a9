"""Periodic work: expiry and reminders at the right moments, once each; run_periodic is idempotent."""

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offers_send_reminders
from tests.messages import queued

# Offers sent Monday 11 March 2024 at 10:00 answer before Monday 18 March at 10:00.
DEADLINE = "2024-03-18T10:00"


def _periodic(capture, at: str) -> str:
    out = StringIO()
    with clock.frozen_at(at), capture(execute=True):
        call_command("run_periodic", stdout=out)
    return out.getvalue()


def test_reminders_two_days_before_and_on_the_last_day_once_each(
    association,
    referent_user,
    make_referent,
    make_pack,
    offer_packs,
    django_capture_on_commit_callbacks,
):
    referent_user.phone = "06 12 34 56 78"
    referent_user.save(update_fields=["phone"])
    make_referent(association, "fixe@example.org", phone="01 40 00 00 00")  # no SMS to a landline
    offers = offer_packs([(make_pack(), association), (make_pack(), association)])
    assert offers[0].expires_at == clock.parse_instant(DEADLINE)
    reminders = ("offers.reminder", "offers.last_day", "offers.last_day_sms")
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T09:59"
    )
    assert [m for kind in reminders for m in queued(kind)] == []
    # Two days before: one message per referent for both packs, then nothing more.
    assert "Relances envoyées : 1" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T10:00"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T10:01"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-17T23:59"
    )
    early = queued("offers.reminder")
    assert sorted(m.recipient for m in early) == ["fixe@example.org", "referent@example.org"]
    assert early[0].subject.startswith("Billetterie populaire : rappel — 2 lots attendent")
    assert "LOT-001" in early[0].body_text and "LOT-002" in early[0].body_text
    # The deadline's own day (Paris time): the last-day reminder, once, by e-mail and SMS.
    assert "Relances envoyées : 1" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-18T00:00"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-18T09:00"
    )
    [last_day, _] = queued("offers.last_day")
    assert "dernier jour" in last_day.subject and "avant 10:00 aujourd'hui" in last_day.subject
    [sms] = queued("offers.last_day_sms")
    assert sms.channel == "sms" and sms.recipient == "+33612345678"
    assert sms.status == "sent" and sms.subject == "" and len(sms.body_text) < 200
    assert "dernier jour" in sms.body_text and "2 lots attendent" in sms.body_text
    assert "10:00" in sms.body_text and reverse("portal:offers") in sms.body_text
    assert {m.to[0] for m in mail.outbox if "dernier jour" in m.subject} == {
        "referent@example.org",
        "fixe@example.org",
    }
    assert AuditEntry.objects.filter(action="offer.reminder_sent").count() == 4
    for offer in Offer.objects.all():
        assert offer.reminder_early_sent_at and offer.reminder_last_day_sent_at


def test_an_answered_offer_gets_no_reminder(
    association, referent_user, make_pack, offer_packs, django_capture_on_commit_callbacks
):
    from billetterie.offers.services import offer_accept

    [offer] = offer_packs([(make_pack(), association)])
    offer_accept(offer_id=offer.pk, association=association, actor=referent_user, commitment=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert offers_send_reminders(now=clock.parse_instant("2024-03-17T12:00")) == 0


def test_a_short_delay_skips_the_early_reminder(
    campaign, association, referent_user, make_pack, offer_packs
):
    campaign.response_delay_days = 2
    campaign.save()
    [offer] = offer_packs([(make_pack(), association)])
    assert offers_send_reminders(now=clock.parse_instant("2024-03-12T10:00")) == 0
    assert offers_send_reminders(now=clock.parse_instant("2024-03-13T08:00")) == 1
    offer.refresh_from_db()
    assert offer.reminder_last_day_sent_at is not None


def test_run_periodic_expires_once_and_repeats_safely(
    association, referent_user, make_pack, offer_packs, django_capture_on_commit_callbacks
):
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    mail.outbox.clear()
    first = _periodic(django_capture_on_commit_callbacks, DEADLINE)
    state = list(Offer.objects.values_list("pk", "status", "reminder_early_sent_at"))
    entries = AuditEntry.objects.count()
    second = _periodic(django_capture_on_commit_callbacks, DEADLINE)
    assert "Propositions expirées : 1" in first
    assert "Propositions expirées : 0" in second and "Relances envoyées : 0" in second
    assert list(Offer.objects.values_list("pk", "status", "reminder_early_sent_at")) == state
    assert AuditEntry.objects.count() == entries
    offer.refresh_from_db()
    pack.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and pack.status == PackStatus.AVAILABLE
    assert queued("offers.reminder") == []  # an expired offer is not reminded
    [expired] = queued("offers.expired")
    assert expired.recipient == "referent@example.org" and "LOT-001" in expired.subject
    assert "retourné au vivier" in expired.body_text
    assert "lundi 18 mars 2024 à 10:00" in expired.body_text


def test_the_periodic_task_does_the_same(association, make_pack, offer_packs):
    from billetterie.core.tasks import periodic_run_task

    offer_packs([(make_pack(), association)])
    with clock.frozen_at(clock.parse_instant(DEADLINE) + dt.timedelta(minutes=1)):
        result = periodic_run_task.enqueue()
    # Every app's due work is reported; the offers' share is one expiry and no reminder.
    assert result.return_value["expired"] == 1 and result.return_value["reminders"] == 0
