"""A later stage, ready for the delivery of tickets: referent2's association (La Réunion) has
already accepted two OG packs of 4 tickets, named every ticket in two groups with a leader who has
an e-mail and a mobile, and sent its nominations to the operator.

The demo can thus start at « Export pour la billetterie », « Liens de téléchargement » and
« Remise aux responsables » without walking the whole allocation first. Built through the same
services as the pages (offer, accept, people, groups, names, charter, sending), at fixed dates
before the demo clock; deterministic (the first fitting packs by date and reference)."""

import datetime as dt

from billetterie.accounts.models import User
from billetterie.attendees.models import PersonKind
from billetterie.attendees.services.groups import group_create, group_name_holders
from billetterie.attendees.services.people import person_create
from billetterie.attendees.services.submissions import charter_acknowledge, nomination_submit
from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.offers.services import offer_accept, offers_create

OFFERED_AT = dt.datetime(2024, 3, 8, 10, 0, tzinfo=dt.UTC)
NAMED_AT = dt.datetime(2024, 3, 11, 10, 0, tzinfo=dt.UTC)
REFERENT = "referent2@demo.billetterie.fr"
OPERATOR = "operateur@demo.billetterie.fr"
PACK_SIZE = 4
# Fictitious people. Each group: its leader (a supervisor with an e-mail and a mobile), 3 youth.
GROUPS = (
    (
        "Les Tuit-tuit de Saint-Denis",
        ("Payet", "Mickaël", "06 92 11 22 33", "m.payet@demo.billetterie.fr"),
        (
            ("Grondin", "Léa", "2010-05-14"),
            ("Técher", "Noa", "2011-02-03"),
            ("Fontaine", "Inès", "2009-11-21"),
        ),
    ),
    (
        "Les Papangues",
        ("Boyer", "Sandrine", "06 93 44 55 66", "s.boyer@demo.billetterie.fr"),
        (
            ("Hoarau", "Kylian", "2010-08-30"),
            ("Maillot", "Emma", "2011-06-12"),
            ("Rivière", "Lucas", "2012-01-09"),
        ),
    ),
)
# Not named on any ticket: the youth a name change can give a ticket to.
SPARE_YOUTH = ("Nativel", "Chloé", "2010-09-17")
JULY_START, AUGUST_END = dt.date(2024, 7, 27), dt.date(2024, 8, 11)


def _packs(campaign: Campaign) -> list[Pack]:
    """Two available OG packs of 4 tickets, at two different sessions, the earliest first."""
    candidates = Pack.objects.filter(
        campaign=campaign,
        status=PackStatus.AVAILABLE,
        is_prestige=False,
        size=PACK_SIZE,
        session__games__code="OG",
        session__date__gte=JULY_START,
        session__date__lte=AUGUST_END,
    ).order_by("session__date", "session__start_time", "reference")
    chosen, sessions = [], set()
    for pack in candidates:
        if pack.session_id not in sessions:
            chosen.append(pack)
            sessions.add(pack.session_id)
        if len(chosen) == len(GROUPS):
            break
    return chosen


def _person(campaign, association, referent, kind, last, first, birth="", mobile="", email=""):
    return person_create(
        campaign=campaign,
        association=association,
        actor=referent,
        kind=kind,
        last_name=last,
        first_name=first,
        birth_date=dt.date.fromisoformat(birth) if birth else None,
        mobile_phone=mobile,
        email=email,
    ).person


def delivery_stage_create(*, campaign: Campaign) -> dict[str, int]:
    """Inside the loader's transaction: the accepted, named and sent packs of referent2."""
    referent = User.objects.get(email=REFERENT)
    operator = User.objects.get(email=OPERATOR)
    association = referent.association
    packs = _packs(campaign)
    with clock.frozen_at(OFFERED_AT):
        offers = offers_create(
            campaign=campaign, pairs=[(p.pk, association.pk) for p in packs], actor=operator
        )
        for offer in offers:
            offer_accept(
                offer_id=offer.pk, association=association, actor=referent, commitment=True
            )
    named = 0
    with clock.frozen_at(NAMED_AT):
        for pack, (name, leader, youth) in zip(packs, GROUPS, strict=True):
            group = group_create(
                campaign=campaign,
                association=association,
                pack_ids=[pack.pk],
                name=name,
                actor=referent,
            )
            people = [
                _person(
                    campaign,
                    association,
                    referent,
                    PersonKind.SUPERVISOR,
                    *leader[:2],
                    mobile=leader[2],
                    email=leader[3],
                ),
                *(_person(campaign, association, referent, PersonKind.YOUTH, *y) for y in youth),
            ]
            tickets = Ticket.objects.filter(pack=pack).order_by("number")
            group_name_holders(
                campaign=campaign,
                association=association,
                group_id=group.pk,
                assignments={t.pk: p.pk for t, p in zip(tickets, people, strict=True)},
                leader_id=people[0].pk,
                actor=referent,
            )
            named += len(people)
        _person(campaign, association, referent, PersonKind.YOUTH, *SPARE_YOUTH)
        charter_acknowledge(campaign=campaign, association=association, actor=referent)
        nomination_submit(
            campaign=campaign,
            association=association,
            games=Games.objects.get(code="OG"),
            attested=True,
            actor=referent,
        )
    return {"stage_packs": len(packs), "stage_named": named}
