"""Name changes after submission: asked by the referent, approved by the operator, then exported."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billetterie.attendees.models import (
    DecisionStatus,
    Group,
    Holder,
    NameChange,
    Person,
    PersonKind,
)
from billetterie.attendees.names import is_mobile
from billetterie.attendees.rules import GroupIn, HolderIn, violations
from billetterie.attendees.selectors.association import nomination_of
from billetterie.attendees.selectors.deadlines import edit_state
from billetterie.attendees.services.decisions import decide, reason_clean
from billetterie.attendees.services.notifications import name_change_tell
from billetterie.core import clock, hooks
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case


def can_request_change(*, holder: Holder, today) -> bool:
    """Only once the Games is read-only (sent or past its deadline) and before the session."""
    state = edit_state(
        campaign_id=holder.campaign_id,
        association_id=holder.association_id,
        games_id=holder.session.games_id,
        today=today,
    )
    return not state.editable and holder.session.date >= today


def name_change_request(
    *, campaign, association, holder_id: int, new_person_id: int, reason: str, actor
) -> NameChange:
    reason = reason_clean(reason, "de la réattribution")
    with use_case():
        holder = (
            Holder.objects.select_for_update(of=("self",))
            .select_related("session", "ticket__pack")
            .get(pk=holder_id, campaign=campaign, association=association)
        )
        if not can_request_change(holder=holder, today=clock.today()):
            raise ValidationError(
                "Ce billet se modifie encore directement dans le groupe (ou l'épreuve est passée)."
            )
        new_person = Person.objects.filter(
            pk=new_person_id, campaign=campaign, association=association, anonymised_at=None
        ).first()
        if new_person is None:
            raise ValidationError({"new_person": "Choisissez une personne de votre association."})
        if new_person.pk == holder.person_id:
            raise ValidationError({"new_person": "Cette personne est déjà nommée sur ce billet."})
        try:
            with transaction.atomic():
                change = NameChange.objects.create(
                    campaign=campaign,
                    association=association,
                    ticket=holder.ticket,
                    old_person_id=holder.person_id,
                    new_person=new_person,
                    reason=reason,
                    requested_by=actor_user(actor),
                    requested_at=clock.now(),
                )
        except IntegrityError:
            raise ValidationError(
                "Une réattribution attend déjà la réponse de l'opérateur pour ce billet."
            ) from None
        audit_log(
            action="attendees.name_change_requested",
            actor=actor,
            subject=change,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"name_change": change.pk, "ticket": holder.ticket_id},
        )
        return change


def _new_violations(*, campaign, holder: Holder, new_person: Person, leader_id) -> list[str]:
    """Rules the change would break that were not broken before it."""
    nomination = nomination_of(campaign=campaign, association=holder.association, attested=True)
    before = {v.message for v in violations(nomination)}
    ref, number = holder.ticket.pack.reference, holder.ticket.number
    holders = [h for h in nomination.holders if (h.pack, h.ticket) != (ref, number)]
    holders.append(HolderIn(ref, number, new_person.pk))
    groups = [
        GroupIn(g.id, g.name, leader_id, g.derogation_supervisors) if g.id == holder.group_id else g
        for g in nomination.groups
    ]
    after = violations(replace(nomination, holders=tuple(holders), groups=tuple(groups)))
    return [v.message for v in after if v.message not in before]


def name_change_decide(
    *, campaign, name_change_id: int, approve: bool, reason: str, actor: Actor
) -> NameChange:
    """Approve (apply the change, rules and constraints still holding) or refuse with a reason."""
    return decide(
        model=NameChange,
        campaign=campaign,
        decision_id=name_change_id,
        approve=approve,
        reason=reason,
        actor=actor,
        action="attendees.name_change_decided",
        tell=name_change_tell,
        on_approve=lambda change: _name_change_apply(change, actor=actor),
    )


def _name_change_apply(change: NameChange, *, actor: Actor) -> dict:
    """Inside the decision's transaction: the new person takes the ticket (and leads if due);
    whatever was issued for the former holder (a download link) is withdrawn by the apps above
    (`hooks.ticket_holder_changed`)."""
    holder = (
        Holder.objects.select_for_update(of=("self",))
        .select_related("ticket__pack", "association", "group", "session")
        .filter(ticket_id=change.ticket_id)
        .first()
    )
    if holder is None or holder.person_id != change.old_person_id:
        raise ValidationError(
            "Le billet a changé depuis la demande : refusez-la et demandez-en une nouvelle."
        )
    new_person = change.new_person
    group = Group.objects.select_for_update(of=("self",)).get(pk=holder.group_id)
    leader_id = group.leader_id
    if leader_id == change.old_person_id:
        takes_over = new_person.kind == PersonKind.SUPERVISOR and is_mobile(new_person.mobile_phone)
        leader_id = new_person.pk if takes_over else None
    broken = _new_violations(
        campaign=change.campaign, holder=holder, new_person=new_person, leader_id=leader_id
    )
    if broken:
        raise ValidationError(broken, code="violations")
    holder.person = new_person
    holder.named_at = clock.now()
    try:
        with transaction.atomic():
            holder.save(update_fields=["person", "named_at"])
    except IntegrityError:
        raise ValidationError("La nouvelle personne a déjà un billet pour cette épreuve.") from None
    if leader_id != group.leader_id:
        group.leader_id = leader_id
        group.save(update_fields=["leader"])
    hooks.ticket_holder_changed.fire(ticket_id=change.ticket_id, actor=actor)
    return {"ticket": change.ticket_id}


def changes_to_export(*, campaign):
    """Approved changes not yet sent to the ticket office, oldest first."""
    return (
        NameChange.objects.filter(
            campaign=campaign, status=DecisionStatus.GRANTED, exported_at=None
        )
        .select_related("association", "ticket__pack__session", "old_person", "new_person")
        .order_by("decided_at", "pk")
    )
