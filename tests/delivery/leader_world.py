"""Builders for the leaders' tests: a named group of accepted packs, its leader, download links."""

import datetime as dt
from itertools import count

from billetterie.attendees.models import Group, GroupPack, Holder, Person, PersonKind
from billetterie.core import clock
from billetterie.core.text import fold
from billetterie.delivery.models import TicketLink
from billetterie.inventory.models import PackStatus, Ticket
from billetterie.offers.models import Offer, OfferStatus
from tests import factories

_seq = count(1)


def person(campaign, association, kind, last, first, *, mobile="", email="", born=None):
    return Person.objects.create(
        campaign=campaign,
        association=association,
        kind=kind,
        last_name=last,
        first_name=first,
        birth_date=born or (dt.date(2010, 3, 4) if kind == PersonKind.YOUTH else None),
        mobile_phone=mobile,
        email=email,
        name_key=f"{fold(last)}|{fold(first)}|{next(_seq)}",
        created_at=clock.now(),
    )


def named_group(
    campaign,
    association,
    *,
    packs=1,
    size=3,
    day="2024-07-30",
    email="resp@exemple.org",
    mobile="06 12 34 56 78",
    links="pack",
    name="Les Aigles",
):
    """A group of `packs` accepted packs of one session, every ticket named, a leader with this
    e-mail and mobile; `links`: "pack" (one link per pack), "ticket" (one per ticket) or None."""
    first = factories.pack(campaign=campaign, size=size, day=day)
    session = first.session
    venue = session.venue
    venue.commune, venue.latitude, venue.longitude = "Saint-Denis", 48.924459, 2.360164
    venue.save()
    all_packs = [first]
    for _ in range(packs - 1):
        pack = factories.pack(campaign=campaign, size=size, day=day)
        pack.session = session
        pack.save()
        all_packs.append(pack)
    now = clock.now()
    group = Group.objects.create(
        campaign=campaign, association=association, session=session, name=name, created_at=now
    )
    leader = person(
        campaign, association, PersonKind.SUPERVISOR, "Durand", "Sophie", mobile=mobile, email=email
    )
    leader_placed = False
    for pack in all_packs:
        pack.status = PackStatus.ACCEPTED
        pack.save(update_fields=["status"])
        Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=association,
            status=OfferStatus.ACCEPTED,
            commitment_accepted=True,
            sent_at=now - dt.timedelta(days=30),
            expires_at=now - dt.timedelta(days=23),
            answered_at=now - dt.timedelta(days=29),
        )
        GroupPack.objects.create(group=group, pack=pack)
        for ticket in Ticket.objects.filter(pack=pack).order_by("number"):
            if leader_placed:
                holder = person(
                    campaign, association, PersonKind.YOUTH, f"Martin{next(_seq)}", "Léa"
                )
            else:
                holder, leader_placed = leader, True
            Holder.objects.create(
                campaign=campaign,
                association=association,
                group=group,
                ticket=ticket,
                person=holder,
                session=session,
                named_at=now,
            )
        if links == "pack":
            add_link(pack)
        elif links == "ticket":
            for ticket in pack.tickets.all():
                add_link(pack, ticket)
    group.leader = leader
    group.save(update_fields=["leader"])
    return group


def add_link(pack, ticket=None):
    n = next(_seq)
    return TicketLink.objects.create(
        campaign=pack.campaign,
        pack=pack,
        ticket=ticket,
        url=f"https://billetterie-officielle.example/recuperer/{pack.reference}-{n}",
        imported_at=clock.now(),
    )
