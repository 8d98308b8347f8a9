"""Real threads on PostgreSQL: both sides accepting a proposal at the same instant confirm it
exactly once, with exactly one message to each side."""

import pytest

from billetterie.core.models import AuditEntry
from billetterie.lodging.models import PlacementStatus
from billetterie.lodging.selectors.portal import GUEST, HOST
from billetterie.lodging.services.agreement import placement_answer
from billetterie.outbox.models import Message
from tests.concurrency import race
from tests.lodging import portal_world as w

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 10


def test_both_sides_accepting_at_once_confirm_exactly_once(
    campaign, guest, guest_user, host, host_user, paris_pack
):
    offer = w.host_offer(campaign, host, beds=200)
    for round_ in range(ROUNDS):
        night = w.D(2024, 7, 25) + w.dt.timedelta(days=round_ % 9)
        placement = w.published(w.need(campaign, guest, first=night, last=night), offer)
        answers = [
            lambda p=placement: placement_answer(
                placement_id=p.pk, association=guest, side=GUEST, accept=True, actor=guest_user
            ),
            lambda p=placement: placement_answer(
                placement_id=p.pk, association=host, side=HOST, accept=True, actor=host_user
            ),
        ] * 2  # each side answers twice (a double click): the replay changes nothing
        results, unexpected = race(answers)
        assert unexpected == []
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.CONFIRMED
        assert sum(r.changed for r in results) == 2
        about = {"about_id": str(placement.pk)}
        assert (
            Message.objects.filter(kind="lodging.placement_confirmed_guest", **about).count() == 1
        )
        assert Message.objects.filter(kind="lodging.placement_confirmed_host", **about).count() == 1
        assert (
            AuditEntry.objects.filter(
                action="lodging.placement_confirmed", subject_id=str(placement.pk)
            ).count()
            == 1
        )
        placement.status = PlacementStatus.CANCELLED  # frees the need for the next round
        placement.save(update_fields=["status"])
