"""Small builders of lodging rows for the back-office tests: needs, host offers and their nights."""

import datetime as dt

from billetterie.core import clock
from billetterie.lodging.models import HostNight, HostOffer, Need

JULY_29 = dt.date(2024, 7, 29)


def day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def need(
    *,
    campaign,
    association,
    first="2024-07-29",
    last="2024-07-31",
    youth=10,
    supervisors=2,
    age_min=12,
    age_max=15,
    girls=None,
    boys=None,
    wheelchair_users=0,
) -> Need:
    now = clock.now()
    return Need.objects.create(
        campaign=campaign,
        association=association,
        first_night=day(first),
        last_night=day(last),
        youth=youth,
        supervisors=supervisors,
        age_min=age_min,
        age_max=age_max,
        girls=girls,
        boys=boys,
        wheelchair_users=wheelchair_users,
        contact_name="Camille Martin",
        contact_phone="0612345678",
        contact_email="camille.invitee@example.org",
        created_at=now,
        updated_at=now,
    )


def offer(
    *,
    campaign,
    association,
    beds=20,
    first="2024-07-27",
    last="2024-08-04",
    place="Les Tilleuls",
    town="Montreuil",
    lat=48.8638,
    lon=2.4485,
    **fields,
) -> HostOffer:
    now = clock.now()
    o = HostOffer.objects.create(
        campaign=campaign,
        association=association,
        place_name=place,
        address="12 rue des Tilleuls",
        postal_code="93100",
        town=town,
        latitude=lat,
        longitude=lon,
        contact_name="Dominique Hôte",
        contact_phone="0698765432",
        contact_email="dominique.hote@example.org",
        created_at=now,
        updated_at=now,
        **fields,
    )
    start, end = day(first), day(last)
    HostNight.objects.bulk_create(
        HostNight(offer=o, night=start + dt.timedelta(days=i), beds=beds)
        for i in range((end - start).days + 1)
    )
    return o
