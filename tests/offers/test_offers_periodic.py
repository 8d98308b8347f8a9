"""Periodic work: expiry and reminders at the right moments, once each; run_periodic is idempotent."""

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offers_send_reminders

# Offers sent Monday 11 March 2024 at 10:00 answer before Monday 18 March at 10:00.
DEADLINE = "2024-03-18T10:00"


def _periodic(capture, at: str) -> str:
    out = StringIO()
    with clock.frozen_at(at), capture(execute=True):
        call_command("run_periodic", stdout=out)
    return out.getvalue()


def test_reminders_two_days_before_and_on_the_last_day_once_each(
    association, referent_user, make_pack, offer_packs, django_capture_on_commit_callbacks
):
    offers = offer_packs([(make_pack(), association), (make_pack(), association)])
    assert offers[0].expires_at == clock.parse_instant(DEADLINE)
    mail.outbox.clear()
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T09:59"
    )
    assert mail.outbox == []
    # Two days before: one e-mail for both packs, then nothing more.
    assert "Relances envoyées : 1" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T10:00"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-16T10:01"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-17T23:59"
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Billetterie populaire : rappel — 2 lots attendent")
    # The deadline's own day (Paris time): the last-day reminder, once.
    assert "Relances envoyées : 1" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-18T00:00"
    )
    assert "Relances envoyées : 0" in _periodic(
        django_capture_on_commit_callbacks, "2024-03-18T09:00"
    )
    assert len(mail.outbox) == 2
    assert "dernier jour" in mail.outbox[1].subject
    assert mail.outbox[1].to == ["referent@example.org"]
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
    assert mail.outbox == []  # an expired offer is not reminded


def test_the_periodic_task_does_the_same(association, make_pack, offer_packs):
    from billetterie.core.tasks import periodic_run_task

    offer_packs([(make_pack(), association)])
    with clock.frozen_at(clock.parse_instant(DEADLINE) + dt.timedelta(minutes=1)):
        result = periodic_run_task.enqueue()
    # Every app's due work is reported; the offers' share is one expiry and no reminder.
    assert result.return_value["expired"] == 1 and result.return_value["reminders"] == 0
