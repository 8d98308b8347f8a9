"""Lodging's shredder: past a campaign's retention date, the contact details both sides typed
(names, phones, e-mails, the street address of a place), the free texts that may describe a child or name someone (accessibility
needs, comments, conditions, insurance notes, refusal and cancellation reasons, the reasons of
travel-time corrections) are blanked. What is left — nights, numbers of persons, ages, towns,
beds, the placements and their states — keeps the campaign's figures true."""

from django.db.models import Q

from billetterie.lodging.models import HostOffer, Need, Placement, TravelOverride

NEED_TEXTS = ("contact_name", "contact_phone", "contact_email", "accessibility", "comment")
OFFER_TEXTS = (
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "accessibility",
    "conditions",
    "insurance_notes",
)


def _any_filled(fields) -> Q:
    held = Q()
    for name in fields:
        held |= ~Q(**{name: ""})
    return held


def _held(campaign):
    return {
        "lodging_needs": Need.objects.filter(campaign=campaign).filter(_any_filled(NEED_TEXTS)),
        "host_offers": HostOffer.objects.filter(campaign=campaign).filter(_any_filled(OFFER_TEXTS)),
        "lodging_reasons": Placement.objects.filter(campaign=campaign).exclude(refusal_reason=""),
        "travel_reasons": TravelOverride.objects.filter(campaign=campaign).exclude(reason=""),
    }


def lodging_personal_data_held(*, campaign) -> bool:
    return any(queryset.exists() for queryset in _held(campaign).values())


def lodging_personal_data_purge(*, campaign, now) -> dict[str, int]:
    """Inside the caller's transaction; safe to repeat (a second pass finds nothing)."""
    held = _held(campaign)
    return {
        "lodging_needs": held["lodging_needs"].update(**dict.fromkeys(NEED_TEXTS, "")),
        "host_offers": held["host_offers"].update(**dict.fromkeys(OFFER_TEXTS, "")),
        "lodging_reasons": held["lodging_reasons"].update(refusal_reason=""),
        "travel_reasons": held["travel_reasons"].update(reason=""),
    }
