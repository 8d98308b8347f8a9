"""Deciding what associations ask (derogations, letters, name changes): one way, one audit shape."""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from billetterie.attendees.models import Decision, DecisionStatus
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case

MAX_REASON = 2000


def reason_clean(text: str, what: str) -> str:
    """A reason that must be given: trimmed, not empty, not too long (the error names the field)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reason": f"Indiquez le motif {what}."}, code="reason_required")
    if len(text) > MAX_REASON:
        raise ValidationError({"reason": f"Le motif dépasse {MAX_REASON} caractères."})
    return text


def decide(
    *,
    model: type[Decision],
    campaign,
    decision_id: int,
    approve: bool,
    reason: str,
    actor: Actor,
    action: str,
    on_approve: Callable[[Decision], dict] | None = None,
    tell: Callable[[Decision], object] | None = None,
) -> Decision:
    """Grant or refuse one pending request of the campaign; a refusal needs a reason.

    `on_approve` does what granting means (apply a name change…) inside the same transaction and
    returns details for the audit entry; a ValidationError from it leaves everything unchanged.
    `tell` queues the message that tells the association, in the same transaction too: a decision
    is never recorded without its message, nor told twice (a decided request cannot be decided
    again).
    """
    reason = (reason or "").strip() if approve else reason_clean(reason, "du refus")
    with use_case():
        decision = model.objects.select_for_update(of=("self",)).get(
            pk=decision_id, campaign=campaign
        )
        if not decision.is_pending:
            raise ValidationError(model.ALREADY_DECIDED, code="already_decided")
        details = on_approve(decision) if approve and on_approve else {}
        decision.status = model.GRANTED if approve else DecisionStatus.REFUSED
        decision.decision_reason = reason
        decision.decided_by = actor_user(actor)
        decision.decided_at = clock.now()
        decision.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        audit_log(
            action=action,
            actor=actor,
            subject=decision,
            campaign_id=campaign.pk,
            association_id=decision.association_id,
            details={"decision": decision.pk, "status": decision.status, **(details or {})},
        )
        if tell is not None:
            tell(decision)
    return decision
