"""Reads behind the charts and the map of a campaign, each in a fixed number of queries (grouped
counts, never one query per association), then the charts themselves (`campaign_charts`).

The definitions are the dashboard's (reporting/dashboard.py, docs/reporting.md), read by the same
selectors, so that a chart and the figure beside it never disagree:
- tickets « received » by an association: the tickets of its accepted offers;
- satisfaction of an association: tickets received ÷ tickets requested by its eligible
  applications (all Games), at most 100 %;
- a ticket's stage, the furthest it has gone: in the pool, offered, accepted (not yet named),
  named (not yet delivered), delivered (its group's leader confirmed getting the tickets), or
  withdrawn — the dashboard's counts by host city, made disjoint (named ⊂ accepted,
  delivered ⊂ named). Declined and expired offers are answers, not a stage of the ticket.
"""

from collections import defaultdict

from django.db.models import Count, Sum
from django.utils import timezone

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.inventory.models import Ticket
from billetterie.members.geography import (
    coordinates_from_postal_code,
    departement_from_postal_code,
    departement_get,
)
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting.charts import Chart, sorted_bars, stacked_bars, step_lines
from billetterie.reporting.dashboard import (
    SATISFACTION_BUCKETS,
    requests_and_received,
    ticket_rows,
)
from billetterie.reporting.map import AssociationPlace, HostCityPlace, france_map
from billetterie.requests.models import Application

STAGES = [
    ("available", "Dans le vivier"),
    ("offered", "Proposés"),
    ("accepted", "Acceptés, sans noms"),
    ("named", "Nommés, pas encore remis"),
    ("delivered", "Remis au responsable"),
    ("withdrawn", "Retirés"),
]


def tickets_received(*, campaign) -> dict[int, int]:
    """Association id → tickets received (its accepted offers), from the dashboard's selector."""
    _requested, received, _names = requests_and_received(campaign)
    return _per_association(received)


def _per_association(per_games: dict[tuple[int, str], int]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for (association_id, _code), n in per_games.items():
        totals[association_id] += n
    return dict(totals)


def satisfaction_rows(*, campaign) -> list[dict]:
    """Each association with an eligible application: name, requested, received, satisfaction
    (3 queries: the dashboard's two, and the associations' names)."""
    requested, received, _names = requests_and_received(campaign)
    asked, got = _per_association(requested), _per_association(received)
    names = dict(Association.objects.filter(pk__in=list(asked)).values_list("pk", "name"))
    return [
        {
            "association_id": a,
            "name": names[a],
            "requested": n,
            "received": got.get(a, 0),
            "satisfaction": min(1.0, got.get(a, 0) / n) if n else 0.0,
        }
        for a, n in asked.items()
    ]


def stages_of(row) -> dict[str, int]:
    """A dashboard's TicketRow as disjoint stages (named ⊂ accepted, delivered ⊂ named)."""
    c = row.counts
    stages = {
        "available": c["available"],
        "offered": c["offered"],
        "accepted": c["accepted"] - c["named"],
        "named": c["named"] - c["delivered"],
        "delivered": c["delivered"],
        "withdrawn": c["withdrawn"],
    }
    return {k: v for k, v in stages.items() if v}


def tickets_by_city_and_stage(*, campaign, by_city=None) -> dict[str, dict[str, int]]:
    """Host city name → stage → tickets: the dashboard's counts by host city (`ticket_rows`),
    or the ones it already read (`by_city`)."""
    if by_city is None:
        _by_games, by_city, _totals = ticket_rows(campaign)
    return {row.label: stages_of(row) for row in by_city}


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
    received = tickets_received(campaign=campaign)
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
        places.append(AssociationPlace(region, lat, lon, received.get(a.pk, 0)))
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
        title="Satisfaction de chaque association (billets reçus ÷ billets demandés)",
        items=[(r["name"], r["satisfaction"]) for r in rows],
        extra_headers=("Billets demandés", "Billets reçus (acceptés)"),
        extra_cells={r["name"]: [str(r["requested"]), str(r["received"])] for r in rows},
        empty_message="Aucune candidature éligible pour l'instant : pas de satisfaction à montrer.",
    )


def satisfaction_distribution_chart(satisfaction: list[dict]) -> Chart:
    """The dashboard's satisfaction buckets (associations per share of their request received),
    one bar per Games: no query of its own."""
    values = {row["games"]: row["buckets"] for row in satisfaction}
    return stacked_bars(
        chart_id="chart-satisfaction-buckets",
        title="Associations candidates selon la part de leur demande reçue, par Jeux",
        categories=list(values),
        series=list(SATISFACTION_BUCKETS),
        values=values,
        category_header="Jeux",
        unit="associations",
        empty_message="Aucune candidature éligible pour l'instant : pas de satisfaction à montrer.",
    )


def cities_chart(*, campaign, by_city=None) -> Chart:
    data = tickets_by_city_and_stage(campaign=campaign, by_city=by_city)
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


def dashboard_charts(board) -> list[Chart]:
    """The charts the dashboard shows beside its tables, drawn from the figures it already read
    (the waves: 3 queries more, whatever the number of associations)."""
    campaign = board.campaign
    return [
        satisfaction_distribution_chart(board.satisfaction),
        cities_chart(campaign=campaign, by_city=board.by_city),
        waves_chart(campaign=campaign),
    ]


def campaign_charts(*, campaign) -> list[Chart]:
    """All the charts of a campaign, in the order of the « Graphiques » page."""
    return [
        satisfaction_chart(campaign=campaign),
        cities_chart(campaign=campaign),
        waves_chart(campaign=campaign),
        map_chart(campaign=campaign),
    ]
