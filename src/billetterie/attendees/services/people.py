"""Writes on people: one transaction per use case, audited inside it (ids only), never a duplicate."""

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from billetterie.attendees.models import Group, NameChange, Person, PersonKind
from billetterie.attendees.names import mobile_normalise, name_key
from billetterie.attendees.selectors.deadlines import edit_states
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case

MAX_NAME = 100
# Invisible characters: format (Cf: bidirectional controls, zero-width characters, soft hyphen…),
# control (Cc), private use (Co) and lone surrogates (Cs). In a name they only hide or reorder
# what is displayed ("Dupont\u202egnp.exe"), and defeat the duplicate check.
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cs"}


@dataclass(frozen=True)
class PersonOutcome:
    person: Person
    created: bool
    merged: bool = False


def ensure_editable(*, campaign, association, games_ids) -> None:
    states = edit_states(campaign=campaign, association=association, games_ids=games_ids)
    for games_id in sorted(states):
        if not states[games_id].editable:
            raise ValidationError(states[games_id].reason, code="read_only")


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
    errors.update(name_errors(last_name=last_name, first_name=first_name))
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


def name_errors(*, last_name: str, first_name: str) -> dict[str, str]:
    """One French message per wrong name: missing, too long, or with an invisible character."""
    errors: dict[str, str] = {}
    for key, value, label in (
        ("last_name", last_name, "nom"),
        ("first_name", first_name, "prénom"),
    ):
        invisible = next(
            (c for c in value if unicodedata.category(c) in INVISIBLE_CATEGORIES), None
        )
        if not value:
            errors[key] = f"Le {label} est obligatoire."
        elif len(value) > MAX_NAME:
            errors[key] = f"Le {label} dépasse {MAX_NAME} caractères."
        elif invisible is not None:
            errors[key] = (
                f"Le {label} contient un caractère invisible ou de mise en forme "
                f"(U+{ord(invisible):04X}) : retapez-le au clavier plutôt que de le coller."
            )
    return errors


def person_match(*, campaign, association, fields: dict) -> Person | None:
    """The same person already known: same kind, same folded name and, for a youth, birth date."""
    qs = Person.objects.filter(
        campaign=campaign,
        association=association,
        kind=fields["kind"],
        name_key=name_key(last_name=fields["last_name"], first_name=fields["first_name"]),
        anonymised_at=None,
    )
    if fields["kind"] == PersonKind.YOUTH:
        qs = qs.filter(birth_date=fields["birth_date"])
    return qs.order_by("pk").first()


def person_upsert(*, campaign, association, fields: dict, actor) -> PersonOutcome:
    """Inside the caller's transaction: reuse a duplicate (filling its blanks) or create.

    The names are checked again here: the spreadsheet import builds `fields` itself. Past the
    campaign's retention date (its personal data erased), nobody is recorded any more.
    """
    if campaign.retention_until and campaign.retention_until < clock.today():
        raise ValidationError(
            "La conservation des données personnelles de cette campagne a pris fin le "
            f"{campaign.retention_until:%d/%m/%Y} : ses données ont été effacées, on ne peut plus "
            "y enregistrer de personne.",
            code="read_only",
        )
    errors = name_errors(last_name=fields["last_name"], first_name=fields["first_name"])
    if errors:
        raise ValidationError(errors)
    existing = person_match(campaign=campaign, association=association, fields=fields)
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
    try:
        with transaction.atomic():
            person = Person.objects.create(
                campaign=campaign,
                association=association,
                name_key=name_key(last_name=fields["last_name"], first_name=fields["first_name"]),
                created_at=clock.now(),
                **fields,
            )
    except IntegrityError:
        # The same person was added at the same moment by another request: reuse it.
        twin = person_match(campaign=campaign, association=association, fields=fields)
        if twin is None:
            raise
        return PersonOutcome(twin, created=False, merged=True)
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
    with use_case():
        return person_upsert(campaign=campaign, association=association, fields=fields, actor=actor)


def person_update(*, campaign, association, person_id: int, actor, **raw) -> PersonOutcome:
    """Change a person; when the new name matches another person, the two are merged into it."""
    fields = person_fields_clean(**raw)
    with use_case():
        person = Person.objects.select_for_update(of=("self",)).get(
            pk=person_id, campaign=campaign, association=association, anonymised_at=None
        )
        ensure_editable(campaign=campaign, association=association, games_ids=_person_games(person))
        if person.holdings.exists() and fields["kind"] != person.kind:
            raise ValidationError(
                {"kind": "Cette personne a des billets : retirez-les avant de changer son rôle."}
            )
        twin = person_match(campaign=campaign, association=association, fields=fields)
        if twin is not None and twin.pk != person.pk:
            # The kept person is locked too: nobody names it in the duplicate's sessions meanwhile.
            twin = Person.objects.select_for_update(of=("self",)).get(pk=twin.pk)
            person_merge(keep=twin, duplicate=person, actor=actor)
            return PersonOutcome(twin, created=False, merged=True)
        for name, value in fields.items():
            setattr(person, name, value)
        person.name_key = name_key(last_name=fields["last_name"], first_name=fields["first_name"])
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
    with use_case():
        person = Person.objects.select_for_update(of=("self",)).get(
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
