"""Fixtures for named attendees: accepted packs, people and a helper to name a whole group."""

import datetime as dt

import pytest

from billetterie.attendees.models import PersonKind
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.people import person_create
from billetterie.attendees.services.submissions import charter_acknowledge, nomination_submit
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.inventory.models import Ticket
from tests import factories


@pytest.fixture
def accept(campaign):
    """Give `association` an accepted pack (an Offer row accepted with its commitment)."""

    def make(association, *, size=8, games="OG", day="2024-07-30", reference=None, pack=None):
        if pack is None:
            pack = factories.pack(
                campaign=campaign, size=size, games=games, day=day, reference=reference
            )
        factories.pack_accept(pack, association=association)
        return pack

    return make


@pytest.fixture
def people(campaign, association, referent_user):
    """Make `youth` youth and `supervisors` supervisors (the first one with a mobile)."""

    def make(youth=6, supervisors=2, prefix="P"):
        made = []
        for i in range(youth):
            made.append(
                person_create(
                    campaign=campaign,
                    association=association,
                    actor=referent_user,
                    kind=PersonKind.YOUTH,
                    last_name=f"{prefix}Jeune{i}",
                    first_name="Léa",
                    birth_date=dt.date(2010, 1, 1 + i),
                    mobile_phone="",
                    email="",
                ).person
            )
        for i in range(supervisors):
            made.append(
                person_create(
                    campaign=campaign,
                    association=association,
                    actor=referent_user,
                    kind=PersonKind.SUPERVISOR,
                    last_name=f"{prefix}Encadrant{i}",
                    first_name="Marc",
                    birth_date=None,
                    mobile_phone="06 12 34 56 7" + str(i),
                    email="",
                ).person
            )
        return made

    return make


@pytest.fixture
def name_group(campaign, association, referent_user):
    """Put `pack` in a new group and name its tickets with `persons`, in order; leader optional."""

    def make(pack, persons, leader=None):
        group = group_create(
            campaign=campaign,
            association=association,
            pack_ids=[pack.pk],
            name="",
            actor=referent_user,
        )
        tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
        assignments = {
            t.pk: (persons[i].pk if i < len(persons) else None) for i, t in enumerate(tickets)
        }
        found = group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments=assignments,
            leader_id=leader.pk if leader else None,
            actor=referent_user,
        )
        return group, found

    return make


@pytest.fixture
def send_names(campaign, association, referent_user):
    """The referent accepts the charter and sends the association's names for these Games."""

    def send(games="OG"):
        charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
        nomination_submit(
            campaign=campaign,
            association=association,
            games=Games.objects.get(code=games),
            attested=True,
            actor=referent_user,
        )

    return send


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded letters go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _spring_2024():
    """The platform stands in spring 2024: packs accepted, sessions still to come."""
    with clock.frozen_at("2024-04-02"):
        yield
