"""Derogations to the supervision ratio: the referent asks with a reason, the operator decides."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billetterie.attendees.models import Derogation, Group
from billetterie.attendees.selectors.deadlines import edit_state
from billetterie.attendees.services.decisions import decide, reason_clean
from billetterie.attendees.services.notifications import derogation_tell
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case


def derogation_request(
    *, campaign, association, group_id: int, supervisors: int, reason: str, actor
) -> Derogation:
    reason = reason_clean(reason, "de la demande")
    if not supervisors or supervisors < 1 or supervisors > 500:
        raise ValidationError({"supervisors": "Indiquez le nombre d'encadrants souhaité."})
    with use_case():
        group = Group.objects.select_for_update(of=("self",)).get(
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
                    requested_by=actor_user(actor),
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
    *, campaign, derogation_id: int, approve: bool, reason: str, actor: Actor
) -> Derogation:
    """Grant or refuse a pending request; a refusal needs a reason."""
    return decide(
        model=Derogation,
        campaign=campaign,
        decision_id=derogation_id,
        approve=approve,
        reason=reason,
        actor=actor,
        action="attendees.derogation_decided",
        tell=derogation_tell,
    )
