"""What the back office reads about lodging: figures, needs, offers, runs and their proposal.

A run's proposal is read against the run's own instance (the free beds when it was computed):
the beds a draft takes are counted from the instance's groups, so that the tables and the
adjustments agree with what the matching saw. Whether the instance is still true is
`run_staleness`, checked again before publishing."""

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from billetterie.lodging.instance import host_id, instance_build, need_id, pk_of
from billetterie.lodging.matching import compatible
from billetterie.lodging.matching.model import distance_km, group_from, host_from, night_range
from billetterie.lodging.models import (
    LIVE,
    HostNight,
    HostOffer,
    MatchingRun,
    Need,
    Placement,
    PlacementStatus,
    RunStatus,
)
from billetterie.lodging.nights import stay_words

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
RUNNING = (RunStatus.QUEUED, RunStatus.RUNNING)
TIME_LIMITS = (10, 30, 60)

# A run nobody took for this long, or a run computing this much longer than its time limit since
# the worker's last sign of life, is stuck: its worker stopped (see `run_stuck`).
QUEUED_STUCK_AFTER = dt.timedelta(minutes=30)
RUNNING_MARGIN = dt.timedelta(minutes=10)
STUCK_ERROR = "Le calcul ne répond plus : le travailleur de tâches s'est sans doute arrêté."

# The engine's reasons, in a sentence the operator reads.
REASON_WORDS = {
    "âge": "les âges du groupe sortent de ceux que le lieu accueille",
    "groupe mixte": "le lieu n'accueille pas les groupes mixtes (filles et garçons)",
    "répartition filles/garçons non indiquée": (
        "le lieu a des chambres non mixtes et l'association n'a pas indiqué combien de filles "
        "et de garçons"
    ),
    "accessibilité fauteuil": "le lieu n'est pas accessible en fauteuil roulant",
}


def reason_words(reason: str) -> str:
    if reason in REASON_WORDS:
        return REASON_WORDS[reason]
    if reason.startswith("lits insuffisants le "):
        return f"il manquerait des lits la nuit du {reason.removeprefix('lits insuffisants le ')}"
    return reason


def day_words(day: dt.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


# --- Settings and figures ----------------------------------------------------------------------


def lodging_figures(campaign) -> dict:
    needs = list(
        Need.objects.filter(campaign=campaign, withdrawn_at__isnull=True).only(
            "first_night", "last_night", "youth", "supervisors"
        )
    )
    offers = HostOffer.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
    beds_nights = HostNight.objects.filter(offer__in=offers).aggregate(n=Sum("beds"))["n"] or 0
    counts = Placement.objects.filter(campaign=campaign).aggregate(
        pending=Count("pk", filter=Q(status=PlacementStatus.PENDING)),
        confirmed=Count("pk", filter=Q(status=PlacementStatus.CONFIRMED)),
        refused=Count("pk", filter=Q(status=PlacementStatus.REFUSED)),
        cancelled=Count("pk", filter=Q(status=PlacementStatus.CANCELLED)),
    )
    placed = list(
        Placement.objects.filter(campaign=campaign, status__in=LIVE).select_related("need")
    )
    return {
        "needs": len(needs),
        "persons": sum(n.persons for n in needs),
        "person_nights": sum(n.person_nights for n in needs),
        "offers": offers.count(),
        "beds_nights": beds_nights,
        "placed": len(placed),
        "placed_person_nights": sum(p.need.person_nights for p in placed),
        **counts,
    }


# --- Needs -----------------------------------------------------------------------------------


def _live_by_need(campaign) -> dict[int, Placement]:
    return {
        p.need_id: p
        for p in Placement.objects.filter(campaign=campaign, status__in=LIVE).select_related(
            "offer"
        )
    }


def needs_of(campaign) -> list[dict]:
    """Every need of the campaign (withdrawn last), with its placement state in words."""
    live = _live_by_need(campaign)
    rows = []
    needs = Need.objects.filter(campaign=campaign).select_related("association")
    for need in sorted(needs, key=lambda n: (n.withdrawn_at is not None, n.first_night, n.pk)):
        placement = live.get(need.pk)
        if need.withdrawn_at is not None:
            state = "Retiré par l'association"
        elif placement is None:
            state = "À placer"
        else:
            state = f"{placement.get_status_display()} — {placement.offer.town}"
        rows.append({"need": need, "placement": placement, "state": state})
    return rows


def need_get(*, campaign, need_id: int) -> Need:
    return Need.objects.select_related("association").get(campaign=campaign, pk=need_id)


def placement_get(*, campaign, placement_id: int) -> Placement:
    return Placement.objects.select_related(
        "need", "need__association", "offer", "offer__association"
    ).get(campaign=campaign, pk=placement_id)


def need_placements(need: Need) -> list[Placement]:
    return list(
        need.placements.exclude(status=PlacementStatus.DRAFT)
        .select_related("offer", "offer__association")
        .order_by("-pk")
    )


# --- Offers ----------------------------------------------------------------------------------


def offers_of(campaign) -> list[dict]:
    offers = (
        HostOffer.objects.filter(campaign=campaign)
        .select_related("association")
        .annotate(
            # A subquery: summed in the same join as the placements, each bed would count once
            # per placement.
            beds_nights=Coalesce(
                Subquery(
                    HostNight.objects.filter(offer=OuterRef("pk"))
                    .order_by()
                    .values("offer")
                    .annotate(total=Sum("beds"))
                    .values("total"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            live=Count("placements", filter=Q(placements__status__in=LIVE), distinct=True),
        )
    )
    return [
        {"offer": o, "beds_nights": o.beds_nights or 0, "live": o.live}
        for o in sorted(offers, key=lambda o: (o.withdrawn_at is not None, o.place_name, o.pk))
    ]


def offer_constraints(offer: HostOffer) -> list[str]:
    words = [f"{offer.age_min} à {offer.age_max} ans"]
    if not offer.mixed_groups:
        words.append("pas de groupe mixte")
    if offer.single_sex_rooms:
        words.append("chambres non mixtes")
    if offer.wheelchair_accessible:
        words.append("accessible en fauteuil")
    return words


def offer_get(*, campaign, offer_id: int) -> HostOffer:
    return HostOffer.objects.select_related("association").get(campaign=campaign, pk=offer_id)


def offer_nights(offer: HostOffer) -> list[dict]:
    """Each night offered: beds, beds taken by live placements, free beds."""
    taken: dict[dt.date, int] = {}
    for p in offer.placements.filter(status__in=LIVE).select_related("need"):
        for night in night_range(p.need.first_night.isoformat(), p.need.last_night.isoformat()):
            day = dt.date.fromisoformat(night)
            taken[day] = taken.get(day, 0) + p.need.persons
    return [
        {
            "night": n.night,
            "beds": n.beds,
            "taken": taken.get(n.night, 0),
            "free": max(0, n.beds - taken.get(n.night, 0)),
        }
        for n in offer.nights.order_by("night")
    ]


def offer_placements(offer: HostOffer) -> list[Placement]:
    return list(
        offer.placements.exclude(status=PlacementStatus.DRAFT)
        .select_related("need", "need__association")
        .order_by("-pk")
    )


# --- Runs ------------------------------------------------------------------------------------


def runs_of(campaign):
    return MatchingRun.objects.filter(campaign=campaign).select_related("created_by")


def run_get(*, campaign, run_id: int) -> MatchingRun:
    return MatchingRun.objects.select_related("created_by", "published_by").get(
        campaign=campaign, pk=run_id
    )


def run_stuck(run: MatchingRun, *, now: dt.datetime | None = None) -> bool:
    """True when the run waits or computes for longer than it possibly could: nobody took it for
    `QUEUED_STUCK_AFTER`, or nothing came from its worker for its time limit plus
    `RUNNING_MARGIN`. Measured in real time (the platform clock may stand still for a demo)."""
    if run.status not in RUNNING:
        return False
    if run.heartbeat_at is None:  # never seen by the heartbeat: from before it existed
        return True
    if run.status == RunStatus.QUEUED:
        allowed = QUEUED_STUCK_AFTER
    else:
        allowed = dt.timedelta(seconds=run.time_limit) + RUNNING_MARGIN
    return run.heartbeat_at < (now or timezone.now()) - allowed


def run_in_progress(campaign) -> MatchingRun | None:
    """The run waiting or computing, unless it is stuck (a new run may then be launched)."""
    for run in MatchingRun.objects.filter(campaign=campaign, status__in=RUNNING):
        if not run_stuck(run):
            return run
    return None


def run_drafts(run: MatchingRun):
    return (
        run.placements.filter(status=PlacementStatus.DRAFT)
        .select_related("need", "need__association", "offer", "offer__association")
        .order_by("need__first_night", "pk")
    )


def _instance_maps(run: MatchingRun) -> tuple[dict, dict]:
    instance = run.instance or {}
    return (
        {g["id"]: g for g in instance.get("groups", [])},
        {h["id"]: h for h in instance.get("hosts", [])},
    )


def drafts_usage(run: MatchingRun, *, excluding: int | None = None) -> dict[str, dict[str, int]]:
    """Persons the run's drafts put in each host, night by night (one draft left out)."""
    groups, _ = _instance_maps(run)
    usage: dict[str, dict[str, int]] = {}
    for need_pk, offer_pk, pk in run.placements.filter(status=PlacementStatus.DRAFT).values_list(
        "need_id", "offer_id", "pk"
    ):
        group = groups.get(need_id(need_pk))
        if pk == excluding or group is None:
            continue
        nights = usage.setdefault(host_id(offer_pk), {})
        for night in night_range(group["first_night"], group["last_night"]):
            nights[night] = nights.get(night, 0) + group["youth"] + group["supervisors"]
    return usage


def host_left(host: dict, used: dict[str, int]) -> dict:
    """The host as the instance saw it, with the beds the drafts already take removed."""
    return {**host, "beds": {n: b - used.get(n, 0) for n, b in host["beds"].items()}}


def placement_refusal(run: MatchingRun, group_id: str, host_key: str, *, excluding=None):
    """None when the run can put this group at this host, else the reason in words."""
    groups, hosts = _instance_maps(run)
    if group_id not in groups:
        return "ce besoin ne faisait pas partie de ce calcul"
    if host_key not in hosts:
        return "cette offre ne faisait pas partie de ce calcul"
    usage = drafts_usage(run, excluding=excluding)
    reason = compatible(groups[group_id], host_left(hosts[host_key], usage.get(host_key, {})))
    return None if reason is None else reason_words(reason)


def host_options(
    run: MatchingRun, group_id: str, *, excluding: int | None = None, current: int | None = None
) -> list[dict]:
    """The hosts of the run that can take the group with the beds the drafts leave (the draft
    `excluding` left out), nearest first: {offer, km, free (fewest free beds on the group's
    nights), spare (what is left once the group is in)}. Three queries, whatever the size."""
    groups, hosts = _instance_maps(run)
    group = groups.get(group_id)
    if group is None:
        return []
    usage = drafts_usage(run, excluding=excluding)
    offers = {
        o.pk: o
        for o in HostOffer.objects.filter(pk__in=[pk_of(h) for h in hosts], campaign=run.campaign)
    }
    nights = night_range(group["first_night"], group["last_night"])
    persons = group["youth"] + group["supervisors"]
    options = []
    for key, host in hosts.items():
        offer = offers.get(pk_of(key))
        if offer is None or offer.pk == current:
            continue
        left = host_left(host, usage.get(key, {}))
        if compatible(group, left) is not None:
            continue
        free = min(left["beds"].get(n, 0) for n in nights)
        km = distance_km(group_from(group), host_from(host))
        options.append(
            {
                "offer": offer,
                "km": None if km is None else round(km, 1),
                "free": free,
                "spare": free - persons,
            }
        )
    options.sort(
        key=lambda o: (o["km"] is None, o["km"] or 0, o["offer"].place_name, o["offer"].pk)
    )
    return options


def run_group(run: MatchingRun, need_pk: int) -> dict | None:
    """One group of the run, for the page that moves or places it: the need, its draft (None
    when unplaced), why the computation left it out, the hosts that can take it. None when the
    need was not part of the run."""
    groups, _ = _instance_maps(run)
    key = need_id(need_pk)
    if key not in groups:
        return None
    need = Need.objects.select_related("association").filter(pk=need_pk).first()
    if need is None:
        return None
    placement = (
        run.placements.filter(status=PlacementStatus.DRAFT, need_id=need_pk)
        .select_related("offer")
        .first()
    )
    reasons = {u["group"]: u["reason"] for u in (run.result or {}).get("unplaced", [])}
    return {
        "need": need,
        "group": key,
        "placement": placement,
        "reason": reasons.get(key, "retiré de la proposition par l'opérateur"),
        "hosts": host_options(
            run,
            key,
            excluding=placement.pk if placement else None,
            current=placement.offer_id if placement else None,
        ),
    }


def run_draft(run: MatchingRun, placement_id: int) -> Placement | None:
    return (
        run.placements.filter(status=PlacementStatus.DRAFT, pk=placement_id)
        .select_related("need", "need__association", "offer")
        .first()
    )


def _adjusted(run: MatchingRun, pairs) -> int:
    """How many groups the operator moved, added or removed by hand, against the computation."""
    if not run.result:
        return 0
    computed = {pk_of(p["group"]): pk_of(p["host"]) for p in run.result.get("placements", [])}
    now = dict(pairs)
    return sum(1 for need in computed.keys() | now.keys() if computed.get(need) != now.get(need))


def abandon_weight(run: MatchingRun) -> dict:
    """What abandoning the run loses: its proposed placements and the hand adjustments."""
    pairs = list(
        run.placements.filter(status=PlacementStatus.DRAFT).values_list("need_id", "offer_id")
    )
    adjusted = _adjusted(run, pairs) if run.status == RunStatus.DONE else 0
    return {"placements": len(pairs), "adjusted": adjusted}


def run_edited(run: MatchingRun) -> bool:
    """True when the operator changed the proposal the computation made."""
    if not run.result or run.status not in (RunStatus.DONE, RunStatus.PUBLISHED):
        return False
    computed = {(pk_of(p["group"]), pk_of(p["host"])) for p in run.result.get("placements", [])}
    placements = run.placements.all()
    if run.status == RunStatus.DONE:
        placements = placements.filter(status=PlacementStatus.DRAFT)
    return computed != set(placements.values_list("need_id", "offer_id"))


def _persons_nights(group: dict) -> tuple[int, list[str]]:
    return group["youth"] + group["supervisors"], night_range(
        group["first_night"], group["last_night"]
    )


def run_view(run: MatchingRun) -> dict:
    """The run's proposal: per group (host, distance), per host and night (used / free), the
    unplaced groups with their reason, and the figures."""
    groups, hosts = _instance_maps(run)
    result = run.result or {}
    drafts = list(run_drafts(run)) if run.status != RunStatus.PUBLISHED else []
    shown = drafts or list(
        run.placements.select_related("need", "need__association", "offer", "offer__association")
    )
    usage: dict[str, dict[str, int]] = {}
    for p in shown:
        group = groups.get(need_id(p.need_id))
        if group is None:
            continue
        nights = usage.setdefault(host_id(p.offer_id), {})
        for night in night_range(group["first_night"], group["last_night"]):
            nights[night] = nights.get(night, 0) + group["youth"] + group["supervisors"]
    offers = {
        o.pk: o
        for o in HostOffer.objects.filter(
            pk__in=[pk_of(h) for h in hosts], campaign=run.campaign
        ).select_related("association")
    }
    per_host = []
    for key, host in hosts.items():
        used = usage.get(key, {})
        if not used:
            continue
        per_host.append(
            {
                "offer": offers.get(pk_of(key)),
                "nights": [
                    {
                        "night": dt.date.fromisoformat(n),
                        "used": used.get(n, 0),
                        "beds": beds,
                        "free": beds - used.get(n, 0),
                    }
                    for n, beds in sorted(host["beds"].items())
                    if used.get(n, 0)
                ],
            }
        )
    placed = {p.need_id for p in shown}
    needs = {
        n.pk: n
        for n in Need.objects.filter(pk__in=[pk_of(g) for g in groups]).select_related(
            "association"
        )
    }
    reasons = {u["group"]: u["reason"] for u in result.get("unplaced", [])}
    unplaced = [
        {
            "need": needs.get(pk_of(key)),
            "group": key,
            "reason": reasons.get(key, "retiré de la proposition par l'opérateur"),
        }
        for key in groups
        if pk_of(key) not in placed and pk_of(key) in needs
    ]
    person_nights = 0
    for p in shown:
        if need_id(p.need_id) in groups:
            persons, nights = _persons_nights(groups[need_id(p.need_id)])
            person_nights += persons * len(nights)
    return {
        "placements": shown,
        "per_host": per_host,
        "unplaced": unplaced,
        "person_nights": person_nights,
        "result": result,
        "gap_percent": round(100 * (result.get("gap") or 0), 1),
        "edited": bool(_adjusted(run, [(p.need_id, p.offer_id) for p in shown])),
    }


def publish_weight(run: MatchingRun) -> dict:
    drafts = list(
        run.placements.filter(status=PlacementStatus.DRAFT).values_list(
            "need__association_id", "offer__association_id"
        )
    )
    return {
        "placements": len(drafts),
        "guests": len({guest for guest, _ in drafts}),
        "hosts": len({host for _, host in drafts}),
    }


def run_staleness(run: MatchingRun) -> list[str]:
    """What changed since the run read its instance, for the needs and offers of its drafts."""
    groups, hosts = _instance_maps(run)
    current = instance_build(run.campaign)
    now_groups = {g["id"]: g for g in current["groups"]}
    now_hosts = {h["id"]: h for h in current["hosts"]}
    drafts = list(run_drafts(run))
    changes: list[str] = []
    wanted: dict[str, dict[str, int]] = {}
    for p in drafts:
        key, host_key = need_id(p.need_id), host_id(p.offer_id)
        who = f"« {p.need.association.name} » ({stay_words(p.need.first_night, p.need.last_night)})"
        if key not in now_groups:
            changes.append(f"Le besoin de {who} a été retiré ou placé ailleurs depuis le calcul.")
        elif _without(now_groups[key], "venues") != _without(groups.get(key, {}), "venues"):
            changes.append(f"Le besoin de {who} a été modifié depuis le calcul.")
        group = groups.get(key)
        if group is not None:
            nights = wanted.setdefault(host_key, {})
            for night in night_range(group["first_night"], group["last_night"]):
                nights[night] = nights.get(night, 0) + group["youth"] + group["supervisors"]
    for host_key, nights in wanted.items():
        offer = next(p.offer for p in drafts if host_id(p.offer_id) == host_key)
        place = f"« {offer.place_name} » ({offer.town})"
        if host_key not in now_hosts:
            changes.append(f"L'offre {place} a été retirée depuis le calcul.")
            continue
        if _without(now_hosts[host_key], "beds") != _without(hosts.get(host_key, {}), "beds"):
            changes.append(f"L'offre {place} a été modifiée depuis le calcul.")
        for night, persons in sorted(nights.items()):
            free = now_hosts[host_key]["beds"].get(night, 0)
            if free < persons:
                day = day_words(dt.date.fromisoformat(night))
                changes.append(
                    f"{place} n'a plus que {free} lit{'s' if free > 1 else ''} libre"
                    f"{'s' if free > 1 else ''} la nuit du {day} ; la proposition en demande "
                    f"{persons}."
                )
    return changes


def _without(data: dict, key: str) -> dict:
    return {k: v for k, v in data.items() if k != key}
