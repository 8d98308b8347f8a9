"""A host (an association, member of the operator's federation or not) offers a place: where, beds
night by night over the Games, who it can welcome, on what terms. It may change the offer — never
below the beds live proposals already use — or withdraw it while no proposal is confirmed."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.plural import plural
from billetterie.core.usecase import Actor, use_case
from billetterie.lodging.instance import group_of, host_of
from billetterie.lodging.links import lodging_link
from billetterie.lodging.matching import compatible
from billetterie.lodging.models import (
    IDF_DEPARTEMENTS,
    LIVE,
    HostNight,
    HostOffer,
    Meals,
    Placement,
    PlacementStatus,
)
from billetterie.lodging.nights import night_words, nights_between, stay_words
from billetterie.lodging.selectors.capacity import beds_used
from billetterie.lodging.selectors.portal import HOST, offer_periods
from billetterie.lodging.services.agreement import placement_refuse_locked
from billetterie.lodging.services.needs import contact_clean
from billetterie.lodging.services.settings import deadline_check
from billetterie.members.geography import coordinates_from_postal_code
from billetterie.outbox.referents import referents_tell

PLACE_CHANGED = "lodging.place_changed"

TEXT_FIELDS = ("place_name", "address", "town")
OFFER_FIELDS = (
    "place_name",
    "address",
    "postal_code",
    "town",
    "age_min",
    "age_max",
    "mixed_groups",
    "single_sex_rooms",
    "wheelchair_accessible",
    "accessibility",
    "price_per_night",
    "meals",
    "conditions",
    "insurance_notes",
    "contact_name",
    "contact_phone",
    "contact_email",
)
MAX_BEDS = 1000


@dataclass(frozen=True)
class HostOfferOutcome:
    offer: HostOffer
    changed: bool


def _int(value, name, errors, *, low, high):
    try:
        value = int(value)
    except (TypeError, ValueError):
        errors[name] = "Indiquez un nombre entier."
        return None
    if not low <= value <= high:
        errors[name] = f"Indiquez un nombre de {low} à {high}."
        return None
    return value


def _offer_clean(fields: dict, errors: dict) -> dict:
    clean = {name: fields.get(name) for name in OFFER_FIELDS}
    labels = {"place_name": "le nom du lieu", "address": "l'adresse", "town": "la commune"}
    for name in TEXT_FIELDS:
        clean[name] = " ".join(str(clean[name] or "").split())
        if not clean[name]:
            errors[name] = f"Indiquez {labels[name]}."
    clean["postal_code"] = str(clean["postal_code"] or "").strip()
    if not re.fullmatch(r"[0-9]{5}", clean["postal_code"]):
        errors["postal_code"] = "Indiquez un code postal de 5 chiffres."
    elif clean["postal_code"][:2] not in IDF_DEPARTEMENTS:
        errors["postal_code"] = (
            "Le lieu d'accueil doit être en Île-de-France (code postal commençant par "
            "75, 77, 78, 91, 92, 93, 94 ou 95)."
        )
    clean["age_min"] = _int(clean["age_min"], "age_min", errors, low=3, high=25)
    clean["age_max"] = _int(clean["age_max"], "age_max", errors, low=3, high=25)
    if None not in (clean["age_min"], clean["age_max"]) and clean["age_max"] < clean["age_min"]:
        errors["age_max"] = "L'âge maximum ne peut pas être inférieur à l'âge minimum."
    for name in ("mixed_groups", "single_sex_rooms", "wheelchair_accessible"):
        clean[name] = bool(clean[name])
    for name in ("accessibility", "conditions", "insurance_notes"):
        clean[name] = str(clean[name] or "").strip()[:4000]
    price = clean["price_per_night"]
    if price in (None, ""):
        clean["price_per_night"] = None
    else:
        try:
            price = Decimal(str(price).replace(",", ".")).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            price = None
        if price is None or not Decimal("0") <= price <= Decimal("9999.99"):
            errors["price_per_night"] = "Indiquez un prix en euros (par exemple 12,50), ou rien."
        clean["price_per_night"] = price
    if clean["meals"] not in Meals.values:
        errors["meals"] = "Choisissez les repas proposés dans la liste."
    contact_clean(clean, errors)
    return clean


def _beds_clean(*, campaign, beds: dict, default_beds, errors: dict) -> dict[dt.date, int]:
    """Beds per night within the campaign's Games periods; an empty night takes the default."""
    nights = [night for _name, period in offer_periods(campaign=campaign) for night in period]
    default = None
    if default_beds not in (None, ""):
        default = _int(default_beds, "default_beds", errors, low=0, high=MAX_BEDS)
    unknown = set(beds) - set(nights)
    if unknown:
        errors["beds"] = (
            f"La {night_words(min(unknown))} n'est pas une nuit des Jeux de cette campagne."
        )
        return {}
    result: dict[dt.date, int] = {}
    for night in nights:
        value = beds.get(night)
        if value in (None, ""):
            value = default
        elif (value := _int(value, "beds", errors, low=0, high=MAX_BEDS)) is None:
            errors["beds"] = (
                f"{night_words(night).capitalize()} : indiquez un nombre de lits de 0 à "
                f"{MAX_BEDS}, ou laissez vide."
            )
            return {}
        if value:
            result[night] = value
    if not result and "default_beds" not in errors:
        errors["beds"] = "Indiquez des lits pour au moins une nuit."
    return result


def _coordinates(association, postal_code: str) -> tuple:
    """The association's own coordinates when the place is in its postal code and they are
    known; else the centre of the postal code's département (its prefecture: approximate)."""
    if postal_code == association.postal_code and association.latitude is not None:
        return association.latitude, association.longitude
    return coordinates_from_postal_code(postal_code) or (None, None)


# What a host may still correct after the deadline: who to call and the texts the guest reads
# (the matching does not use them). The place, its beds and whom it welcomes are then fixed.
LATE_FIELDS = ("contact_name", "contact_phone", "contact_email", "conditions", "insurance_notes")
ADDRESS_FIELDS = ("place_name", "address", "postal_code", "town")


def _clean_all(*, campaign, fields, beds, default_beds):
    errors: dict = {}
    clean = _offer_clean(fields, errors)
    nights = _beds_clean(campaign=campaign, beds=beds, default_beds=default_beds, errors=errors)
    if errors:
        raise ValidationError(errors)
    return clean, nights


def _nights_write(offer: HostOffer, nights: dict[dt.date, int]) -> None:
    HostNight.objects.filter(offer=offer).exclude(night__in=list(nights)).delete()
    existing = {n.night: n for n in HostNight.objects.filter(offer=offer)}
    for night, beds in nights.items():
        row = existing.get(night)
        if row is None:
            HostNight.objects.create(offer=offer, night=night, beds=beds)
        elif row.beds != beds:
            row.beds = beds
            row.save(update_fields=["beds"])


def _live_still_possible(offer: HostOffer, live: list[Placement]) -> None:
    """The offer's new conditions must still take every group it has a live proposal for (beds
    are checked night by night elsewhere)."""
    for placement in live:
        need = placement.need
        group = {**group_of(need, []), "owner": None}
        nights = {n: MAX_BEDS for n in nights_between(need.first_night, need.last_night)}
        why = compatible(group, {**host_of(offer, nights), "owner": None})
        if why is not None:
            stay = stay_words(need.first_night, need.last_night)
            raise ValidationError(
                f"Une proposition est en cours pour un groupe ({stay}, {plural(need.youth, 'jeune')} de "
                f"{need.age_min} à {need.age_max} ans) : avec ces conditions, il ne pourrait plus "
                f"venir ({why}). Gardez les conditions qu'il remplit, ou demandez à l'opérateur "
                "d'annuler la proposition."
            )


def _address_changed_tell(offer: HostOffer, live: list[Placement]) -> None:
    """The guests whose stay here is agreed were given the address: they get the new one."""
    for placement in live:
        if placement.status != PlacementStatus.CONFIRMED:
            continue
        need = placement.need
        referents_tell(
            code=PLACE_CHANGED,
            association_id=need.association_id,
            values={
                "association": need.association.name,
                "lieu": offer.place_name,
                "adresse": f"{offer.address}, {offer.postal_code} {offer.town}",
                "sejour": stay_words(need.first_night, need.last_night),
                "lien": lodging_link(offer.campaign),
            },
            key=f"{PLACE_CHANGED}:{placement.pk}:{offer.updated_at.isoformat()}",
            campaign=offer.campaign,
            about=placement,
        )


def host_offer_create(
    *, campaign, association, fields: dict, beds: dict, default_beds=None, actor: Actor
) -> HostOffer:
    deadline_check(campaign, field="offers_deadline", what="offres d'hébergement")
    clean, nights = _clean_all(
        campaign=campaign, fields=fields, beds=beds, default_beds=default_beds
    )
    with use_case():
        now = clock.now()
        latitude, longitude = _coordinates(association, clean["postal_code"])
        offer = HostOffer(
            campaign=campaign,
            association=association,
            latitude=latitude,
            longitude=longitude,
            created_at=now,
            updated_at=now,
            **clean,
        )
        offer.full_clean()
        offer.save()
        _nights_write(offer, nights)
        audit_log(
            action="lodging.host_offer_declared",
            actor=actor,
            subject=offer,
            details={"nights": len(nights), "beds": sum(nights.values())},
        )
    return offer


def host_offer_update(
    *, campaign, association, offer_id: int, fields: dict, beds: dict, default_beds=None, actor
) -> HostOfferOutcome:
    """Change an offer; on no night may the beds fall below what live proposals use, nor may a
    change make a live proposal impossible (ages, mixed groups, rooms, wheelchair). Past the
    deadline only the contacts and the texts for the guest may change. A guest whose stay is
    agreed is told of a new address."""
    clean, nights = _clean_all(
        campaign=campaign, fields=fields, beds=beds, default_beds=default_beds
    )
    with use_case():
        offer = HostOffer.objects.select_for_update(of=("self",)).get(
            pk=offer_id, campaign=campaign, association=association, withdrawn_at__isnull=True
        )
        used = beds_used(offer)
        short = sorted(n for n, persons in used.items() if nights.get(n, 0) < persons)
        if short:
            night = short[0]
            raise ValidationError(
                {
                    "beds": f"{night_words(night).capitalize()} : {used[night]} lits sont déjà "
                    "pris par une proposition en cours ; indiquez au moins "
                    f"{used[night]} lits cette nuit-là."
                }
            )
        before = dict(HostNight.objects.filter(offer=offer).values_list("night", "beds"))
        changed = [name for name in OFFER_FIELDS if getattr(offer, name) != clean[name]]
        if before != nights:
            changed.append("beds")
        if not changed:
            return HostOfferOutcome(offer, changed=False)
        if set(changed) - set(LATE_FIELDS):
            deadline_check(campaign, field="offers_deadline", what="offres d'hébergement")
        live = list(
            Placement.objects.filter(offer=offer, status__in=LIVE)
            .select_related("need__association")
            .order_by("pk")
        )
        for name in OFFER_FIELDS:
            setattr(offer, name, clean[name])
        _live_still_possible(offer, live)
        if "postal_code" in changed:
            offer.latitude, offer.longitude = _coordinates(association, clean["postal_code"])
        offer.updated_at = clock.now()
        offer.full_clean()
        offer.save()
        _nights_write(offer, nights)
        if set(changed) & set(ADDRESS_FIELDS):
            _address_changed_tell(offer, live)
        audit_log(
            action="lodging.host_offer_changed",
            actor=actor,
            subject=offer,
            details={"fields": changed},
        )
    return HostOfferOutcome(offer, changed=True)


def host_offer_withdraw(*, campaign, association, offer_id: int, actor: Actor) -> HostOfferOutcome:
    """Withdraw an offer: refused while a proposal is confirmed (the operator handles it); the
    proposals waiting for answers are refused with it and their guests told."""
    with use_case():
        offer = HostOffer.objects.select_for_update(of=("self",)).get(
            pk=offer_id, campaign=campaign, association=association
        )
        if offer.withdrawn_at is not None:
            return HostOfferOutcome(offer, changed=False)
        live = list(
            Placement.objects.select_for_update(of=("self",))
            .select_related("campaign", "need__association", "offer__association")
            .filter(offer=offer, status__in=LIVE)
        )
        if any(p.status == PlacementStatus.CONFIRMED for p in live):
            raise ValidationError(
                "Un séjour accepté des deux côtés utilise cette offre : contactez l'opérateur "
                "pour la retirer (il préviendra l'association accueillie)."
            )
        for placement in live:
            placement_refuse_locked(
                placement,
                side=HOST,
                reason="Offre retirée par la structure qui accueille.",
                told="la structure qui accueille a retiré son offre.",
                actor=actor,
            )
        offer.withdrawn_at = offer.updated_at = clock.now()
        offer.save(update_fields=["withdrawn_at", "updated_at"])
        audit_log(
            action="lodging.host_offer_withdrawn",
            actor=actor,
            subject=offer,
            details={"placements_refused": [p.pk for p in live]},
        )
    return HostOfferOutcome(offer, changed=True)
