"""Builders for the prestige tests: winners of a closed deliberation, prestige packs by phase.

Imported by the prestige test modules (not a conftest: other contest tests keep their own)."""

import datetime as dt
from decimal import Decimal

from billetterie.catalogue.models import Games, HostCity, Phase, Session, Venue
from billetterie.contest.models import ContestSettings, Deliberation, Entry, Participation
from billetterie.core import clock
from billetterie.inventory.models import Pack, Ticket

# Thursday 18 April 2024, 10:00 in Paris: the day after the jury's deliberation.
AFTER_DELIBERATION = "2024-04-18T10:00"


def winners_create(campaign, make_association, group_sizes, *, closed=True, names=None):
    """One association per group size, each with a participation and an entry, ranked in this
    order by a closed deliberation; returns the participations, best first."""
    now = clock.now()
    participations = []
    ranking = []
    for n, size in enumerate(group_sizes, start=1):
        association = make_association(name=(names or {}).get(n, f"Lauréate {n}"))
        participation = Participation.objects.create(
            campaign=campaign, association=association, group_size=size, confirmed_at=now
        )
        entry = Entry.objects.create(
            campaign=campaign,
            participation=participation,
            label=f"Enregistrement {n}",
            file=f"private/contest/{campaign.pk}/entries/essai{n}",
            content_type="audio/wav",
            size=1000,
            duration_seconds=Decimal("42.00"),
            consent_attested=True,
            uploaded_at=now,
        )
        participations.append(participation)
        ranking.append({"entry": entry.pk, "rank": n, "score": f"{20 - n}.00", "moved": ""})
    Deliberation.objects.update_or_create(
        campaign=campaign,
        defaults={"ranking": ranking, "closed_at": now if closed else None},
    )
    return participations


def prestige_pack(
    campaign, *, size, phase=Phase.FINAL, day=dt.date(2024, 8, 10), reference=None, games="OG"
):
    city, _ = HostCity.objects.get_or_create(name="Saint-Denis")
    venue, _ = Venue.objects.get_or_create(name="Stade de France", defaults={"host_city": city})
    count = Pack.objects.filter(campaign=campaign).count() + 1
    session = Session.objects.create(
        games=Games.objects.get(code=games),
        code=f"ATH{count:03d}",
        sport="Athlétisme",
        date=day,
        start_time=dt.time(19, 0),
        venue=venue,
        phase=phase,
    )
    pack = Pack.objects.create(
        campaign=campaign,
        reference=reference or f"PR-{count:04d}",
        session=session,
        size=size,
        is_prestige=True,
    )
    Ticket.objects.bulk_create(Ticket(pack=pack, number=i) for i in range(1, size + 1))
    return pack


def stock_set(campaign, tickets):
    ContestSettings.objects.update_or_create(
        campaign=campaign, defaults={"prestige_tickets": tickets}
    )
