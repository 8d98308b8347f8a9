"""Small builders for catalogue, packs and applications, shared by the domain tests."""

import datetime as dt
from itertools import count

from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.core import clock
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Application, ApplicationCity, Channel

CITIES = {
    "Paris": (48.8566, 2.3522, "75"),
    "Lille": (50.6292, 3.0573, "59"),
    "Marseille": (43.2965, 5.3698, "13"),
}
_seq = count(1)


def host_city(name: str) -> HostCity:
    lat, lon, dep = CITIES.get(name, (48.85, 2.35, "75"))
    return HostCity.objects.get_or_create(
        name=name, defaults={"latitude": lat, "longitude": lon, "departement": dep}
    )[0]


def session(
    *, city: str = "Paris", games: str = "OG", day: str = "2024-07-30", sport: str = "Athlétisme"
) -> Session:
    hc = host_city(city)
    venue = Venue.objects.get_or_create(name=f"Stade de {city}", defaults={"host_city": hc})[0]
    n = next(_seq)
    return Session.objects.create(
        games=Games.objects.get(code=games),
        code=f"S{n:04d}",
        sport=sport,
        date=dt.date.fromisoformat(day),
        start_time=dt.time(10, 0),
        venue=venue,
    )


def pack(
    *,
    campaign,
    size: int = 8,
    city: str = "Paris",
    games: str = "OG",
    day: str = "2024-07-30",
    prestige=False,
    reference=None,
) -> Pack:
    s = session(city=city, games=games, day=day)
    p = Pack.objects.create(
        campaign=campaign,
        reference=reference or f"{'JO' if games == 'OG' else 'JP'}-{next(_seq):04d}",
        session=s,
        size=size,
        is_prestige=prestige,
    )
    Ticket.objects.bulk_create(Ticket(pack=p, number=i) for i in range(1, size + 1))
    return p


def pack_accept(pack: Pack, *, association) -> Pack:
    """The association holds `pack`: an accepted offer with its commitment, answered today."""
    pack.status = PackStatus.ACCEPTED
    pack.save(update_fields=["status"])
    now = clock.now()
    Offer.objects.create(
        campaign=pack.campaign,
        pack=pack,
        association=association,
        status=OfferStatus.ACCEPTED,
        commitment_accepted=True,
        sent_at=now - dt.timedelta(days=2),
        expires_at=now + dt.timedelta(days=5),
        answered_at=now,
    )
    return pack


def application(
    *,
    campaign,
    association,
    games: str = "OG",
    youth: int = 9,
    supervisors: int = 3,
    cities=("Paris",),
    channel=Channel.CALL,
    impossible=(),
    received="2023-09-20",
) -> Application:
    app = Application.objects.create(
        campaign=campaign,
        association=association,
        games=Games.objects.get(code=games),
        youth=youth,
        supervisors=supervisors,
        channel=channel,
        impossible_dates=list(impossible),
        received_on=received,
    )
    for rank, name in enumerate(cities, start=1):
        ApplicationCity.objects.create(application=app, host_city=host_city(name), rank=rank)
    return app
