"""Builds the engine's instance (format billetterie.allocation/1) from the database."""

import datetime as dt
from collections import defaultdict

from billetterie.allocation.weights import city_weight, distance_km
from billetterie.core import hooks
from billetterie.inventory.selectors import pack_pool
from billetterie.requests.models import Application, ApplicationCity

FORMAT = "billetterie.allocation/1"


def org_key(association_id: int) -> str:
    return f"A{association_id:06d}"


def pack_key(pack_id: int) -> str:
    return f"P{pack_id:07d}"


def association_pk(org_id: str) -> int:
    return int(org_id[1:])


def pack_pk(pack_id: str) -> int:
    return int(pack_id[1:])


def instance_for_campaign(
    *,
    campaign,
    remaining: dict[tuple[int, int], int],
    games=None,
    packs=None,
    exclude_associations=(),
    channels=None,
    name: str = "",
) -> dict:
    """The instance for the current pool (or the given packs) and the remaining demand.

    `remaining` maps (association id, games id) to the tickets the association still needs: the
    offers app computes it (requested minus what it accepted or has been offered).

    Organisations: member associations with an eligible application and remaining demand; their tier
    is the application's channel (1 = call, 2 = waiting list). Cities carry the weights of
    `allocation.weights`. `exclude_associations` leaves out those that must not receive these packs
    (for instance the one that just declined them); `channels` limits the run to the call or to the
    waiting list. An association named by the `tier_postponed` hook (the operator's explicit
    reliability criterion) goes one tier later.
    """
    pool = list(packs) if packs is not None else list(pack_pool(campaign=campaign, games=games))
    applications = (
        Application.objects.filter(campaign=campaign, is_eligible=True, association__is_member=True)
        .exclude(association_id__in=list(exclude_associations))
        .select_related("association", "games")
        .order_by("association_id", "games__code")
    )
    if games is not None:
        applications = applications.filter(games=games)
    if channels is not None:
        applications = applications.filter(channel__in=list(channels))
    apps = [a for a in applications if remaining.get((a.association_id, a.games_id), 0) > 0]
    cities = defaultdict(list)
    for choice in ApplicationCity.objects.filter(
        application__in=[a.pk for a in apps]
    ).select_related("host_city"):
        cities[choice.application_id].append(choice)

    organisations: dict[int, dict] = {}
    for app in apps:
        assoc = app.association
        org = organisations.setdefault(
            assoc.pk,
            {
                "id": org_key(assoc.pk),
                "name": assoc.name,
                "tier": int(app.channel),
                "requested": {},
                "cities": {},
                "unavailable_dates": [],
                # Not read by the engine: the applications as they were when the run was frozen,
                # so that an association's explanation reads the same a year later.
                "applications": {},
            },
        )
        # An association that applied during the call keeps its tier for every Games.
        org["tier"] = min(org["tier"], int(app.channel))
        org["requested"][app.games.code] = remaining[(app.association_id, app.games_id)]
        here = (assoc.latitude, assoc.longitude)
        ranked = []
        for choice in cities[app.pk]:
            city = choice.host_city
            km = distance_km(here, (city.latitude, city.longitude))
            weight = city_weight(rank=choice.rank, km=km)
            ranked.append(
                {
                    "city": city.name,
                    "rank": choice.rank,
                    "km": round(km) if km is not None else None,
                    "weight": weight,
                }
            )
            # One weight per city: the best one over the association's applications.
            org["cities"][city.name] = max(org["cities"].get(city.name, 0.0), weight)
        org["unavailable_dates"] = sorted(
            set(org["unavailable_dates"]) | set(app.impossible_dates or [])
        )
        org["applications"][app.games.code] = {
            "received_on": app.received_on.isoformat()
            if isinstance(app.received_on, dt.date)
            else str(app.received_on),
            "channel": int(app.channel),
            "youth": app.youth,
            "supervisors": app.supervisors,
            "cities": sorted(ranked, key=lambda c: c["rank"]),
            "impossible_dates": sorted(app.impossible_dates or []),
        }

    # A criterion the operator chose in the campaign's settings (none by default) may place some
    # associations one tier later; the apps that own it answer the hook (layers: docs/architecture).
    postponed = set().union(*hooks.tier_postponed.fire(campaign=campaign))
    for association_id in postponed & set(organisations):
        organisations[association_id]["tier"] += 1
        organisations[association_id]["postponed"] = True

    return {
        "format": FORMAT,
        "name": name or campaign.name,
        "rules": {
            "size_weight_exponent": float(campaign.size_weight_exponent),
            "over_request_tolerance": int(campaign.over_request_tolerance),
        },
        "organisations": [organisations[k] for k in sorted(organisations)],
        "packs": [
            {
                "id": pack_key(p.pk),
                "reference": p.reference,
                "games": p.session.games.code,
                "session": p.session.code,
                "city": p.session.venue.host_city.name,
                "date": p.session.date.isoformat()
                if isinstance(p.session.date, dt.date)
                else str(p.session.date),
                "size": p.size,
            }
            for p in sorted(pool, key=lambda p: p.pk)
        ],
    }
