"""The demo's stock: packs of tickets spread over the sessions like the ticket office's lots."""

import random
from collections import Counter

from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import FINAL_STAGE, Session
from billetterie.inventory.models import Pack, PackStatus, Ticket

TICKETS_OG = 5500
TICKETS_PG = 1200
TICKETS_PRESTIGE = 450
PRESTIGE_PG_SHARE = 0.15

# Relative number of packs per session in each host city: the ticket office gave many lots in
# Paris and Saint-Denis, very few in some host cities.
CITY_WEIGHTS = {
    "Paris": 1.0,
    "Saint-Denis": 1.6,
    "Nanterre": 1.0,
    "Colombes": 0.8,
    "Villepinte": 0.8,
    "Le Bourget": 0.8,
    "Vaires-sur-Marne": 0.7,
    "Saint-Quentin-en-Yvelines": 0.7,
    "Versailles": 0.7,
    "Élancourt": 0.5,
    "Clichy-sous-Bois": 0.6,
    "La Courneuve": 0.6,
    "Lille": 0.9,
    "Lyon": 0.8,
    "Bordeaux": 0.8,
    "Nantes": 0.8,
    "Marseille": 0.7,
    "Saint-Étienne": 0.6,
    "Nice": 0.35,
    "Châteauroux": 0.12,
    "Teahupo'o (Tahiti)": 0.3,
}
SMALL_SIZES = (4, 4, 5, 6, 6, 6, 8, 8, 8, 10, 10, 12)
LARGE_SIZES = (20, 24, 30, 34)
PRESTIGE_SIZES = (4, 4, 6, 6, 8, 10)


def pack_sizes(
    *, rng: random.Random, total: int, sizes: tuple[int, ...], large_share: float
) -> list[int]:
    """Pack sizes adding up exactly to `total`, mostly small, a few large ones."""
    result, remaining = [], total
    while remaining > 0:
        if remaining <= 16:
            size = remaining
        else:
            size = rng.choice(LARGE_SIZES) if rng.random() < large_share else rng.choice(sizes)
            size = min(size, remaining - 4)
        result.append(size)
        remaining -= size
    return result


def _spread(
    *, rng: random.Random, sessions: list[Session], sizes: list[int]
) -> list[tuple[Session, int]]:
    weights = [CITY_WEIGHTS.get(s.venue.host_city.name, 0.6) for s in sessions]
    chosen = rng.choices(sessions, weights=weights, k=len(sizes))
    return list(zip(chosen, sizes, strict=True))


def packs_create(
    *, rng: random.Random, campaign: Campaign, session_codes: dict[str, set[str]]
) -> dict[str, int]:
    """Create the campaign's packs and their tickets, all available; return the ticket counts.

    Only the demo's own sessions (`session_codes` per Games code) receive packs.
    """
    sessions = [
        s
        for s in Session.objects.select_related("venue__host_city", "games").order_by(
            "games__code", "date", "start_time", "code"
        )
        if s.code in session_codes.get(s.games.code, ())
    ]
    og = [s for s in sessions if s.games.code == "OG"]
    pg = [s for s in sessions if s.games.code == "PG"]
    prestige_pg = round(TICKETS_PRESTIGE * PRESTIGE_PG_SHARE)
    finals = set(Session.objects.filter(FINAL_STAGE).values_list("pk", flat=True))
    plans = {
        "JO": _spread(
            rng=rng,
            sessions=og,
            sizes=pack_sizes(rng=rng, total=TICKETS_OG, sizes=SMALL_SIZES, large_share=0.05),
        ),
        "JP": _spread(
            rng=rng,
            sessions=pg,
            sizes=pack_sizes(rng=rng, total=TICKETS_PG, sizes=SMALL_SIZES, large_share=0.08),
        ),
        "PR": _spread(
            rng=rng,
            sessions=[s for s in og if s.pk in finals],
            sizes=pack_sizes(
                rng=rng, total=TICKETS_PRESTIGE - prestige_pg, sizes=PRESTIGE_SIZES, large_share=0
            ),
        )
        + _spread(
            rng=rng,
            sessions=[s for s in pg if s.pk in finals],
            sizes=pack_sizes(rng=rng, total=prestige_pg, sizes=PRESTIGE_SIZES, large_share=0),
        ),
    }
    packs = []
    for prefix, plan in plans.items():
        plan.sort(key=lambda item: (item[0].date, item[0].start_time, item[0].code))
        for number, (session, size) in enumerate(plan, start=1):
            packs.append(
                Pack(
                    campaign=campaign,
                    reference=f"{prefix}-{number:04d}",
                    session=session,
                    size=size,
                    is_prestige=prefix == "PR",
                    status=PackStatus.AVAILABLE,
                )
            )
    packs = Pack.objects.bulk_create(packs, batch_size=500)
    if any(p.pk is None for p in packs):  # backends that do not return keys
        by_ref = dict(Pack.objects.filter(campaign=campaign).values_list("reference", "pk"))
        for pack in packs:
            pack.pk = by_ref[pack.reference]
    Ticket.objects.bulk_create(
        [Ticket(pack_id=pack.pk, number=n) for pack in packs for n in range(1, pack.size + 1)],
        batch_size=2000,
    )
    tickets = Counter()
    for pack in packs:
        tickets["prestige" if pack.is_prestige else pack.reference[:2]] += pack.size
    return {
        "packs": len(packs),
        "tickets_og": tickets["JO"],
        "tickets_pg": tickets["JP"],
        "tickets_prestige": tickets["prestige"],
        "tickets_total": sum(tickets.values()),
    }
