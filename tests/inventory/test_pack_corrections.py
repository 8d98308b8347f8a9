"""Pack corrections: only a pack nobody holds, with a reason; the tickets follow the size."""

import pytest
from django.core.exceptions import ValidationError

from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus, Ticket
from billetterie.inventory.services import pack_correct, pack_restore, pack_withdraw
from billetterie.offers.services import offers_create
from tests import factories as f


def test_withdraw_restore_and_correct_a_free_pack(campaign, operator_user):
    pack = f.pack(campaign=campaign, size=8)
    pack_withdraw(campaign=campaign, pack_id=pack.pk, reason="séance annulée", actor=operator_user)
    pack.refresh_from_db()
    assert pack.status == PackStatus.WITHDRAWN
    pack_correct(
        campaign=campaign,
        pack_id=pack.pk,
        size=6,
        is_prestige=False,
        reason="billetterie : 6 places",
        actor=operator_user,
    )
    assert sorted(Ticket.objects.filter(pack=pack).values_list("number", flat=True)) == [
        1, 2, 3, 4, 5, 6,
    ]  # fmt: skip
    pack_restore(campaign=campaign, pack_id=pack.pk, reason="séance rétablie", actor=operator_user)
    pack.refresh_from_db()
    assert (pack.status, pack.size) == (PackStatus.AVAILABLE, 6)
    assert list(
        AuditEntry.objects.filter(subject_type="inventory.pack", subject_id=str(pack.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["pack.withdrawn", "pack.corrected", "pack.restored"]


def test_an_offered_pack_cannot_be_corrected_nor_withdrawn(campaign, association, operator_user):
    pack = f.pack(campaign=campaign, size=8)
    offers_create(campaign=campaign, pairs=[(pack.pk, association.pk)], actor=None)
    for action in (
        lambda: pack_withdraw(campaign=campaign, pack_id=pack.pk, reason="x", actor=operator_user),
        lambda: pack_correct(
            campaign=campaign, pack_id=pack.pk, size=4, is_prestige=False, reason="x",
            actor=operator_user,
        ),
    ):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            action()
        assert "proposé à une association" in refused.value.messages[0]
    pack.refresh_from_db()
    assert (pack.status, pack.size, pack.tickets.count()) == (PackStatus.OFFERED, 8, 8)


def test_a_correction_needs_a_reason(campaign, operator_user):
    pack = f.pack(campaign=campaign)
    with pytest.raises(ValidationError) as refused:
        pack_withdraw(campaign=campaign, pack_id=pack.pk, reason=" ", actor=operator_user)
    assert "reason" in refused.value.message_dict
