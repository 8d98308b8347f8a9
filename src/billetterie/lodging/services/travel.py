"""The operator's hand on travel times: a corrected figure (or back to the estimate), and the one
invitation of the far associations to declare their lodging needs (each association once)."""

from django.core.exceptions import ValidationError

from billetterie.accounts.models import Role, User
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.usecase import Actor, use_case
from billetterie.lodging.links import lodging_link
from billetterie.lodging.models import FarInvitation, LodgingSettings, TravelOverride
from billetterie.lodging.selectors.travel import invite_plan
from billetterie.lodging.travel import format_minutes
from billetterie.members.models import Association
from billetterie.members.selectors import association_of_operator
from billetterie.outbox.services import Outgoing, messages_queue

FAR_INVITATION = "lodging.far_invitation"
MAX_MINUTES = 48 * 60


def _association(campaign, association_id) -> Association:
    try:
        return association_of_operator(operator=campaign.operator, association_id=association_id)
    except Association.DoesNotExist:
        raise ValidationError("Cette association n'existe pas pour cet opérateur.") from None


def _clean(minutes, reason) -> tuple[int, str]:
    errors = {}
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = None
    if minutes is None or not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = "Indiquez un temps de trajet entre 1 minute et 48 heures."
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Indiquez le motif de la correction."
    elif len(reason) > 300:
        errors["reason"] = "Le motif tient en 300 caractères au plus."
    if errors:
        raise ValidationError(errors)
    return minutes, reason


def travel_override_set(
    *, campaign, association_id: int, minutes, reason: str, actor: Actor
) -> TravelOverride:
    """Replace the estimate of the association's travel time to Paris by the operator's figure."""
    minutes, reason = _clean(minutes, reason)
    association = _association(campaign, association_id)
    with use_case():
        override = (
            TravelOverride.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, association=association)
            .first()
        )
        before = override.minutes if override else None
        if override and override.minutes == minutes and override.reason == reason:
            return override
        if override is None:
            override = TravelOverride(campaign=campaign, association=association)
        override.minutes = minutes
        override.reason = reason
        override.set_by = actor if getattr(actor, "is_authenticated", False) else None
        override.set_at = clock.now()
        override.save()
        audit_log(
            action="lodging.travel_overridden",
            actor=actor,
            subject=override,
            details={
                "before": format_minutes(before) if before is not None else "estimation",
                "after": format_minutes(minutes),
                "reason": reason,
            },
        )
    return override


def travel_override_clear(*, campaign, association_id: int, actor: Actor) -> bool:
    """Back to the estimate. False when there was no correction (nothing written)."""
    association = _association(campaign, association_id)
    with use_case():
        override = (
            TravelOverride.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, association=association)
            .first()
        )
        if override is None:
            return False
        before = override.minutes
        override.delete()
        audit_log(
            action="lodging.travel_override_cleared",
            actor=actor,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"before": format_minutes(before), "after": "estimation"},
        )
    return True


def far_associations_invite(*, campaign, actor: Actor) -> int:
    """Invite, once, every far association that has not declared a need: one message to its
    referents. Returns how many associations were invited (0 on a second press)."""
    with use_case():
        settings = (
            LodgingSettings.objects.select_for_update(of=("self",))
            .filter(campaign=campaign)
            .first()
        )
        if settings is None:
            raise ValidationError(
                "Enregistrez d'abord les réglages de l'hébergement : ce sont eux qui ouvrent la "
                "page « Hébergement » du portail, où mène l'invitation. Rien n'a été envoyé.",
                code="lodging_closed",
            )
        plan = invite_plan(campaign=campaign)  # read under the settings' lock: one press at a time
        if not plan.to_invite:
            return 0
        ids = [row.association_id for row in plan.to_invite]
        addresses: dict[int, list[str]] = {}
        for association_id, email in (
            User.objects.filter(association_id__in=ids, role=Role.REFERENT, is_active=True)
            .order_by("email")
            .values_list("association_id", "email")
        ):
            addresses.setdefault(association_id, []).append(email)
        now = clock.now()
        deadline = settings.needs_deadline
        common = {
            "seuil": format_minutes(settings.threshold_minutes),
            "echeance": f"avant le {day(deadline)}" if deadline else "dès que possible",
            "lien": lodging_link(campaign),
        }
        messages_queue(
            code=FAR_INVITATION,
            outgoing=[
                Outgoing(
                    recipients=addresses[row.association_id],
                    values={
                        **common,
                        "association": row.name,
                        "temps": format_minutes(row.longest),
                    },
                    key=f"{FAR_INVITATION}:{campaign.pk}:{row.association_id}",
                    association_id=row.association_id,
                )
                for row in plan.to_invite
            ],
            campaign=campaign,
        )
        FarInvitation.objects.bulk_create(
            FarInvitation(campaign=campaign, association_id=i, sent_at=now) for i in ids
        )
        settings.far_invited_at = now
        settings.save(update_fields=["far_invited_at"])
        audit_log(
            action="lodging.far_invited",
            actor=actor,
            subject=settings,
            details={"count": len(ids), "threshold": format_minutes(settings.threshold_minutes)},
        )
    return len(ids)
