"""The matching instance of a campaign, read from the database (format of `lodging.matching`).

- groups: the open needs — not withdrawn and without a live placement (pending or confirmed);
  each group's venues are the places of the sessions of its association's accepted packs on the
  stay's nights or the day around them (all its accepted packs' venues if none falls there);
- hosts: the offers not withdrawn, with their FREE beds each night: the beds offered minus the
  persons of the live placements on that night (never below 0).

Ids are "N<need pk>" and "H<offer pk>", so that a result names the rows it places. Nothing is
written here.
"""

import datetime as dt

from billetterie.inventory.models import PackStatus
from billetterie.lodging.matching import FORMAT
from billetterie.lodging.models import LIVE, HostOffer, Need, Placement
from billetterie.lodging.selectors.capacity import beds_free_by_offer
from billetterie.offers.models import Offer, OfferStatus

AROUND = dt.timedelta(days=1)


def need_id(need_pk: int) -> str:
    return f"N{need_pk}"


def host_id(offer_pk: int) -> str:
    return f"H{offer_pk}"


def pk_of(ident: str) -> int:
    """The row's primary key behind an instance id ("N12" → 12)."""
    return int(str(ident)[1:])


def open_needs(campaign):
    """The needs to place: not withdrawn, without a live placement."""
    placed = Placement.objects.filter(status__in=LIVE).values("need_id")
    return (
        Need.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
        .exclude(pk__in=placed)
        .select_related("association")
        .order_by("pk")
    )


def open_offers(campaign):
    return (
        HostOffer.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
        .select_related("association")
        .order_by("pk")
    )


def free_beds(offer_ids) -> dict[int, dict[dt.date, int]]:
    """Free beds the matching may fill, per offer and night: never below zero."""
    return {
        offer_id: {night: max(0, beds) for night, beds in nights.items()}
        for offer_id, nights in beds_free_by_offer(offer_ids).items()
    }


def _venues(campaign, association_ids) -> dict[int, list[tuple[dt.date, list[float]]]]:
    """For each association, the (date, [lat, lon]) of its accepted packs' sessions."""
    found: dict[int, list[tuple[dt.date, list[float]]]] = {}
    offers = Offer.objects.filter(
        campaign=campaign,
        association_id__in=list(association_ids),
        status=OfferStatus.ACCEPTED,
        pack__status=PackStatus.ACCEPTED,
    ).values_list(
        "association_id",
        "pack__session__date",
        "pack__session__venue__latitude",
        "pack__session__venue__longitude",
        "pack__session__venue__host_city__latitude",
        "pack__session__venue__host_city__longitude",
    )
    for association_id, day, lat, lon, city_lat, city_lon in offers:
        if lat is None or lon is None:
            lat, lon = city_lat, city_lon
        if lat is None or lon is None:
            continue
        found.setdefault(association_id, []).append((day, [round(lat, 6), round(lon, 6)]))
    return found


def group_venues(need: Need, sessions: list[tuple[dt.date, list[float]]]) -> list[list[float]]:
    near = [
        point
        for day, point in sessions
        if need.first_night - AROUND <= day <= need.last_night + AROUND
    ]
    chosen = near or [point for _, point in sessions]
    unique: list[list[float]] = []
    for point in chosen:
        if point not in unique:
            unique.append(point)
    return unique


def group_of(need: Need, venues: list[list[float]]) -> dict:
    return {
        "id": need_id(need.pk),
        "youth": need.youth,
        "supervisors": need.supervisors,
        "first_night": need.first_night.isoformat(),
        "last_night": need.last_night.isoformat(),
        "age_min": need.age_min,
        "age_max": need.age_max,
        "girls": need.girls,
        "boys": need.boys,
        "wheelchair_users": need.wheelchair_users,
        "venues": venues,
        "owner": f"A{need.association_id}",
    }


def host_of(offer: HostOffer, beds: dict[dt.date, int]) -> dict:
    return {
        "id": host_id(offer.pk),
        "lat": offer.latitude,
        "lon": offer.longitude,
        "beds": {night.isoformat(): n for night, n in sorted(beds.items())},
        "age_min": offer.age_min,
        "age_max": offer.age_max,
        "mixed_groups": offer.mixed_groups,
        "single_sex_rooms": offer.single_sex_rooms,
        "wheelchair_accessible": offer.wheelchair_accessible,
        "owner": f"A{offer.association_id}",
    }


def instance_build(campaign) -> dict:
    """The instance of the campaign as it stands now: open needs, free beds of the offers."""
    needs = list(open_needs(campaign))
    offers = list(open_offers(campaign))
    sessions = _venues(campaign, {n.association_id for n in needs})
    beds = free_beds(o.pk for o in offers)
    return {
        "format": FORMAT,
        "groups": [group_of(n, group_venues(n, sessions.get(n.association_id, []))) for n in needs],
        "hosts": [host_of(o, beds[o.pk]) for o in offers],
    }
