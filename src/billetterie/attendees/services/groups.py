"""Writes on groups: packs grouped by session, holders named per ticket, the leader chosen."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from billetterie.attendees.models import Group, GroupPack, Holder, Person
from billetterie.attendees.rules import GroupIn, HolderIn, Nomination, Violation, violations
from billetterie.attendees.selectors.association import (
    accepted_packs,
    granted_derogations,
    nomination_of,
)
from billetterie.attendees.services.people import ensure_editable
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case
from billetterie.inventory.models import Ticket


def pack_release(*, pack_id: int, actor, keep_association_id: int | None = None) -> int:
    """Inside the caller's transaction: a pack that left an association loses its group and holders.

    Call it when an accepted pack is given back; group_create and the import also call it for
    leftovers of an earlier association. Returns the number of holders removed.
    """
    links = GroupPack.objects.filter(pack_id=pack_id).select_related("group")
    if keep_association_id is not None:
        links = links.exclude(group__association_id=keep_association_id)
    removed = 0
    for link in links:
        group = link.group
        removed += Holder.objects.filter(group=group, ticket__pack_id=pack_id).delete()[0]
        link.delete()
        audit_log(
            action="attendees.pack_released",
            actor=actor,
            subject=group,
            campaign_id=group.campaign_id,
            association_id=group.association_id,
            details={"group": group.pk, "pack": pack_id, "holders_removed": removed},
        )
    return removed


def group_create(*, campaign, association, pack_ids: list[int], name: str, actor) -> Group:
    """A group for one accepted pack, or several of the same session, not yet in a group."""
    with use_case():
        packs = list(
            accepted_packs(campaign=campaign, association=association)
            .filter(pk__in=pack_ids)
            .select_for_update(of=("self",))
        )
        if not packs or len(packs) != len(set(pack_ids)):
            raise ValidationError("Choisissez un ou plusieurs lots acceptés par votre association.")
        for p in packs:
            pack_release(pack_id=p.pk, actor=actor, keep_association_id=association.pk)
        if len({p.session_id for p in packs}) > 1:
            raise ValidationError("Un groupe réunit des lots de la même épreuve seulement.")
        taken = [p.reference for p in packs if GroupPack.objects.filter(pack=p).exists()]
        if taken:
            raise ValidationError(f"Lot(s) déjà dans un groupe : {', '.join(taken)}.")
        ensure_editable(
            campaign=campaign, association=association, games_ids={packs[0].session.games_id}
        )
        label = " ".join((name or "").split())[:80] or "Groupe " + ", ".join(
            p.reference for p in packs
        )
        group = Group.objects.create(
            campaign=campaign,
            association=association,
            session=packs[0].session,
            name=label,
            created_at=clock.now(),
        )
        try:
            GroupPack.objects.bulk_create(GroupPack(group=group, pack=p) for p in packs)
        except IntegrityError:
            raise ValidationError("Un de ces lots vient d'être mis dans un autre groupe.") from None
        audit_log(
            action="attendees.group_created",
            actor=actor,
            subject=group,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"group": group.pk, "packs": [p.pk for p in packs]},
        )
        return group


def group_delete(*, campaign, association, group_id: int, actor) -> None:
    with use_case():
        group = Group.objects.select_for_update(of=("self",)).get(
            pk=group_id, campaign=campaign, association=association
        )
        ensure_editable(
            campaign=campaign, association=association, games_ids={group.session.games_id}
        )
        audit_log(
            action="attendees.group_deleted",
            actor=actor,
            subject=group,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"group": group.pk, "holders": group.holders.count()},
        )
        group.delete()


def nomination_with_group(
    *, nomination: Nomination, group: Group, assignments: dict[int, int | None], leader_id
) -> Nomination:
    """The association's nomination as it would be with this group's tickets named so."""
    tickets = Ticket.objects.filter(pack__group_link__group=group).select_related("pack")
    mine = {t.pack.reference for t in tickets}
    holders = [h for h in nomination.holders if h.pack not in mine]
    holders += [
        HolderIn(t.pack.reference, t.number, assignments[t.pk])
        for t in tickets
        if assignments.get(t.pk)
    ]
    derogation = granted_derogations(group_ids=[group.pk]).get(group.pk)
    groups = [g for g in nomination.groups if g.id != group.pk]
    groups.append(GroupIn(group.pk, group.name, leader_id, derogation))
    return replace(nomination, holders=tuple(holders), groups=tuple(groups))


def group_check(*, campaign, association, group: Group, assignments, leader_id) -> list[Violation]:
    """The violations the association would have with this group named so (nothing written)."""
    nomination = nomination_of(campaign=campaign, association=association, attested=True)
    return violations(
        nomination_with_group(
            nomination=nomination, group=group, assignments=assignments, leader_id=leader_id
        )
    )


def group_name_holders(
    *, campaign, association, group_id: int, assignments: dict[int, int | None], leader_id, actor
) -> list[Violation]:
    """Save who holds each ticket of a group and who leads it; return the violations left.

    Soft rules (a pack not whole yet, the ratio…) are shown and block only the submission; two
    tickets of one session for one person cannot be stored and refuse the save.
    """
    with use_case():
        group = Group.objects.select_for_update(of=("self",)).get(
            pk=group_id, campaign=campaign, association=association
        )
        ensure_editable(
            campaign=campaign, association=association, games_ids={group.session.games_id}
        )
        tickets = {t.pk: t for t in Ticket.objects.filter(pack__group_link__group=group)}
        unknown = set(assignments) - set(tickets)
        if unknown:
            raise ValidationError("Un des billets n'appartient pas à ce groupe.")
        wanted = {pid for pid in assignments.values() if pid} | (
            {leader_id} if leader_id else set()
        )
        people = {
            p.pk: p
            for p in Person.objects.filter(
                pk__in=wanted, campaign=campaign, association=association, anonymised_at=None
            )
        }
        if wanted - set(people):
            raise ValidationError(
                "Une des personnes choisies n'appartient pas à votre association."
            )
        found = group_check(
            campaign=campaign,
            association=association,
            group=group,
            assignments=assignments,
            leader_id=leader_id,
        )
        blocking = [v for v in found if v.code == "same_session"]
        if blocking:
            raise ValidationError([v.message for v in blocking], code="same_session")
        now = clock.now()
        current = {h.ticket_id: h for h in group.holders.all()}
        removed = [h.pk for tid, h in current.items() if not assignments.get(tid)]
        changed = [
            tid
            for tid, pid in assignments.items()
            if pid and current.get(tid) and current[tid].person_id != pid
        ]
        Holder.objects.filter(pk__in=removed + [current[t].pk for t in changed]).delete()
        created = [
            Holder(
                campaign=campaign,
                association=association,
                group=group,
                ticket_id=tid,
                person_id=pid,
                session_id=group.session_id,
                named_at=now,
            )
            for tid, pid in assignments.items()
            if pid and (tid not in current or tid in changed)
        ]
        try:
            with transaction.atomic():
                Holder.objects.bulk_create(created)
        except IntegrityError:
            raise ValidationError(
                "Une personne a déjà un billet pour cette épreuve dans un autre groupe."
            ) from None
        group.leader_id = leader_id or None
        group.save(update_fields=["leader"])
        audit_log(
            action="attendees.group_named",
            actor=actor,
            subject=group,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={
                "group": group.pk,
                "named": len(created),
                "removed": len(removed),
                "leader": leader_id,
            },
        )
    return [v for v in found if v.code != "attestation"]
