"""Builders for the attendance tests: an accepted pack named with youth and supervisors, in spring
2024, whose session is on `day` (the clock is moved past it by each test)."""

import datetime as dt
from itertools import count

from billetterie.attendees.models import PersonKind
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.people import person_create
from billetterie.core import clock
from billetterie.inventory.models import PackStatus, Ticket
from billetterie.offers.models import Offer, OfferStatus
from tests import factories

_seq = count(1)
SPRING = "2024-04-02"


def offer(campaign, association, *, size=4, status=OfferStatus.ACCEPTED, day="2024-07-30"):
    """An offer of a new pack to `association`, in the given state."""
    pack = factories.pack(campaign=campaign, size=size, day=day)
    pack.status = PackStatus.ACCEPTED if status == OfferStatus.ACCEPTED else PackStatus.AVAILABLE
    pack.save(update_fields=["status"])
    now = clock.now()
    Offer.objects.create(
        campaign=campaign,
        pack=pack,
        association=association,
        status=status,
        commitment_accepted=status == OfferStatus.ACCEPTED,
        sent_at=now - dt.timedelta(days=8),
        expires_at=now - dt.timedelta(days=1),
        answered_at=now if status != OfferStatus.EXPIRED else None,
    )
    return pack


def named_group(campaign, association, actor, *, youth=3, supervisors=1, day="2024-07-30"):
    """A group of one accepted pack of `youth + supervisors` tickets, every ticket named."""
    with clock.frozen_at(SPRING):
        pack = offer(campaign, association, size=youth + supervisors, day=day)
        n = next(_seq)
        persons = []
        for i in range(youth):
            persons.append(
                person_create(
                    campaign=campaign,
                    association=association,
                    actor=actor,
                    kind=PersonKind.YOUTH,
                    last_name=f"Jeune{n}x{i}",
                    first_name="Léa",
                    birth_date=dt.date(2010, 1, 1 + i),
                    mobile_phone="",
                    email="",
                ).person
            )
        for i in range(supervisors):
            persons.append(
                person_create(
                    campaign=campaign,
                    association=association,
                    actor=actor,
                    kind=PersonKind.SUPERVISOR,
                    last_name=f"Encadrant{n}x{i}",
                    first_name="Marc",
                    birth_date=None,
                    mobile_phone=f"06 12 34 56 {i:02d}",
                    email="",
                ).person
            )
        group = group_create(
            campaign=campaign,
            association=association,
            pack_ids=[pack.pk],
            name=f"Groupe {n}",
            actor=actor,
        )
        tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
        group_name_holders(
            campaign=campaign,
            association=association,
            group_id=group.pk,
            assignments={t.pk: p.pk for t, p in zip(tickets, persons, strict=True)},
            leader_id=persons[-1].pk if supervisors else None,
            actor=actor,
        )
    return group
