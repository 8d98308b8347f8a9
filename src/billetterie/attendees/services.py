"""Writes on people and groups: one transaction per use case, audited inside it (ids only)."""

import datetime as dt
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from billetterie.attendees.deadlines import edit_state, games_deadlines, submitted_games_of
from billetterie.attendees.models import Group, GroupPack, Holder, NameChange, Person, PersonKind
from billetterie.attendees.names import mobile_normalise, name_key
from billetterie.attendees.rules import GroupIn, HolderIn, Nomination, Violation, violations
from billetterie.attendees.selectors import accepted_packs, granted_derogations, nomination_of
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.inventory.models import Ticket

MAX_NAME = 100


@dataclass(frozen=True)
class PersonOutcome:
    person: Person
    created: bool
    merged: bool = False


def _ensure_editable(*, campaign, association, games_ids) -> None:
    deadlines = games_deadlines(campaign_id=campaign.pk)
    sent = submitted_games_of(campaign_id=campaign.pk, association_id=association.pk)
    for games_id in sorted(set(games_ids)):
        state = edit_state(
            campaign_id=campaign.pk,
            association_id=association.pk,
            games_id=games_id,
            today=clock.today(),
            deadlines=deadlines,
            submitted_games=sent,
        )
        if not state.editable:
            raise ValidationError(state.reason, code="read_only")


def _person_games(person: Person) -> set[int]:
    return set(person.holdings.values_list("session__games_id", flat=True))


def person_fields_clean(
    *, kind: str, last_name: str, first_name: str, birth_date, mobile_phone: str, email: str
) -> dict:
    """Checked and normalised fields; ValidationError with one French message per field."""
    errors: dict[str, str] = {}
    last_name, first_name = (
        " ".join((last_name or "").split()),
        " ".join((first_name or "").split()),
    )
    if kind not in PersonKind.values:
        errors["kind"] = "Choisissez jeune ou encadrant."
    for key, value, label in (
        ("last_name", last_name, "nom"),
        ("first_name", first_name, "prénom"),
    ):
        if not value:
            errors[key] = f"Le {label} est obligatoire."
        elif len(value) > MAX_NAME:
            errors[key] = f"Le {label} dépasse {MAX_NAME} caractères."
    if kind == PersonKind.YOUTH:
        if birth_date is None:
            errors["birth_date"] = "La date de naissance d'un jeune est obligatoire."
        elif birth_date > clock.today() or birth_date < dt.date(1900, 1, 1):
            errors["birth_date"] = "Cette date de naissance n'est pas plausible."
    phone = (mobile_phone or "").strip()
    if phone:
        normalised = mobile_normalise(phone)
        if not normalised:
            errors["mobile_phone"] = (
                f"« {phone} » n'est pas un numéro de portable français valide "
                "(06, 07, ou 0690, 0694, 0696… outre-mer)."
            )
        phone = normalised
    address = (email or "").strip().lower()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            errors["email"] = f"« {address} » n'est pas une adresse e-mail valide."
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "last_name": last_name,
        "first_name": first_name,
        "birth_date": birth_date if kind == PersonKind.YOUTH else None,
        "mobile_phone": phone,
        "email": address,
    }


def person_match(*, campaign, association, kind: str, key: str, birth_date) -> Person | None:
    """The same person already known: same kind, same folded name and, for a youth, birth date."""
    qs = Person.objects.filter(
        campaign=campaign, association=association, kind=kind, name_key=key, anonymised_at=None
    )
    if kind == PersonKind.YOUTH:
        qs = qs.filter(birth_date=birth_date)
    return qs.order_by("pk").first()


def person_upsert(*, campaign, association, fields: dict, actor) -> PersonOutcome:
    """Inside the caller's transaction: reuse a duplicate (filling its blanks) or create."""
    key = name_key(last_name=fields["last_name"], first_name=fields["first_name"])
    existing = person_match(
        campaign=campaign,
        association=association,
        kind=fields["kind"],
        key=key,
        birth_date=fields["birth_date"],
    )
    if existing is not None:
        changed = [
            f for f in ("mobile_phone", "email") if fields[f] and getattr(existing, f) != fields[f]
        ]
        for f in changed:
            setattr(existing, f, fields[f])
        if changed:
            existing.save(update_fields=changed)
            audit_log(
                action="attendees.person_updated",
                actor=actor,
                subject=existing,
                campaign_id=campaign.pk,
                details={"person": existing.pk, "fields": changed},
            )
        return PersonOutcome(existing, created=False, merged=True)
    person = Person.objects.create(
        campaign=campaign, association=association, name_key=key, created_at=clock.now(), **fields
    )
    audit_log(
        action="attendees.person_created",
        actor=actor,
        subject=person,
        campaign_id=campaign.pk,
        details={"person": person.pk, "kind": person.kind},
    )
    return PersonOutcome(person, created=True)


def person_create(*, campaign, association, actor, **raw) -> PersonOutcome:
    """Add a youth or a supervisor; a duplicate is never created: the known person is returned."""
    fields = person_fields_clean(**raw)
    with transaction.atomic(durable=True):
        return person_upsert(campaign=campaign, association=association, fields=fields, actor=actor)


def person_update(*, campaign, association, person_id: int, actor, **raw) -> PersonOutcome:
    """Change a person; when the new name matches another person, the two are merged into it."""
    fields = person_fields_clean(**raw)
    with transaction.atomic(durable=True):
        person = Person.objects.select_for_update().get(
            pk=person_id, campaign=campaign, association=association, anonymised_at=None
        )
        _ensure_editable(
            campaign=campaign, association=association, games_ids=_person_games(person)
        )
        if person.holdings.exists() and fields["kind"] != person.kind:
            raise ValidationError(
                {"kind": "Cette personne a des billets : retirez-les avant de changer son rôle."}
            )
        key = name_key(last_name=fields["last_name"], first_name=fields["first_name"])
        twin = person_match(
            campaign=campaign,
            association=association,
            kind=fields["kind"],
            key=key,
            birth_date=fields["birth_date"],
        )
        if twin is not None and twin.pk != person.pk:
            person_merge(keep=twin, duplicate=person, actor=actor)
            return PersonOutcome(twin, created=False, merged=True)
        for name, value in fields.items():
            setattr(person, name, value)
        person.name_key = key
        person.save()
        audit_log(
            action="attendees.person_updated",
            actor=actor,
            subject=person,
            campaign_id=campaign.pk,
            details={"person": person.pk},
        )
        return PersonOutcome(person, created=False)


def person_merge(*, keep: Person, duplicate: Person, actor) -> None:
    """Inside the caller's transaction: move everything of `duplicate` onto `keep`, then delete it."""
    if keep.kind != duplicate.kind or keep.association_id != duplicate.association_id:
        raise ValidationError(
            "Seules deux fiches du même rôle et de la même association se fusionnent."
        )
    keep_sessions = set(keep.holdings.values_list("session_id", flat=True))
    clash = duplicate.holdings.filter(session_id__in=keep_sessions).exists()
    if clash:
        raise ValidationError(
            "Ces deux fiches ont chacune un billet pour la même épreuve : retirez l'un des deux "
            "billets avant de les fusionner."
        )
    for field in ("mobile_phone", "email"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.save()
    moved = duplicate.holdings.update(person=keep)
    Group.objects.filter(leader=duplicate).update(leader=keep)
    NameChange.objects.filter(old_person=duplicate).update(old_person=keep)
    NameChange.objects.filter(new_person=duplicate).update(new_person=keep)
    audit_log(
        action="attendees.person_merged",
        actor=actor,
        subject=keep,
        campaign_id=keep.campaign_id,
        details={"kept": keep.pk, "merged": duplicate.pk, "tickets_moved": moved},
    )
    duplicate.delete()


def person_delete(*, campaign, association, person_id: int, actor) -> None:
    with transaction.atomic(durable=True):
        person = Person.objects.select_for_update().get(
            pk=person_id, campaign=campaign, association=association
        )
        if person.holdings.exists():
            raise ValidationError(
                "Cette personne est nommée sur des billets : retirez-les d'abord."
            )
        if (
            NameChange.objects.filter(new_person=person).exists()
            or NameChange.objects.filter(old_person=person).exists()
        ):
            raise ValidationError("Cette personne figure dans une réattribution nominative.")
        audit_log(
            action="attendees.person_deleted",
            actor=actor,
            subject=person,
            campaign_id=campaign.pk,
            details={"person": person.pk},
        )
        person.delete()


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
    with transaction.atomic(durable=True):
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
        _ensure_editable(
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
    with transaction.atomic(durable=True):
        group = Group.objects.select_for_update().get(
            pk=group_id, campaign=campaign, association=association
        )
        _ensure_editable(
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
    with transaction.atomic(durable=True):
        group = Group.objects.select_for_update().get(
            pk=group_id, campaign=campaign, association=association
        )
        _ensure_editable(
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
