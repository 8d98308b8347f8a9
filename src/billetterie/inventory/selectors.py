"""Reads on packs: the pool an allocation wave may hand out; the back office's list of packs, one
pack, and what a correction of a pack would change."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import formats, translation

from billetterie.catalogue.models import HostCity
from billetterie.core.changes import Change, plural, yes_no
from billetterie.inventory.models import Pack, PackStatus, Ticket


def pack_pool(*, campaign, games=None) -> QuerySet[Pack]:
    """Packs never offered, or declined, expired or given back; prestige packs are kept for the contest."""
    qs = Pack.objects.filter(campaign=campaign, status=PackStatus.AVAILABLE, is_prestige=False)
    if games is not None:
        qs = qs.filter(session__games=games)
    return qs.select_related("session__games", "session__venue__host_city").order_by("reference")


def pack_counts(*, campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per campaign: packs, tickets, prestige tickets."""
    counts = {cid: {"packs": 0, "tickets": 0, "prestige_tickets": 0} for cid in campaign_ids}
    rows = (
        Pack.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            packs=Count("id"), tickets=Sum("size"), prestige=Sum("size", filter=Q(is_prestige=True))
        )
    )
    for row in rows:
        counts[row["campaign_id"]] = {
            "packs": row["packs"],
            "tickets": row["tickets"] or 0,
            "prestige_tickets": row["prestige"] or 0,
        }
    return counts


def tickets_by_games(*, campaign) -> list[dict]:
    rows = (
        Ticket.objects.filter(pack__campaign=campaign)
        .values("pack__session__games__short_name")
        .annotate(n=Count("id"), prestige=Count("id", filter=Q(pack__is_prestige=True)))
        .order_by("pack__session__games__short_name")
    )
    return [
        {
            "games": r["pack__session__games__short_name"],
            "tickets": r["n"],
            "prestige": r["prestige"],
        }
        for r in rows
    ]


# Reads for the back office


def pool_totals(*, campaign) -> dict[str, int]:
    """How many packs and tickets the campaign's pool holds now (see `pack_pool`)."""
    totals = pack_pool(campaign=campaign).aggregate(packs=Count("id"), tickets=Sum("size"))
    return {"packs": totals["packs"], "tickets": totals["tickets"] or 0}


def packs_of_campaign(
    *,
    campaign,
    games_code: str = "",
    status: str = "",
    is_prestige: bool | None = None,
    host_city_id: int | None = None,
    search: str = "",
) -> QuerySet[Pack]:
    """The campaign's packs by date of their session, filtered as the list page asks."""
    qs = (
        Pack.objects.filter(campaign=campaign)
        .select_related("session__games", "session__venue__host_city")
        .order_by("session__date", "session__start_time", "reference")
    )
    if games_code:
        qs = qs.filter(session__games__code=games_code)
    if status:
        qs = qs.filter(status=status)
    if is_prestige is not None:
        qs = qs.filter(is_prestige=is_prestige)
    if host_city_id is not None:
        qs = qs.filter(session__venue__host_city_id=host_city_id)
    if search:
        qs = qs.filter(pack_search_q(search))
    return qs


def pack_search_q(search: str) -> Q:
    """A pack whose reference, sport or session code contains `search` (case ignored)."""
    return (
        Q(reference__icontains=search)
        | Q(session__sport__icontains=search)
        | Q(session__code__icontains=search)
    )


def pack_of_campaign(*, campaign, pack_id: int) -> Pack:
    """One pack of the campaign; another campaign's → Pack.DoesNotExist."""
    return packs_of_campaign(campaign=campaign).get(pk=pack_id)


def packs_totals(packs: QuerySet[Pack]) -> dict:
    """Packs and tickets of a (filtered) list: in all, prestige, and by state in the usual order."""
    rows = {
        row["status"]: row
        for row in packs.order_by()
        .values("status")
        .annotate(packs=Count("id"), tickets=Sum("size"))
    }
    totals = packs.aggregate(
        packs=Count("id"),
        tickets=Sum("size"),
        prestige=Sum("size", filter=Q(is_prestige=True)),
    )
    return {
        "packs": totals["packs"],
        "tickets": totals["tickets"] or 0,
        "prestige_tickets": totals["prestige"] or 0,
        "by_status": [
            {
                "status": label,
                "packs": rows.get(value, {}).get("packs", 0),
                "tickets": rows.get(value, {}).get("tickets") or 0,
            }
            for value, label in PackStatus.choices
        ],
    }


def host_cities_of_packs(*, campaign) -> QuerySet[HostCity]:
    """The host cities where the campaign has packs, by name: the choices of the list's filter."""
    return (
        HostCity.objects.filter(venues__sessions__packs__campaign=campaign)
        .distinct()
        .order_by("name")
    )


NOT_FREE = (
    "Ce lot est proposé à une association ou accepté par elle : il ne peut pas être modifié ici. "
    "Il revient au vivier si l'association se désiste ou le rend."
)


def pack_is_free(pack: Pack) -> bool:
    """Whether the operator may change the pack here: nobody holds it (see inventory.services)."""
    return pack.status in (PackStatus.AVAILABLE, PackStatus.WITHDRAWN)


def pack_correction_preview(*, pack: Pack, size: int, is_prestige: bool) -> list[Change]:
    """What correcting a pack's size or prestige flag would change, with the consequences; a pack
    that an association holds is refused here, as the service would refuse it."""
    if not pack_is_free(pack):
        raise ValidationError(NOT_FREE, code="not_free")
    changes = []
    if size != pack.size:
        numbers = (
            f"Les billets n° {size + 1} à {pack.size} sont supprimés du lot."
            if size < pack.size
            else f"Les billets n° {pack.size + 1} à {size} sont ajoutés au lot."
        )
        changes.append(
            Change(
                "size", "Taille", plural(pack.size, "billet"), plural(size, "billet"), (numbers,)
            )
        )
    if is_prestige != pack.is_prestige:
        consequence = (
            "Un lot prestige est réservé au jeu-concours : il ne sera plus proposé dans les "
            "vagues d'attribution."
            if is_prestige
            else "Le lot n'est plus réservé au jeu-concours : s'il est disponible, il pourra être "
            "proposé dès la prochaine vague."
        )
        changes.append(
            Change(
                "is_prestige",
                "Prestige (réservé au jeu-concours)",
                yes_no(pack.is_prestige),
                yes_no(is_prestige),
                (consequence,),
            )
        )
    return changes


# Example values for the preview of a message's wording (the `message_examples` hook)


def pack_message_examples(*, campaign) -> dict[str, str]:
    """A real pack of the campaign as the messages about packs write it: reference, event, date,
    venue, tickets. {} when the campaign has no pack yet."""
    pack = (
        Pack.objects.filter(campaign=campaign)
        .select_related("session__games", "session__venue__host_city")
        .order_by("is_prestige", "session__date", "reference")
        .first()
    )
    if pack is None:
        return {}
    session = pack.session
    with translation.override("fr"):
        when = formats.date_format(session.date, "l j F Y")
        if session.start_time:
            when += f" à {formats.time_format(session.start_time, 'H:i')}"
    event = f"{session.event_name} ({session.games}, épreuve {session.code})"
    place = f"{session.venue}, {session.venue.host_city}"
    tickets = plural(pack.size, "billet")
    return {
        "lot": pack.reference,
        "epreuve": f"{event}, {when}, {place}",
        "billets": tickets,
        "lots": f"- Lot {pack.reference} : {event}\n  {when}, {place}\n  {tickets}",
        "nombre": f"1 lot, {tickets}",
        "jeux": session.games.name,
        "ville": session.venue.host_city.name,
    }
