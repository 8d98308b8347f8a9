"""Beds of a host offer night by night: what is offered, what live placements use, what is free.

Only live placements (published and waiting for answers, or accepted by both sides) hold beds: a
refused or cancelled placement frees them at once, a draft holds none."""

import datetime as dt
from collections import defaultdict

from billetterie.lodging.models import LIVE, HostNight, Placement
from billetterie.lodging.nights import nights_between


def beds_used(offer, *, exclude_placement_id: int | None = None) -> dict[dt.date, int]:
    """Persons of the offer's live placements, per night (nights with nobody are absent)."""
    used: dict[dt.date, int] = defaultdict(int)
    placements = Placement.objects.filter(offer_id=offer.pk, status__in=LIVE).select_related("need")
    if exclude_placement_id is not None:
        placements = placements.exclude(pk=exclude_placement_id)
    for placement in placements:
        need = placement.need
        for night in nights_between(need.first_night, need.last_night):
            used[night] += need.persons
    return dict(used)


def beds_free(offer) -> dict[dt.date, int]:
    """Per night the offer has beds: the beds minus the persons of its live placements (may be
    negative if the host lowered beds below a placement the operator kept)."""
    used = beds_used(offer)
    return {
        night: beds - used.get(night, 0)
        for night, beds in HostNight.objects.filter(offer_id=offer.pk).values_list("night", "beds")
    }
