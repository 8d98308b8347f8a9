"""The campaign at a glance: pure aggregates, in a fixed number of queries.

Every figure is computed by a GROUP BY with conditional aggregates, never by a loop that reads the
database once per association: the dashboard of a campaign with 1,000 associations makes the same
queries as one with 10 (a test counts them). The Python loops below only fold rows already read.

Each figure carries its `target`: the export it counts, as (list kind, filters) of
reporting/exports.py, and its `unit`: what is counted in that export (rows, the sum of the
« Billets » column, the people present, or the distinct associations). The back office turns it
into a link (the packs or offers page with these filters when that page shows exactly these rows,
else the « Exports » page with the list and its filters chosen); a test runs each export job and
counts its file.

Definitions (docs/reporting.md says them in French; the charts use the same, chart_data.py):
- tickets by status: the state of their pack now (available, offered, accepted, withdrawn); the
  tickets of offers declined or left to expire (one pack declined twice counts twice: these are
  answers, not stock); named = tickets of accepted packs with a holder; delivered = tickets of the
  groups whose leader confirmed they got the tickets (`LeaderAccess.confirmed_at`); attended = the
  youth and supervisors the referent reported present;
- tickets « received » by an association = the tickets of its accepted offers (never the pending);
- satisfaction of an association for a Games = tickets received ÷ tickets asked by its eligible
  application for these Games (capped at 100 %);
- a small association: its request (eligible applications, all Games) is at most the low median of
  the requests — the definition of `small_share` in the allocation's metrics (docs/allocation.md).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from billetterie.attendees.models import (
    CommitmentLetter,
    DecisionStatus,
    Derogation,
    Group,
    Holder,
    LetterStatus,
    NameChange,
    Submission,
)
from billetterie.campaigns.models import CampaignGames
from billetterie.contest.models import (
    AwardStatus,
    Deliberation,
    Entry,
    Participation,
    PrestigeAward,
)
from billetterie.delivery.models import AttendanceReport, LeaderAccess, LinkStatus, TicketLink
from billetterie.inventory.models import Pack, PackStatus
from billetterie.lodging.models import HostOffer, LodgingSettings, Need, Placement, PlacementStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Application

# The statuses of a ticket, in the order of its life, with the words the page shows.
TICKET_STATUSES = (
    ("available", "disponibles"),
    ("offered", "proposés"),
    ("accepted", "acceptés"),
    ("withdrawn", "retirés du vivier"),
    ("declined", "déclinés"),
    ("expired", "expirés sans réponse"),
    ("named", "nommés"),
    ("delivered", "remis aux responsables"),
    ("attended", "présents le jour J"),
)
PACK_STATUSES = ("available", "offered", "accepted", "withdrawn")

# Satisfaction buckets: (key, words); a share s in percent falls in the first whose test passes.
SATISFACTION_BUCKETS = (
    ("0", "0 %"),
    ("1-24", "1 à 24 %"),
    ("25-49", "25 à 49 %"),
    ("50-74", "50 à 74 %"),
    ("75-99", "75 à 99 %"),
    ("100", "100 %"),
)

# Pending offers by how soon their answer is due.
DUE_BUCKETS = (
    ("overdue", "délai passé, en cours d'expiration"),
    ("today", "à répondre aujourd'hui"),
    ("soon", "à répondre d'ici 2 jours"),
    ("later", "à répondre plus tard"),
)


def satisfaction_bucket(received: int, requested: int) -> str:
    """The bucket of received ÷ requested (exact: 24.9 % is in « 1 à 24 % », 25 % is not)."""
    if requested <= 0:
        raise ValueError("requested must be positive")
    if received <= 0:
        return "0"
    if received >= requested:
        return "100"
    # Compare integers (100 × received against 25 × requested…): no rounding at the edges.
    for key, bound in (("1-24", 25), ("25-49", 50), ("50-74", 75)):
        if 100 * received < bound * requested:
            return key
    return "75-99"


def small_threshold(requests: list[int]) -> int:
    """The low median of the positive requests (0 without any): at most this is « small »."""
    asking = sorted(r for r in requests if r > 0)
    return asking[(len(asking) - 1) // 2] if asking else 0


def due_windows(now: dt.datetime) -> dict[str, dt.datetime]:
    """The ends of the due windows: the end of today and of the day after tomorrow (local time)."""
    today = timezone.localdate(now)
    end_today = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    return {"end_today": end_today, "end_soon": end_today + dt.timedelta(days=2)}


def due_bucket(expires_at: dt.datetime, now: dt.datetime) -> str:
    """The due bucket of one pending offer (the rule the aggregate and the list filter share)."""
    ends = due_windows(now)
    if expires_at <= now:
        return "overdue"
    if expires_at <= ends["end_today"]:
        return "today"
    if expires_at <= ends["end_soon"]:
        return "soon"
    return "later"


def due_filter(bucket: str, now: dt.datetime) -> Q:
    """The same rule as `due_bucket`, as a filter on offers (for the list page and the counts)."""
    ends = due_windows(now)
    return {
        "overdue": Q(expires_at__lte=now),
        "today": Q(expires_at__gt=now, expires_at__lte=ends["end_today"]),
        "soon": Q(expires_at__gt=ends["end_today"], expires_at__lte=ends["end_soon"]),
        "later": Q(expires_at__gt=ends["end_soon"]),
    }[bucket]


def offers_tickets(offers) -> int:
    """The tickets of a (filtered) list of offers: the sum of their packs' sizes."""
    return offers.order_by().aggregate(n=Sum("pack__size"))["n"] or 0


# What a figure counts in the rows of its export.
UNITS = {
    "rows": "lignes",
    "tickets": "somme de la colonne « Billets »",
    "present": "somme des colonnes « Jeunes présents » et « Encadrants présents »",
    "associations": "associations distinctes (colonne « Identifiant de l'association »)",
}


@dataclass
class Figure:
    """One number of the dashboard and the export it counts: (list kind, filters); `unit` says
    what is counted in that export's rows (UNITS). `page`: a back-office page that shows these
    rows and where the operator acts on them (list name, {"#": anchor}), linked instead.
    A figure without target is a state, not a count (the deliberation closed or not)."""

    value: int
    label: str
    target: tuple[str, dict] | None = None
    unit: str = "rows"
    page: tuple[str, dict] | None = None


@dataclass
class TicketRow:
    """Tickets by status for one Games or one host city (or the campaign, `key` empty)."""

    label: str
    key: dict
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def total(self) -> int:
        return sum(self.counts[s] for s in PACK_STATUSES)

    def figures(self) -> list[Figure]:
        return [
            Figure(self.counts[s], words, *ticket_target(s, self.key))
            for s, words in TICKET_STATUSES
        ]


def ticket_target(status: str, key: dict) -> tuple[tuple[str, dict], str]:
    """The export each ticket figure counts, and its unit: packs by state and offers by answer
    (the sum of their tickets), named and delivered holders (one row a ticket), attendance."""
    games, city = key.get("games", ""), key.get("city")
    where = {k: str(v) for k, v in (("games", games), ("city", city)) if v}
    if status in PACK_STATUSES:
        return ("packs", {**where, "status": status}), "tickets"
    if status in ("declined", "expired"):
        return ("offers", {**where, "status": status}), "tickets"
    if status == "attended":
        return ("attendance", where), "present"
    return ("holders", {**where, status: "1"}), "rows"


@dataclass
class Dashboard:
    campaign: object
    now: dt.datetime
    by_games: list[TicketRow]
    by_city: list[TicketRow]
    totals: TicketRow
    satisfaction: list[dict]
    small: dict
    due: list[Figure]
    nominative: list[dict]
    waiting: list[Figure]
    delivery: list[Figure]
    contest: list[Figure] | None
    lodging: list[Figure] | None = None


def _games_city_rows(qs, games_field: str, city_field: str, **annotations):
    """Rows grouped by Games and host city: (games code, games short name, city id, city name)."""
    return qs.values(
        code=F(f"{games_field}__code"),
        games_name=F(f"{games_field}__short_name"),
        city_id=F(f"{city_field}_id"),
        city_name=F(f"{city_field}__name"),
    ).annotate(**annotations)


def ticket_rows(campaign) -> tuple[list[TicketRow], list[TicketRow], TicketRow]:
    """5 queries: packs by state, declined and expired offers, holders, delivered, attended."""
    cells: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[tuple, tuple[str, str]] = {}

    def fold(rows, statuses):
        for r in rows:
            key = (r["code"], r["city_id"])
            names[key] = (r["games_name"], r["city_name"])
            for status in statuses:
                cells[key][status] += r[status] or 0

    packs = Pack.objects.filter(campaign=campaign).order_by()
    fold(
        _games_city_rows(
            packs,
            "session__games",
            "session__venue__host_city",
            **{s: Sum("size", filter=Q(status=s)) for s in PACK_STATUSES},
        ),
        PACK_STATUSES,
    )
    answered = Offer.objects.filter(
        campaign=campaign, status__in=[OfferStatus.DECLINED, OfferStatus.EXPIRED]
    ).order_by()
    fold(
        _games_city_rows(
            answered,
            "pack__session__games",
            "pack__session__venue__host_city",
            declined=Sum("pack__size", filter=Q(status=OfferStatus.DECLINED)),
            expired=Sum("pack__size", filter=Q(status=OfferStatus.EXPIRED)),
        ),
        ("declined", "expired"),
    )
    fold(
        _games_city_rows(
            named_holders(campaign),
            "ticket__pack__session__games",
            "ticket__pack__session__venue__host_city",
            named=Count("id"),
            delivered=Count(
                "id", filter=Q(group__leader_access__confirmed_at__isnull=False), distinct=True
            ),
        ),
        ("named", "delivered"),
    )
    fold(
        _games_city_rows(
            AttendanceReport.objects.filter(campaign=campaign).order_by(),
            "group__session__games",
            "group__session__venue__host_city",
            attended=Sum(F("youth_present") + F("supervisors_present")),
        ),
        ("attended",),
    )
    games: dict[str, TicketRow] = {}
    cities: dict[int, TicketRow] = {}
    totals = TicketRow("Toute la campagne", {})
    for (code, city_id), counts in cells.items():
        games_name, city_name = names[(code, city_id)]
        g = games.setdefault(code, TicketRow(games_name, {"games": code}))
        c = cities.setdefault(city_id, TicketRow(city_name, {"city": city_id}))
        for status, n in counts.items():
            g.counts[status] += n
            c.counts[status] += n
            totals.counts[status] += n
    return (
        [games[k] for k in sorted(games)],
        sorted(cities.values(), key=lambda r: r.label),
        totals,
    )


def named_holders(campaign):
    """The holders of the tickets of accepted packs (those the named figures count)."""
    return Holder.objects.filter(
        campaign=campaign, ticket__pack__status=PackStatus.ACCEPTED
    ).order_by()


def requests_and_received(campaign) -> tuple[dict, dict, dict]:
    """2 queries: tickets asked per (association, Games) by eligible applications, tickets of
    accepted offers per (association, Games), and the Games' names."""
    requested: dict[tuple[int, str], int] = {}
    names: dict[str, str] = {}
    for r in (
        Application.objects.filter(campaign=campaign, is_eligible=True)
        .order_by()
        .values("association_id", code=F("games__code"), games_name=F("games__short_name"))
        .annotate(n=Sum(F("youth") + F("supervisors")))
    ):
        requested[(r["association_id"], r["code"])] = r["n"] or 0
        names[r["code"]] = r["games_name"]
    received: dict[tuple[int, str], int] = {}
    for r in (
        Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED)
        .order_by()
        .values("association_id", code=F("pack__session__games__code"))
        .annotate(n=Sum("pack__size"))
    ):
        received[(r["association_id"], r["code"])] = r["n"] or 0
    return requested, received, names


def _satisfaction(requested, received, names) -> list[dict]:
    per_games: dict[str, dict] = {}
    for (association_id, code), asked in requested.items():
        if asked <= 0:
            continue
        row = per_games.setdefault(
            code,
            {
                "games": names[code],
                "code": code,
                "applicants": 0,
                "served": 0,
                "buckets": dict.fromkeys((k for k, _w in SATISFACTION_BUCKETS), 0),
            },
        )
        got = received.get((association_id, code), 0)
        row["applicants"] += 1
        row["served"] += got > 0
        row["buckets"][satisfaction_bucket(got, asked)] += 1
    out = []
    for code in sorted(per_games):
        row = per_games[code]
        row["figures"] = [
            Figure(
                row["buckets"][key],
                words,
                ("applications", {"games": code, "satisfaction": key}),
            )
            for key, words in SATISFACTION_BUCKETS
        ]
        row["applicants_figure"] = Figure(
            row["applicants"],
            "associations candidates",
            ("applications", {"games": code, "eligible": "1"}),
        )
        row["served_figure"] = Figure(
            row["served"],
            "associations servies (au moins un lot accepté)",
            ("applications", {"games": code, "served": "1"}),
        )
        out.append(row)
    return out


def small_associations(requested) -> tuple[int, set[int]]:
    """The threshold and the ids of the small associations, from `requests_and_received`."""
    totals: dict[int, int] = defaultdict(int)
    for (association_id, _code), asked in requested.items():
        totals[association_id] += asked
    threshold = small_threshold(list(totals.values()))
    return threshold, {a for a, asked in totals.items() if 0 < asked <= threshold}


def satisfaction_pairs(requested, received, *, bucket=None, served=False) -> set[tuple[int, str]]:
    """The (association, Games) of the asking eligible applications, optionally only those in a
    satisfaction bucket, or only those served (at least one accepted pack)."""
    return {
        (a, code)
        for (a, code), asked in requested.items()
        if asked > 0
        and (bucket is None or satisfaction_bucket(received.get((a, code), 0), asked) == bucket)
        and (not served or received.get((a, code), 0) > 0)
    }


def _small(requested, received) -> dict:
    threshold, small = small_associations(requested)
    all_tickets = sum(received.values())
    small_tickets = sum(n for (a, _code), n in received.items() if a in small)
    return {
        "threshold": threshold,
        "associations": Figure(
            len(small), "petites associations", ("applications", {"size": "small"}), "associations"
        ),
        "tickets": Figure(
            small_tickets,
            "billets acceptés par elles",
            ("offers", {"status": "accepted", "size": "small"}),
            unit="tickets",
        ),
        "all_tickets": Figure(
            all_tickets, "billets acceptés en tout", ("offers", {"status": "accepted"}), "tickets"
        ),
        "percent": round(100 * small_tickets / all_tickets) if all_tickets else None,
    }


def _due(campaign, now) -> list[Figure]:
    """1 query: pending offers by how soon their answer is due."""
    pending = Offer.objects.filter(campaign=campaign, status=OfferStatus.PENDING)
    counts = pending.aggregate(
        **{k: Count("id", filter=due_filter(k, now)) for k, _w in DUE_BUCKETS}
    )
    return [
        Figure(counts[k], f"propositions {words}", ("offers", {"status": "pending", "due": k}))
        for k, words in DUE_BUCKETS
    ]


def _nominative(campaign, by_games, received) -> list[dict]:
    """2 queries: the Games' deadlines, the submissions per Games."""
    deadlines = {
        cg.games.code: (cg.games.short_name, cg.nominative_deadline)
        for cg in CampaignGames.objects.filter(campaign=campaign).select_related("games")
    }
    sent = dict(
        Submission.objects.filter(campaign=campaign)
        .order_by()
        .values("games__code")
        .annotate(n=Count("id"))
        .values_list("games__code", "n")
    )
    holding: dict[str, int] = defaultdict(int)
    for (_a, code), n in received.items():
        holding[code] += n > 0
    rows = []
    by_code = {row.key["games"]: row for row in by_games}
    for code in sorted(set(deadlines) | set(by_code)):
        row = by_code.get(code)
        name, deadline = deadlines.get(code, (row.label if row else code, None))
        accepted = row.counts["accepted"] if row else 0
        named = row.counts["named"] if row else 0
        rows.append(
            {
                "games": name,
                "code": code,
                "deadline": deadline,
                "accepted": accepted,
                "named": Figure(
                    named, "billets nommés", ("holders", {"games": code, "named": "1"})
                ),
                "percent": round(100 * named / accepted) if accepted else None,
                "associations": holding.get(code, 0),
                "submitted": Figure(
                    sent.get(code, 0),
                    "associations ont envoyé leurs noms",
                    ("submissions", {"games": code}),
                    page=("attendees", {}),
                ),
            }
        )
    return rows


def _waiting(campaign) -> list[Figure]:
    """3 queries: the operator's decisions waiting, and the letters validated."""
    letters = CommitmentLetter.objects.filter(campaign=campaign).aggregate(
        pending=Count("id", filter=Q(status=LetterStatus.PENDING)),
        validated=Count("association", filter=Q(status=LetterStatus.VALIDATED), distinct=True),
    )
    derogations = Derogation.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
    changes = NameChange.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
    return [
        Figure(
            derogations.count(),
            "dérogations à traiter",
            ("derogations", {"status": "pending"}),
            page=("attendees", {"#": "derogations"}),
        ),
        Figure(
            letters["pending"],
            "courriers à valider",
            ("letters", {"status": "pending"}),
            page=("attendees", {"#": "courriers"}),
        ),
        Figure(
            changes.count(),
            "réattributions à traiter",
            ("name_changes", {"status": "pending"}),
            page=("attendees", {"#": "reattributions"}),
        ),
        Figure(
            letters["validated"],
            "associations dont le courrier est validé",
            ("letters", {"status": "validated"}),
            "associations",
        ),
    ]


def _delivery(campaign) -> list[Figure]:
    """3 queries: active download links, groups, leaders' links sent and confirmed."""
    links = TicketLink.objects.filter(campaign=campaign, status=LinkStatus.ACTIVE).count()
    groups = Group.objects.filter(campaign=campaign).count()
    access = LeaderAccess.objects.filter(campaign=campaign).aggregate(
        sent=Count("id", filter=Q(sent_at__isnull=False, revoked_at__isnull=True)),
        confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
    )
    return [
        Figure(
            links,
            "liens de téléchargement reçus de la billetterie",
            ("links", {"status": "active"}),
        ),
        Figure(groups, "groupes formés", ("groups", {})),
        Figure(
            access["sent"],
            "groupes dont le responsable a reçu son lien",
            ("groups", {"leader_sent": "1"}),
        ),
        Figure(
            access["confirmed"],
            "groupes dont le responsable a récupéré les billets",
            ("groups", {"leader_confirmed": "1"}),
        ),
    ]


def _contest(campaign) -> list[Figure] | None:
    """4 queries; None when the campaign has no contest (no dates and no participation)."""
    participations = Participation.objects.filter(
        campaign=campaign, withdrawn_at__isnull=True
    ).count()
    if not participations and campaign.contest_opens_on is None:
        return None
    entries = Entry.objects.filter(campaign=campaign).count()
    closed = Deliberation.objects.filter(campaign=campaign, closed_at__isnull=False).exists()
    awards = PrestigeAward.objects.filter(campaign=campaign).aggregate(
        offered=Count("id", filter=Q(status=AwardStatus.OFFERED)),
        accepted=Count("id", filter=Q(status=AwardStatus.ACCEPTED)),
    )
    return [
        Figure(participations, "participations confirmées", ("contest", {"active": "1"})),
        Figure(entries, "enregistrements déposés", ("contest", {"entry": "1"})),
        Figure(
            int(closed),
            "délibération close" if closed else "délibération pas encore close",
            None,
            page=("contest_results", {}),
        ),
        Figure(
            awards["offered"], "lots prestige proposés", ("prestige_awards", {"status": "offered"})
        ),
        Figure(
            awards["accepted"],
            "lots prestige acceptés",
            ("prestige_awards", {"status": "accepted"}),
        ),
    ]


def _lodging(campaign) -> list[Figure] | None:
    """3 queries; None while lodging is not open for the campaign (no settings)."""
    if not LodgingSettings.objects.filter(campaign=campaign).exists():
        return None
    needs = list(
        Need.objects.filter(campaign=campaign, withdrawn_at__isnull=True).values_list(
            "youth", "supervisors", "first_night", "last_night"
        )
    )
    person_nights = sum((y + s) * ((last - first).days + 1) for y, s, first, last in needs)
    offers = HostOffer.objects.filter(campaign=campaign, withdrawn_at__isnull=True).aggregate(
        places=Count("id", distinct=True), bed_nights=Sum("nights__beds")
    )
    placements = Placement.objects.filter(campaign=campaign).aggregate(
        pending=Count("id", filter=Q(status=PlacementStatus.PENDING)),
        confirmed=Count("id", filter=Q(status=PlacementStatus.CONFIRMED)),
    )
    return [
        Figure(len(needs), "séjours à héberger déclarés", page=("lodging_needs", {})),
        Figure(person_nights, "nuitées demandées (personnes × nuits)", page=("lodging_needs", {})),
        Figure(offers["places"], "lieux d'accueil proposés", page=("lodging_hosts", {})),
        Figure(
            offers["bed_nights"] or 0,
            "lits × nuits offerts par les hébergeurs",
            page=("lodging_hosts", {}),
        ),
        Figure(
            placements["pending"],
            "propositions d'hébergement en attente de réponse",
            page=("lodging", {}),
        ),
        Figure(
            placements["confirmed"],
            "hébergements acceptés des deux côtés",
            page=("lodging", {}),
        ),
    ]


def campaign_dashboard(*, campaign, now: dt.datetime) -> Dashboard:
    """Every figure of the campaign's dashboard (a fixed number of queries, about 20)."""
    by_games, by_city, totals = ticket_rows(campaign)
    requested, received, names = requests_and_received(campaign)
    return Dashboard(
        campaign=campaign,
        now=now,
        by_games=by_games,
        by_city=by_city,
        totals=totals,
        satisfaction=_satisfaction(requested, received, names),
        small=_small(requested, received),
        due=_due(campaign, now),
        nominative=_nominative(campaign, by_games, received),
        waiting=_waiting(campaign),
        delivery=_delivery(campaign),
        contest=_contest(campaign),
        lodging=_lodging(campaign),
    )
