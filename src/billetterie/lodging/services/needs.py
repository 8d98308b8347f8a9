"""An association declares its stays to lodge (`Need`): consecutive nights tied to its accepted
packs in Île-de-France, the group, the contact. It may change a stay, or withdraw it: a live
proposal is then refused with it and the host is told."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.phones import phone_display, phone_parse
from billetterie.core.usecase import Actor, use_case
from billetterie.lodging.models import LIVE, Need, Placement, PlacementStatus
from billetterie.lodging.nights import are_consecutive, night_words
from billetterie.lodging.selectors.portal import (
    GUEST,
    allowed_nights,
)
from billetterie.lodging.services.agreement import placement_refuse_locked
from billetterie.lodging.services.settings import deadline_check
from billetterie.members.models import Association

GROUP_FIELDS = ("youth", "age_min", "age_max", "girls", "boys", "supervisors", "wheelchair_users")
NEED_FIELDS = (
    *GROUP_FIELDS,
    "accessibility",
    "comment",
    "contact_name",
    "contact_phone",
    "contact_email",
)
CONSECUTIVE = (
    "Les nuits d'un même séjour doivent se suivre : déclarez un second séjour pour les autres."
)


@dataclass(frozen=True)
class NeedOutcome:
    need: Need
    changed: bool


def contact_clean(fields: dict, errors: dict) -> None:
    """Contact name, phone and e-mail, shared by needs and host offers: trimmed, the phone as
    people write it; errors named by field."""
    fields["contact_name"] = " ".join(str(fields.get("contact_name") or "").split())
    if not fields["contact_name"]:
        errors["contact_name"] = "Indiquez la personne à contacter."
    number = phone_parse(str(fields.get("contact_phone") or ""))
    if number is None:
        errors["contact_phone"] = (
            "Indiquez un numéro de téléphone valide (par exemple 01 23 45 67 89)."
        )
    else:
        fields["contact_phone"] = phone_display(number)
    fields["contact_email"] = str(fields.get("contact_email") or "").strip()
    try:
        validate_email(fields["contact_email"])
    except ValidationError:
        errors["contact_email"] = "Indiquez une adresse e-mail valide."


def _number(fields: dict, name: str, errors: dict, *, low: int, high: int, optional=False):
    value = fields.get(name)
    if value in (None, ""):
        if optional:
            fields[name] = None
            return None
        errors[name] = "Indiquez un nombre."
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        errors[name] = "Indiquez un nombre entier."
        return None
    if not low <= value <= high:
        errors[name] = f"Indiquez un nombre de {low} à {high}."
        return None
    fields[name] = value
    return value


def _group_clean(fields: dict, errors: dict) -> None:
    youth = _number(fields, "youth", errors, low=0, high=500)
    supervisors = _number(fields, "supervisors", errors, low=0, high=200)
    age_min = _number(fields, "age_min", errors, low=3, high=25)
    age_max = _number(fields, "age_max", errors, low=3, high=25)
    _number(fields, "wheelchair_users", errors, low=0, high=200)
    girls = _number(fields, "girls", errors, low=0, high=500, optional=True)
    boys = _number(fields, "boys", errors, low=0, high=500, optional=True)
    if youth == 0 and supervisors == 0:
        errors["youth"] = "Le groupe compte au moins une personne (jeune ou encadrant)."
    if age_min is not None and age_max is not None and age_max < age_min:
        errors["age_max"] = "L'âge du plus âgé ne peut pas être inférieur à celui du plus jeune."
    if (girls is None) != (boys is None) and "girls" not in errors and "boys" not in errors:
        errors["girls"] = "Indiquez les deux nombres (filles et garçons), ou aucun."
    elif girls is not None and youth is not None and girls + boys != youth:
        errors["girls"] = (
            f"Filles et garçons font {girls + boys} ; ils doivent faire le nombre de jeunes "
            f"({youth})."
        )
    for name in ("accessibility", "comment"):
        fields[name] = str(fields.get(name) or "").strip()[:2000]


def _nights_clean(*, campaign, association, nights, need_id, errors) -> tuple | None:
    chosen = sorted(set(nights or []))
    if not chosen:
        errors["nights"] = "Cochez au moins une nuit."
        return None
    allowed = {a.night for a in allowed_nights(campaign=campaign, association=association)}
    outside = [n for n in chosen if n not in allowed]
    if outside:
        errors["nights"] = (
            f"La {night_words(outside[0])} n'est ni la veille ni le soir d'une épreuve d'un lot "
            "accepté en Île-de-France."
        )
        return None
    if not are_consecutive(chosen):
        errors["nights"] = CONSECUTIVE
        return None
    first, last = chosen[0], chosen[-1]
    overlap = (
        Need.objects.filter(
            campaign=campaign,
            association=association,
            withdrawn_at__isnull=True,
            first_night__lte=last,
            last_night__gte=first,
        )
        .exclude(pk=need_id)
        .first()
    )
    if overlap is not None:
        night = max(first, overlap.first_night)
        errors["nights"] = (
            f"La {night_words(night)} est déjà dans un autre séjour déclaré : une nuit ne peut "
            "compter que dans un séjour."
        )
        return None
    return first, last


def _need_clean(*, campaign, association, nights, fields, need_id=None) -> tuple[tuple, dict]:
    fields = {name: fields.get(name) for name in NEED_FIELDS}
    errors: dict = {}
    _group_clean(fields, errors)
    contact_clean(fields, errors)
    span = _nights_clean(
        campaign=campaign, association=association, nights=nights, need_id=need_id, errors=errors
    )
    if errors:
        raise ValidationError(errors)
    return span, fields


def _lock_association(association) -> None:
    # One association's stays are checked for overlap one write at a time.
    Association.objects.select_for_update(of=("self",)).filter(pk=association.pk).first()


def need_create(
    *, campaign, association, nights: list[dt.date], fields: dict, actor: Actor
) -> Need:
    deadline_check(campaign, field="needs_deadline", what="besoins d'hébergement")
    with use_case():
        _lock_association(association)
        (first, last), clean = _need_clean(
            campaign=campaign, association=association, nights=nights, fields=fields
        )
        now = clock.now()
        need = Need(
            campaign=campaign,
            association=association,
            first_night=first,
            last_night=last,
            created_at=now,
            updated_at=now,
            **clean,
        )
        need.full_clean()
        need.save()
        audit_log(
            action="lodging.need_declared",
            actor=actor,
            subject=need,
            details={
                "first_night": first.isoformat(),
                "last_night": last.isoformat(),
                "persons": need.persons,
            },
        )
    return need


def need_update(
    *, campaign, association, need_id: int, nights: list[dt.date], fields: dict, actor: Actor
) -> NeedOutcome:
    """Change a stay. Its nights and group cannot change while a proposal is live (the host
    answered for this group on these nights): refuse the proposal first. Past the deadline only
    the contact, the comment and the accessibility text may change."""
    with use_case():
        _lock_association(association)
        need = Need.objects.select_for_update(of=("self",)).get(
            pk=need_id, campaign=campaign, association=association, withdrawn_at__isnull=True
        )
        (first, last), clean = _need_clean(
            campaign=campaign,
            association=association,
            nights=nights,
            fields=fields,
            need_id=need.pk,
        )
        changed = [name for name in NEED_FIELDS if getattr(need, name) != clean[name]]
        if (first, last) != (need.first_night, need.last_night):
            changed = ["nights", *changed]
        if not changed:
            return NeedOutcome(need, changed=False)
        if set(changed) & {"nights", *GROUP_FIELDS}:
            deadline_check(campaign, field="needs_deadline", what="besoins d'hébergement")
        live = Placement.objects.filter(need=need, status__in=LIVE).select_related("offer").first()
        if live is not None and set(changed) & {"nights", *GROUP_FIELDS}:
            if live.status == PlacementStatus.CONFIRMED:
                raise ValidationError(
                    f"Votre séjour à {live.offer.place_name} est accepté des deux côtés : pour "
                    "changer les nuits ou le groupe, mettez-vous d'accord avec l'hébergeur et "
                    "contactez l'opérateur, qui peut annuler la proposition. Les contacts et le "
                    "commentaire restent modifiables."
                )
            raise ValidationError(
                f"Une proposition d'hébergement à {live.offer.place_name} est en cours pour ce "
                "séjour : pour changer les nuits ou le groupe, refusez d'abord la proposition, "
                "puis modifiez le séjour. Les contacts et le commentaire restent modifiables."
            )
        need.first_night, need.last_night = first, last
        for name in NEED_FIELDS:
            setattr(need, name, clean[name])
        need.updated_at = clock.now()
        need.full_clean()
        need.save()
        audit_log(
            action="lodging.need_changed",
            actor=actor,
            subject=need,
            details={"fields": changed},
        )
    return NeedOutcome(need, changed=True)


def need_withdraw(*, campaign, association, need_id: int, actor: Actor) -> NeedOutcome:
    """Withdraw a stay; its live proposal (waiting or accepted) is refused and the host told.
    Withdrawing twice changes nothing."""
    with use_case():
        need = Need.objects.select_for_update(of=("self",)).get(
            pk=need_id, campaign=campaign, association=association
        )
        if need.withdrawn_at is not None:
            return NeedOutcome(need, changed=False)
        refused = []
        for placement in (
            Placement.objects.select_for_update(of=("self",))
            .select_related("campaign", "need__association", "offer__association")
            .filter(need=need, status__in=LIVE)
        ):
            placement_refuse_locked(
                placement,
                side=GUEST,
                reason="Séjour retiré par l'association accueillie.",
                told="l'association accueillie a retiré ce séjour.",
                actor=actor,
            )
            refused.append(placement.pk)
        need.withdrawn_at = need.updated_at = clock.now()
        need.save(update_fields=["withdrawn_at", "updated_at"])
        audit_log(
            action="lodging.need_withdrawn",
            actor=actor,
            subject=need,
            details={"placements_refused": refused},
        )
    return NeedOutcome(need, changed=True)
