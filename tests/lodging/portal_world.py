"""Builders for the portal's lodging tests: lodging open in a campaign, a far association with an
accepted pack in Paris, an Île-de-France host with an offer, and published proposals written
directly (the back office's matching, which publishes them, is tested on its own)."""

import datetime as dt

from billetterie.core import clock
from billetterie.lodging.models import (
    HostNight,
    HostOffer,
    LodgingSettings,
    Need,
    Placement,
    PlacementStatus,
)
from tests import factories as f

D = dt.date
FIRST, LAST = D(2024, 7, 26), D(2024, 7, 27)


def lodging_open(campaign, **fields) -> LodgingSettings:
    return LodgingSettings.objects.get_or_create(campaign=campaign, defaults=fields)[0]


def accepted_pack(campaign, association, *, day="2024-07-27", city="Paris"):
    """The association holds a pack of a session on `day` in `city` (Paris: Île-de-France)."""
    return f.pack_accept(f.pack(campaign=campaign, city=city, day=day), association=association)


def need(campaign, association, *, first=FIRST, last=LAST, **fields) -> Need:
    now = clock.now()
    values = {
        "youth": 10,
        "age_min": 10,
        "age_max": 14,
        "supervisors": 2,
        "contact_name": "Noémie Invitée",
        "contact_phone": "05 56 00 11 22",
        "contact_email": "noemie.invitee@example.org",
    }
    values.update(fields)
    return Need.objects.create(
        campaign=campaign,
        association=association,
        first_night=first,
        last_night=last,
        created_at=now,
        updated_at=now,
        **values,
    )


def host_offer(campaign, association, *, beds=20, nights=None, **fields) -> HostOffer:
    now = clock.now()
    values = {
        "place_name": "Maison des Tilleuls",
        "address": "12 rue Cachée des Tilleuls",
        "postal_code": "94300",
        "town": "Vincennes",
        "contact_name": "Hector Hôte",
        "contact_phone": "01 43 00 99 88",
        "contact_email": "hector.hote@example.org",
        "insurance_notes": "Assurance responsabilité civile de la maison.",
    }
    values.update(fields)
    offer = HostOffer.objects.create(
        campaign=campaign, association=association, created_at=now, updated_at=now, **values
    )
    for night in nights or [D(2024, 7, 25) + dt.timedelta(days=i) for i in range(10)]:
        HostNight.objects.create(offer=offer, night=night, beds=beds)
    return offer


def published(need_, offer, *, status=PlacementStatus.PENDING, **fields) -> Placement:
    return Placement.objects.create(
        campaign=need_.campaign,
        need=need_,
        offer=offer,
        status=status,
        published_at=clock.now(),
        distance_km=7.4,
        **fields,
    )
