"""Both associations answer a published proposal: the guest (its need) and the host (its offer).

Only when both accept is the proposal confirmed, and only then does each receive — and see — the
other's contact details. A refusal (with its reason) closes the proposal and frees the beds: only
live proposals count against a host's beds (`lodging.selectors.capacity`)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, use_case
from billetterie.lodging.links import lodging_link, practical_link
from billetterie.lodging.models import Answer, Placement, PlacementStatus
from billetterie.lodging.nights import stay_words
from billetterie.lodging.selectors.portal import GUEST, HOST
from billetterie.outbox.referents import referents_tell

CONFIRMED_GUEST = "lodging.placement_confirmed_guest"
CONFIRMED_HOST = "lodging.placement_confirmed_host"
REFUSED = "lodging.placement_refused"
OWNER = {GUEST: "need__association", HOST: "offer__association"}
SIDE_WORDS = {GUEST: "l'association accueillie", HOST: "la structure qui accueille"}
REASON_MAX = 300


@dataclass(frozen=True)
class AnswerOutcome:
    placement: Placement
    changed: bool


def _values(placement: Placement) -> dict[str, str]:
    need = placement.need
    return {
        "sejour": stay_words(need.first_night, need.last_night),
        "lieu": placement.offer.place_name,
        "lien": lodging_link(placement.campaign),
    }


def placement_refuse_locked(
    placement: Placement, *, side: str, reason: str, told: str, actor: Actor
) -> None:
    """Inside the caller's transaction, the placement locked: close it as refused, audit it and
    tell the other side (`told` ends the sentence « … n'aura pas lieu : {told} »)."""
    now = clock.now()
    placement.status = PlacementStatus.REFUSED
    placement.closed_at = now
    placement.refusal_reason = reason[:REASON_MAX]
    placement.save(update_fields=["status", "closed_at", "refusal_reason"])
    audit_log(
        action="lodging.placement_refused",
        actor=actor,
        subject=placement,
        details={"placement": placement.pk, "side": side, "reason": placement.refusal_reason},
        association_id=(
            placement.need.association_id if side == GUEST else placement.offer.association_id
        ),
    )
    other = placement.offer.association if side == GUEST else placement.need.association
    referents_tell(
        code=REFUSED,
        association_id=other.pk,
        values={**_values(placement), "association": other.name, "motif": told},
        key=f"{REFUSED}:{placement.pk}",
        campaign=placement.campaign,
        about=placement,
    )


def _confirm(placement: Placement, *, actor: Actor) -> None:
    placement.status = PlacementStatus.CONFIRMED
    placement.confirmed_at = clock.now()
    placement.save(update_fields=["status", "confirmed_at"])
    audit_log(action="lodging.placement_confirmed", actor=actor, subject=placement)
    need, offer = placement.need, placement.offer
    guest, host = need.association, offer.association
    values = _values(placement) | {"lien": practical_link(placement.campaign)}
    referents_tell(
        code=CONFIRMED_GUEST,
        association_id=guest.pk,
        values={
            **values,
            "association": guest.name,
            "hote": host.name,
            "adresse": f"{offer.address}, {offer.postal_code} {offer.town}",
            "contact_nom": offer.contact_name,
            "contact_telephone": offer.contact_phone,
            "contact_email": offer.contact_email,
        },
        key=f"{CONFIRMED_GUEST}:{placement.pk}",
        campaign=placement.campaign,
        about=placement,
    )
    referents_tell(
        code=CONFIRMED_HOST,
        association_id=host.pk,
        values={
            **values,
            "association": host.name,
            "invitee": guest.name,
            "personnes": str(need.persons),
            "contact_nom": need.contact_name,
            "contact_telephone": need.contact_phone,
            "contact_email": need.contact_email,
        },
        key=f"{CONFIRMED_HOST}:{placement.pk}",
        campaign=placement.campaign,
        about=placement,
    )


def placement_answer(
    *, placement_id: int, association, side: str, accept: bool, reason: str = "", actor: Actor
) -> AnswerOutcome:
    """The association's answer, on its side, to a published proposal.

    Placement.DoesNotExist when the proposal is not a published one of this association on this
    side. The same answer twice changes nothing; a proposal already closed otherwise is refused
    with a French message."""
    if side not in OWNER:
        raise ValueError(f"unknown side: {side}")
    reason = " ".join((reason or "").split())
    if not accept and not reason:
        raise ValidationError(
            {"reason": "Indiquez le motif du refus : il aide l'opérateur à proposer mieux."}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Le motif tient en {REASON_MAX} caractères au plus."})
    answer = Answer.ACCEPTED if accept else Answer.REFUSED
    field = f"{side}_answer"
    with use_case():
        placement = (
            Placement.objects.select_for_update(of=("self",))
            .select_related("campaign", "need__association", "offer__association")
            .exclude(status=PlacementStatus.DRAFT)
            .get(pk=placement_id, published_at__isnull=False, **{OWNER[side]: association})
        )
        if getattr(placement, field) == answer:
            return AnswerOutcome(placement, changed=False)
        if placement.status != PlacementStatus.PENDING:
            raise ValidationError(
                "Cette proposition n'attend plus de réponse "
                f"({placement.get_status_display().lower()})."
            )
        setattr(placement, field, answer)
        setattr(placement, f"{side}_answered_at", clock.now())
        placement.save(update_fields=[field, f"{side}_answered_at"])
        if accept:
            audit_log(
                action="lodging.placement_accepted",
                actor=actor,
                subject=placement,
                details={"placement": placement.pk, "side": side},
                association_id=association.pk,
            )
            if placement.guest_answer == placement.host_answer == Answer.ACCEPTED:
                _confirm(placement, actor=actor)
        else:
            placement_refuse_locked(
                placement,
                side=side,
                reason=reason,
                told=f"{SIDE_WORDS[side]} l'a refusée (motif : {reason}).",
                actor=actor,
            )
    return AnswerOutcome(placement, changed=True)
