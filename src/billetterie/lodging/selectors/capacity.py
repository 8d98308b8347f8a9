"""Beds of host offers night by night: what is offered, what live placements use, what is free.

Only live placements (published and waiting for answers, or accepted by both sides) hold beds: a
refused or cancelled placement frees them at once, a draft holds none. One definition, used by the
portal (a host may not lower beds under what is used), the matching's instance (the free beds it
may fill) and the back office."""

import datetime as dt
from collections import defaultdict

from billetterie.lodging.models import LIVE, HostNight, Placement
from billetterie.lodging.nights import nights_between


def beds_used_by_offer(
    offer_ids, *, exclude_placement_id: int | None = None
) -> dict[int, dict[dt.date, int]]:
    """Persons of the live placements of these offers, per offer and night (empty nights absent)."""
    used: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    placements = Placement.objects.filter(offer_id__in=list(offer_ids), status__in=LIVE)
    if exclude_placement_id is not None:
        placements = placements.exclude(pk=exclude_placement_id)
    for offer_id, first, last, youth, supervisors in placements.values_list(
        "offer_id", "need__first_night", "need__last_night", "need__youth", "need__supervisors"
    ):
        for night in nights_between(first, last):
            used[offer_id][night] += youth + supervisors
    return {offer_id: dict(nights) for offer_id, nights in used.items()}


def beds_free_by_offer(offer_ids) -> dict[int, dict[dt.date, int]]:
    """Per offer and per night it has beds: the beds minus the persons of its live placements
    (negative if a host's beds were lowered under a placement the operator kept)."""
    offer_ids = list(offer_ids)
    used = beds_used_by_offer(offer_ids)
    free: dict[int, dict[dt.date, int]] = {pk: {} for pk in offer_ids}
    for offer_id, night, beds in HostNight.objects.filter(offer_id__in=offer_ids).values_list(
        "offer_id", "night", "beds"
    ):
        free[offer_id][night] = beds - used.get(offer_id, {}).get(night, 0)
    return free


def beds_used(offer, *, exclude_placement_id: int | None = None) -> dict[dt.date, int]:
    """One offer's `beds_used_by_offer`."""
    return beds_used_by_offer([offer.pk], exclude_placement_id=exclude_placement_id).get(
        offer.pk, {}
    )


def beds_free(offer) -> dict[dt.date, int]:
    """One offer's `beds_free_by_offer`."""
    return beds_free_by_offer([offer.pk])[offer.pk]
