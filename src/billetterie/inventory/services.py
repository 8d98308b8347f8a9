"""Writes on packs: the operator withdraws, restores or corrects a pack that nobody holds.

A pack offered to or accepted by an association is out of reach here: its fate goes through the
offers (an association gives it back, an offer expires). Every correction has a reason and is
audited; the tickets follow the pack's size.
"""

from django.core.exceptions import ValidationError

from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.inventory.selectors import NOT_FREE, pack_is_free


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif de la modification."})
    return reason[:500]


def _locked(*, campaign, pack_id: int) -> Pack:
    return Pack.objects.select_for_update(of=("self",)).get(pk=pack_id, campaign=campaign)


def pack_withdraw(*, campaign, pack_id: int, reason: str, actor: Actor) -> Pack:
    """Take an available pack out of the pool (the ticket office cancelled it, a session moved)."""
    reason = _reason(reason)
    with use_case():
        pack = _locked(campaign=campaign, pack_id=pack_id)
        if pack.status == PackStatus.WITHDRAWN:
            return pack
        if pack.status != PackStatus.AVAILABLE:
            raise ValidationError(NOT_FREE, code="not_free")
        pack.status = PackStatus.WITHDRAWN
        pack.save(update_fields=["status"])
        audit_log(
            action="pack.withdrawn",
            actor=actor,
            subject=pack,
            details={"pack": pack.reference, "reason": reason},
        )
    return pack


def pack_restore(*, campaign, pack_id: int, reason: str, actor: Actor) -> Pack:
    """Put a withdrawn pack back in the pool."""
    reason = _reason(reason)
    with use_case():
        pack = _locked(campaign=campaign, pack_id=pack_id)
        if pack.status == PackStatus.AVAILABLE:
            return pack
        if pack.status != PackStatus.WITHDRAWN:
            raise ValidationError(NOT_FREE, code="not_free")
        pack.status = PackStatus.AVAILABLE
        pack.save(update_fields=["status"])
        audit_log(
            action="pack.restored",
            actor=actor,
            subject=pack,
            details={"pack": pack.reference, "reason": reason},
        )
    return pack


def pack_correct(
    *, campaign, pack_id: int, size: int, is_prestige: bool, reason: str, actor: Actor
) -> Pack:
    """Correct the size or the prestige flag of a pack in the pool or withdrawn; tickets follow."""
    reason = _reason(reason)
    with use_case():
        pack = _locked(campaign=campaign, pack_id=pack_id)
        if not pack_is_free(pack):
            raise ValidationError(NOT_FREE, code="not_free")
        changes = {}
        if size != pack.size:
            changes["size"] = {"before": pack.size, "after": size}
        if is_prestige != pack.is_prestige:
            changes["is_prestige"] = {"before": pack.is_prestige, "after": is_prestige}
        if not changes:
            return pack
        pack.size, pack.is_prestige = size, is_prestige
        pack.full_clean(exclude=["campaign", "session"])
        pack.save(update_fields=["size", "is_prestige"])
        Ticket.objects.filter(pack=pack, number__gt=size).delete()
        have = set(Ticket.objects.filter(pack=pack).values_list("number", flat=True))
        Ticket.objects.bulk_create(
            Ticket(pack=pack, number=n) for n in range(1, size + 1) if n not in have
        )
        audit_log(
            action="pack.corrected",
            actor=actor,
            subject=pack,
            details={"pack": pack.reference, "reason": reason, "changes": changes},
        )
    return pack
