"""Fixtures for the offers: packs on real-looking sessions, offers sent at a fixed instant."""

import datetime as dt

import pytest

from billetterie.catalogue.models import Games, HostCity, Session, Venue
from billetterie.core import clock
from billetterie.inventory.models import Pack
from billetterie.offers.services import offers_create
from billetterie.requests.models import Application, ApplicationCity

# Monday 11 March 2024, 10:00 in Paris: offers sent now answer before Monday 18 March, 10:00.
SENT = "2024-03-11T10:00"


@pytest.fixture
def sent_clock():
    with clock.frozen_at(SENT) as moment:
        yield moment


@pytest.fixture
def make_pack(campaign):
    counter = {"n": 0}

    def make(
        *, games_code="OG", city="Marseille", size=4, is_prestige=False, day=dt.date(2024, 7, 28)
    ):
        counter["n"] += 1
        n = counter["n"]
        games = Games.objects.get(code=games_code)
        host_city, _ = HostCity.objects.get_or_create(
            name=city, defaults={"latitude": 43.3, "longitude": 5.4}
        )
        venue, _ = Venue.objects.get_or_create(
            name=f"Stade de {city}", defaults={"host_city": host_city, "code": city[:3].upper()}
        )
        session = Session.objects.create(
            games=games,
            code=f"FBL{n:02d}",
            sport="Football",
            date=day,
            start_time=dt.time(17, 0),
            venue=venue,
        )
        return Pack.objects.create(
            campaign=campaign,
            reference=f"LOT-{n:03d}",
            session=session,
            size=size,
            is_prestige=is_prestige,
        )

    return make


@pytest.fixture
def offer_packs(campaign, operator_user, sent_clock):
    """Offer packs to associations as a publish would: offer_packs([(pack, association), …])."""

    def offer(pairs, **kwargs):
        return offers_create(
            campaign=campaign,
            pairs=[(pack.pk, association.pk) for pack, association in pairs],
            actor=operator_user,
            **kwargs,
        )

    return offer


@pytest.fixture
def apply_for(campaign):
    """An eligible application (call tier) for the OG in the given host cities."""

    def apply(association, *, cities=("Marseille",), youth=9, supervisors=3, games_code="OG"):
        app = Application.objects.create(
            campaign=campaign,
            association=association,
            games=Games.objects.get(code=games_code),
            youth=youth,
            supervisors=supervisors,
            received_on=dt.date(2023, 9, 15),
        )
        for rank, name in enumerate(cities, start=1):
            city, _ = HostCity.objects.get_or_create(
                name=name, defaults={"latitude": 43.3, "longitude": 5.4}
            )
            ApplicationCity.objects.create(application=app, host_city=city, rank=rank)
        return app

    return apply
