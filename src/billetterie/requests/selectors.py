"""Reads on applications, always scoped to one association when a referent asks."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils.formats import date_format

from billetterie.campaigns.selectors import campaign_games_of, campaigns_of_association
from billetterie.catalogue.models import HostCity, Session
from billetterie.requests.models import Application, ApplicationCity, Channel


def applications_of_association(*, association) -> QuerySet[Application]:
    """An association's own applications, with their ranked cities; never another's."""
    return (
        Application.objects.filter(association=association)
        .select_related("campaign", "games")
        .prefetch_related(
            Prefetch("city_choices", queryset=ApplicationCity.objects.select_related("host_city"))
        )
        .order_by("-campaign__created_at", "games__code")
    )


@dataclass(frozen=True)
class CallStatus:
    """Where a campaign's call for applications stands on a given day, in the referent's words."""

    state: str  # "unscheduled", "upcoming", "open" or "closed"
    opens_on: dt.date | None
    closes_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def new_goes_to_waiting_list(self) -> bool:
        return self.state == "closed"


def call_status(*, campaign, today: dt.date) -> CallStatus:
    opens, closes = campaign.call_opens_on, campaign.call_closes_on
    if opens is None or closes is None:
        state = "unscheduled"
    elif today < opens:
        state = "upcoming"
    elif campaign.call_is_open(today):
        state = "open"
    else:
        state = "closed"
    return CallStatus(state=state, opens_on=opens, closes_on=closes)


def host_cities_for_games(*, games) -> QuerySet[HostCity]:
    """The host cities where that Games has at least one session: the only ones worth asking for."""
    return HostCity.objects.filter(venues__sessions__games=games).distinct().order_by("name")


def games_period(*, games) -> tuple[dt.date, dt.date] | None:
    """First and last day of that Games' sessions, or None when no session is known yet."""
    bounds = Session.objects.filter(games=games).aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return None
    return bounds["first"], bounds["last"]


def application_of_association(*, association, application_id: int) -> Application:
    """One of the association's own applications; another's → Application.DoesNotExist."""
    return applications_of_association(association=association).get(pk=application_id)


def application_edit_block(*, application, today: dt.date) -> str | None:
    """Why the referent can no longer edit this application, or None when they still can.

    The one source of truth for the "Modifier" link and for `application_submit`.
    """
    campaign = application.campaign
    if not application.association.is_member:
        return NOT_MEMBER_MESSAGE
    status = call_status(campaign=campaign, today=today)
    if status.state in ("unscheduled", "upcoming"):
        return call_not_open_message(status)
    if application.first_offer_at is not None:
        return (
            f"Des lots vous ont déjà été proposés pour les {application.games} : la candidature "
            "ne peut plus être modifiée. Écrivez à l'opérateur pour toute correction."
        )
    return None


def application_block(
    *, campaign, association, application: Application | None, today: dt.date
) -> str | None:
    """Why the association cannot apply (no application yet) or edit (one exists); None when it can."""
    if application is not None:
        return application_edit_block(application=application, today=today)
    if not association.is_member:
        return NOT_MEMBER_MESSAGE
    status = call_status(campaign=campaign, today=today)
    if status.state in ("unscheduled", "upcoming"):
        return call_not_open_message(status)
    return None


NOT_MEMBER_MESSAGE = (
    "Votre association n'est pas adhérente : elle ne peut pas candidater à la distribution de "
    "billets. Contactez l'opérateur si c'est une erreur."
)


def call_not_open_message(status: CallStatus) -> str:
    if status.opens_on is None:
        return "L'appel à candidatures de cette campagne n'est pas encore programmé."
    return f"L'appel à candidatures ouvrira le {date_format(status.opens_on, 'j F Y')}."


def applications_of_campaign(
    *,
    campaign,
    games_code: str = "",
    channel: int | None = None,
    eligible: bool | None = None,
    search: str = "",
) -> QuerySet[Application]:
    """Every application of a campaign for the operator, filtered as the list page asks."""
    qs = (
        Application.objects.filter(campaign=campaign)
        .select_related("association", "games")
        .prefetch_related(
            Prefetch("city_choices", queryset=ApplicationCity.objects.select_related("host_city"))
        )
        .order_by("association__name", "games__code")
    )
    if games_code:
        qs = qs.filter(games__code=games_code)
    if channel is not None:
        qs = qs.filter(channel=channel)
    if eligible is not None:
        qs = qs.filter(is_eligible=eligible)
    if search:
        qs = qs.filter(
            Q(association__name__icontains=search) | Q(association__identifier__icontains=search)
        )
    return qs


def application_of_campaign(*, campaign, application_id: int) -> Application:
    return applications_of_campaign(campaign=campaign).get(pk=application_id)


def application_totals(*, campaign) -> list[dict]:
    """Tickets requested per Games and channel (all applications, and the eligible ones)."""
    rows = (
        Application.objects.filter(campaign=campaign)
        .values("games__short_name", "channel")
        .annotate(
            applications=Count("id"),
            youth_sum=Sum("youth"),
            supervisors_sum=Sum("supervisors"),
            eligible_youth=Sum("youth", filter=Q(is_eligible=True)),
            eligible_supervisors=Sum("supervisors", filter=Q(is_eligible=True)),
        )
        .order_by("games__short_name", "channel")
    )
    return [
        {
            "games": r["games__short_name"],
            "channel": Channel(r["channel"]).label,
            "applications": r["applications"],
            "tickets": (r["youth_sum"] or 0) + (r["supervisors_sum"] or 0),
            "eligible_tickets": (r["eligible_youth"] or 0) + (r["eligible_supervisors"] or 0),
        }
        for r in rows
    ]


def application_counts(*, campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per campaign: applications, associations, tickets requested, waiting-list applications."""
    empty = {"applications": 0, "associations": 0, "tickets_requested": 0, "waiting_list": 0}
    counts = {cid: dict(empty) for cid in campaign_ids}
    rows = (
        Application.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            n=Count("id"),
            orgs=Count("association_id", distinct=True),
            youth=Sum("youth"),
            sup=Sum("supervisors"),
            waiting=Count("id", filter=Q(channel=Channel.WAITING_LIST)),
        )
    )
    for row in rows:
        counts[row["campaign_id"]] = {
            "applications": row["n"],
            "associations": row["orgs"],
            "tickets_requested": (row["youth"] or 0) + (row["sup"] or 0),
            "waiting_list": row["waiting"],
        }
    return counts


# Reads for the portal


def application_for_games(*, association, campaign, games) -> Application | None:
    """The association's application to that campaign for that Games, or None when it has none."""
    return (
        applications_of_association(association=association)
        .filter(campaign=campaign, games=games)
        .first()
    )


def applications_board(*, association, today: dt.date) -> list[dict]:
    """Per campaign of the association: its call, and per Games the application or the refusal."""
    existing = {
        (a.campaign_id, a.games_id): a for a in applications_of_association(association=association)
    }
    blocks = []
    for campaign in campaigns_of_association(association=association):
        rows = []
        for games in campaign_games_of(campaign=campaign):
            application = existing.get((campaign.pk, games.pk))
            refusal = application_block(
                campaign=campaign, association=association, application=application, today=today
            )
            rows.append({"games": games, "application": application, "refusal": refusal})
        status = call_status(campaign=campaign, today=today)
        blocks.append({"campaign": campaign, "status": status, "rows": rows})
    return blocks
