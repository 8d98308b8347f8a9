"""Reads behind the charts and the map of a campaign, each in a fixed number of queries (grouped
counts, never one query per association), then the charts themselves (`campaign_charts`).

Definitions used by every chart:
- tickets allotted to an association: the tickets of its offers that are waiting for an answer
  or accepted (as the remaining demand counts them in offers/selectors.py);
- satisfaction: tickets allotted ÷ tickets requested in its eligible applications (all Games);
- a ticket's stage, the furthest it has gone: in the pool, offered, accepted (not yet named),
  named, delivered (an active download link for the ticket or its pack), or withdrawn.
  Declined and expired offers are not a stage of the ticket: the pack went back to the pool.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.attendees.models import Holder
from billetterie.delivery.models import LinkStatus, TicketLink
from billetterie.inventory.models import PackStatus, Ticket
from billetterie.members.geography import (
    coordinates_from_postal_code,
    departement_from_postal_code,
    departement_get,
)
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting.charts import Chart, sorted_bars, stacked_bars, step_lines
from billetterie.reporting.map import AssociationPlace, HostCityPlace, france_map
from billetterie.requests.models import Application

STAGES = [
    ("available", "Dans le vivier"),
    ("offered", "Proposés"),
    ("accepted", "Acceptés, sans noms"),
    ("named", "Nommés"),
    ("delivered", "Remis (lien actif)"),
    ("withdrawn", "Retirés"),
]


def tickets_allotted(*, campaign) -> dict[int, int]:
    """Association id → tickets of its offers pending an answer or accepted."""
    rows = (
        Offer.objects.filter(
            campaign=campaign, status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED]
        )
        .values("association_id")
        .annotate(tickets=Sum("pack__size"))
    )
    return {r["association_id"]: r["tickets"] or 0 for r in rows}


def satisfaction_rows(*, campaign) -> list[dict]:
    """Each association with an eligible application: name, requested, allotted, satisfaction."""
    requested = (
        Application.objects.filter(campaign=campaign, is_eligible=True)
        .values("association_id", "association__name")
        .annotate(youth=Sum("youth"), supervisors=Sum("supervisors"))
    )
    allotted = tickets_allotted(campaign=campaign)
    rows = []
    for r in requested:
        asked = (r["youth"] or 0) + (r["supervisors"] or 0)
        got = allotted.get(r["association_id"], 0)
        rows.append(
            {
                "association_id": r["association_id"],
                "name": r["association__name"],
                "requested": asked,
                "allotted": got,
                "satisfaction": got / asked if asked else 0.0,
            }
        )
    return rows


def tickets_by_city_and_stage(*, campaign) -> dict[str, dict[str, int]]:
    """Host city name → stage → tickets (see the module's docstring for the stages)."""
    active_link = TicketLink.objects.filter(status=LinkStatus.ACTIVE).filter(
        Q(ticket=OuterRef("pk")) | Q(ticket__isnull=True, pack=OuterRef("pack_id"))
    )
    rows = (
        Ticket.objects.filter(pack__campaign=campaign)
        .annotate(
            named=Exists(Holder.objects.filter(ticket=OuterRef("pk"))),
            linked=Exists(active_link),
        )
        .values("pack__session__venue__host_city__name", "pack__status", "named", "linked")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        status = r["pack__status"]
        if status == PackStatus.ACCEPTED:
            stage = "delivered" if r["linked"] else "named" if r["named"] else "accepted"
        else:
            stage = {PackStatus.OFFERED: "offered", PackStatus.WITHDRAWN: "withdrawn"}.get(
                status, "available"
            )
        result[r["pack__session__venue__host_city__name"]][stage] += r["n"]
    return {city: dict(stages) for city, stages in result.items()}


def wave_progress(*, campaign) -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    """Published runs in order (each a wave), with the cumulative tickets offered by then and,
    of those, the ones accepted today. Offers made outside a run (continuous mode) count in the
    wave in force when they were sent (before the first wave: a first step of their own)."""
    runs = list(
        AllocationRun.objects.filter(campaign=campaign, status=RunStatus.PUBLISHED)
        .exclude(published_at=None)
        .order_by("published_at", "pk")
        .values("pk", "published_at")
    )
    per_run = {
        (r["run_id"], r["status"]): r["tickets"] or 0
        for r in Offer.objects.filter(campaign=campaign, run__isnull=False)
        .values("run_id", "status")
        .annotate(tickets=Sum("pack__size"))
        .order_by()
    }
    loose = list(
        Offer.objects.filter(campaign=campaign, run__isnull=True)
        .values("sent_at", "status")
        .annotate(tickets=Sum("pack__size"))
        .order_by()
    )
    index = {run["pk"]: i for i, run in enumerate(runs)}
    offered = [0] * (len(runs) + 1)  # slot 0: before the first wave
    accepted = [0] * (len(runs) + 1)
    for (run_id, status), tickets in per_run.items():
        slot = index.get(run_id)
        if slot is None:  # an offer of a run no longer published: count it where it was sent
            slot = -1
        offered[slot + 1] += tickets
        if status == OfferStatus.ACCEPTED:
            accepted[slot + 1] += tickets
    for r in loose:
        slot = sum(1 for run in runs if run["published_at"] <= r["sent_at"])
        offered[slot] += r["tickets"] or 0
        if r["status"] == OfferStatus.ACCEPTED:
            accepted[slot] += r["tickets"] or 0
    steps = [("Avant", "hors vague")] + [
        (f"Vague {i}", timezone.localtime(run["published_at"]).strftime("%d/%m/%Y"))
        for i, run in enumerate(runs, 1)
    ]
    if offered[0] == 0:
        steps, offered, accepted = steps[1:], offered[1:], accepted[1:]
    cumulative = {"offered": [], "accepted": []}
    total_o = total_a = 0
    for o, a in zip(offered, accepted, strict=True):
        total_o += o
        total_a += a
        cumulative["offered"].append(total_o)
        cumulative["accepted"].append(total_a)
    return steps, cumulative


def map_places(*, campaign) -> tuple[list[AssociationPlace], list[HostCityPlace]]:
    """Associations that applied to the campaign (any application) and the host cities of its
    packs, with their coordinates and tickets."""
    allotted = tickets_allotted(campaign=campaign)
    applicants = Association.objects.filter(
        pk__in=Application.objects.filter(campaign=campaign).values("association_id")
    ).only("postal_code", "departement", "latitude", "longitude")
    places = []
    for a in applicants:
        lat, lon = a.latitude, a.longitude
        if lat is None or lon is None:
            lat, lon = coordinates_from_postal_code(a.postal_code) or (None, None)
        code = a.departement or departement_from_postal_code(a.postal_code) or ""
        departement = departement_get(code)
        region = departement.region if departement else ""
        places.append(AssociationPlace(region, lat, lon, allotted.get(a.pk, 0)))
    cities = (
        Ticket.objects.filter(pack__campaign=campaign)
        .values(
            "pack__session__venue__host_city__name",
            "pack__session__venue__host_city__latitude",
            "pack__session__venue__host_city__longitude",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    host_cities = [
        HostCityPlace(
            c["pack__session__venue__host_city__name"],
            c["pack__session__venue__host_city__latitude"],
            c["pack__session__venue__host_city__longitude"],
            c["n"],
        )
        for c in cities
    ]
    return places, host_cities


# ---------------------------------------------------------------- the charts, ready to show


def satisfaction_chart(*, campaign) -> Chart:
    rows = satisfaction_rows(campaign=campaign)
    return sorted_bars(
        chart_id="chart-satisfaction",
        title="Satisfaction de chaque association (billets attribués ÷ billets demandés)",
        items=[(r["name"], r["satisfaction"]) for r in rows],
        extra_headers=("Billets demandés", "Billets attribués"),
        extra_cells={r["name"]: [str(r["requested"]), str(r["allotted"])] for r in rows},
        empty_message="Aucune candidature éligible pour l'instant : pas de satisfaction à montrer.",
    )


def cities_chart(*, campaign) -> Chart:
    data = tickets_by_city_and_stage(campaign=campaign)
    cities = sorted(data, key=lambda c: (-sum(data[c].values()), c))
    return stacked_bars(
        chart_id="chart-cities",
        title="Billets par ville hôte, selon où ils en sont",
        categories=cities,
        series=STAGES,
        values=data,
        empty_message="Aucun lot dans cette campagne pour l'instant : pas de billet à montrer.",
    )


def waves_chart(*, campaign) -> Chart:
    steps, values = wave_progress(campaign=campaign)
    return step_lines(
        chart_id="chart-waves",
        title="Billets proposés et acceptés, vague après vague (cumul)",
        steps=steps,
        series=[("offered", "Proposés"), ("accepted", "Acceptés")],
        values=values,
        empty_message="Aucune vague publiée pour l'instant : pas de progression à montrer.",
    )


def map_chart(*, campaign) -> Chart:
    associations, host_cities = map_places(campaign=campaign)
    return france_map(
        chart_id="chart-map",
        title="Carte des associations candidates et des villes hôtes",
        associations=associations,
        host_cities=host_cities,
    )


def campaign_charts(*, campaign) -> list[Chart]:
    """All the charts of a campaign, in the order of the « Graphiques » page."""
    return [
        satisfaction_chart(campaign=campaign),
        cities_chart(campaign=campaign),
        waves_chart(campaign=campaign),
        map_chart(campaign=campaign),
    ]
