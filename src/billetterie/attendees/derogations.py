"""Derogations to the supervision ratio: the referent asks with a reason, the operator decides."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billetterie.attendees.deadlines import edit_state
from billetterie.attendees.models import Decision, Derogation, Group
from billetterie.core import clock
from billetterie.core.audit import audit_log

MAX_REASON = 2000


def _reason(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reason": f"Indiquez le motif {what}."}, code="reason_required")
    if len(text) > MAX_REASON:
        raise ValidationError({"reason": f"Le motif dépasse {MAX_REASON} caractères."})
    return text


def derogation_request(
    *, campaign, association, group_id: int, supervisors: int, reason: str, actor
) -> Derogation:
    reason = _reason(reason, "de la demande")
    if not supervisors or supervisors < 1 or supervisors > 500:
        raise ValidationError({"supervisors": "Indiquez le nombre d'encadrants souhaité."})
    with transaction.atomic(durable=True):
        group = Group.objects.select_for_update().get(
            pk=group_id, campaign=campaign, association=association
        )
        state = edit_state(
            campaign_id=campaign.pk,
            association_id=association.pk,
            games_id=group.session.games_id,
            today=clock.today(),
        )
        if not state.editable:
            raise ValidationError(state.reason, code="read_only")
        try:
            with transaction.atomic():
                derogation = Derogation.objects.create(
                    campaign=campaign,
                    association=association,
                    group=group,
                    supervisors=supervisors,
                    reason=reason,
                    requested_by=actor if getattr(actor, "is_authenticated", False) else None,
                    requested_at=clock.now(),
                )
        except IntegrityError:
            raise ValidationError(
                "Une demande de dérogation attend déjà la réponse de l'opérateur pour ce groupe."
            ) from None
        audit_log(
            action="attendees.derogation_requested",
            actor=actor,
            subject=derogation,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"derogation": derogation.pk, "group": group.pk, "supervisors": supervisors},
        )
        return derogation


def derogation_decide(
    *, campaign, derogation_id: int, grant: bool, reason: str, actor
) -> Derogation:
    """Grant or refuse a pending request; a refusal needs a reason."""
    reason = (reason or "").strip()
    if not grant:
        reason = _reason(reason, "du refus")
    with transaction.atomic(durable=True):
        derogation = Derogation.objects.select_for_update().get(pk=derogation_id, campaign=campaign)
        if derogation.status != Decision.PENDING:
            raise ValidationError("Cette demande de dérogation a déjà reçu une réponse.")
        derogation.status = Decision.GRANTED if grant else Decision.REFUSED
        derogation.decision_reason = reason
        derogation.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        derogation.decided_at = clock.now()
        derogation.save()
        audit_log(
            action="attendees.derogation_decided",
            actor=actor,
            subject=derogation,
            campaign_id=campaign.pk,
            association_id=derogation.association_id,
            details={"derogation": derogation.pk, "status": derogation.status},
        )
        return derogation
