"""The group leader's page: a signed link that needs no account, sent by e-mail and SMS.

A link is `[group id, version]` signed (`django.core.signing`) with its own salt. The `LeaderAccess` row of the group
holds the version that works now, the date the link stops working (`expires_at`: the end of the
second day after the session) and whether it was revoked. Raising the version revokes every link
sent before; sending the same link again does not.

The operator's one action, « Envoyer les billets aux responsables de groupe », sends the link to
every group whose packs all have their download links and whose leader has an e-mail or a mobile;
each message's idempotency key holds the group, the version and the send number, so a double click
never sends twice. Opening the page and « J'ai récupéré les billets » are recorded for the tracking
pages (`delivery.leader_tracking`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from billetterie.attendees.models import Group, Holder
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.phones import mobile_parse, phone_e164
from billetterie.core.plural import plural
from billetterie.core.usecase import Actor, use_case
from billetterie.delivery.links import group_links, ticket_url
from billetterie.delivery.models import LeaderAccess, LinkStatus, TicketLink
from billetterie.outbox.services import message_queue, site_link

SALT = "billetterie.delivery.leader-page"
# The link works until the end of this many days after the session.
DAYS_AFTER_SESSION = 2
# Who acts when the leader opens the page or confirms: no account, only the link.
LEADER = "responsable de groupe (lien personnel)"


# --- The signed link -------------------------------------------------------------------------


def token_for(*, group_id: int, version: int) -> str:
    """The same link for the same version (no timestamp: the expiry is in the database)."""
    return signing.Signer(salt=SALT).sign_object([group_id, version])


def leader_path(access: LeaderAccess) -> str:
    return reverse(
        "leaders:page",
        kwargs={"token": token_for(group_id=access.group_id, version=access.version)},
    )


class LinkRefused(Exception):
    """A leader link that does not open the page. `reason` and `group_id` (when the signature was
    good) are all a log line may say: never the token, never a name."""

    def __init__(self, reason: str, group_id: int | None = None):
        super().__init__(reason)
        self.reason, self.group_id = reason, group_id


def access_from_token(token: str, *, now: dt.datetime | None = None) -> LeaderAccess:
    """The access this token opens, or LinkRefused: altered, unknown group, revoked, expired."""
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
        group_id, version = payload
        if not (isinstance(group_id, int) and isinstance(version, int)):
            raise ValueError
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused("altered") from None
    access = (
        LeaderAccess.objects.select_related(
            "campaign__operator", "group__association", "group__session__venue"
        )
        .filter(group_id=group_id)
        .first()
    )
    if access is None:
        raise LinkRefused("unknown", group_id)
    if version < access.version:
        raise LinkRefused("revoked", group_id)
    if version > access.version:
        raise LinkRefused("altered", group_id)
    if access.sent_at is None:  # revoked, and no new link sent since
        raise LinkRefused("revoked" if access.revoked_at else "unknown", group_id)
    if access.expires_at is not None and (now or clock.now()) >= access.expires_at:
        raise LinkRefused("expired", group_id)
    return access


def expiry_of(session) -> dt.datetime:
    """The end of the second day after the session, in the platform's time zone."""
    last_day = session.date + dt.timedelta(days=DAYS_AFTER_SESSION + 1)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(0, 0)))


# --- Which groups can receive their link ---------------------------------------------------------


@dataclass
class GroupDelivery:
    """Where one group stands: links received, contact of its leader, link sent, opened, confirmed."""

    group: Group
    packs: list = field(default_factory=list)
    packs_with_links: int = 0
    holders: int = 0
    email: str = ""
    mobile: str = ""  # E.164
    access: LeaderAccess | None = None

    @property
    def links_received(self) -> bool:
        return bool(self.packs) and self.packs_with_links == len(self.packs)

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.mobile)

    @property
    def ready(self) -> bool:
        return self.links_received and self.has_contact

    @property
    def sent(self) -> bool:
        """The link that works now has been sent (revoking clears `sent_at` until a new send)."""
        return bool(self.access and self.access.sent_at)

    @property
    def to_send(self) -> bool:
        return self.ready and not self.sent

    @property
    def blocked_reason(self) -> str:
        if not self.packs:
            return "aucun lot dans ce groupe"
        reasons = []
        if not self.links_received:
            reasons.append(
                f"liens de téléchargement reçus pour {self.packs_with_links} lot(s) sur "
                f"{len(self.packs)}"
            )
        if self.group.leader_id is None:
            reasons.append("pas de responsable de groupe")
        elif not self.has_contact:
            reasons.append("ni e-mail ni téléphone portable pour le responsable")
        return " ; ".join(reasons)

    @property
    def confirmed(self) -> bool:
        return bool(self.access and self.access.confirmed_at)

    @property
    def opened(self) -> bool:
        return bool(self.access and self.access.first_opened_at)


def _pack_has_links(pack, active: list[TicketLink], named_at: dict) -> bool:
    """Every ticket of the pack has a link that gives it (links.ticket_url): its own, or the
    pack's if its holder was not changed after that link came."""
    own = {link.ticket_id: link for link in active if link.ticket_id is not None}
    by_pack = {link.pack_id: link for link in active if link.ticket_id is None}
    tickets = [t.pk for t in pack.tickets.all()]
    return bool(tickets) and all(
        ticket_url(
            ticket_id=t, pack_id=pack.pk, own=own, by_pack=by_pack, named_at=named_at.get(t)
        )[0]
        for t in tickets
    )


def group_deliveries(*, campaign, association=None, group_ids=None) -> list[GroupDelivery]:
    """Every group of the campaign (of one association, or these groups), by session date."""
    groups = (
        Group.objects.filter(campaign=campaign)
        .select_related("association", "session__venue", "leader")
        .prefetch_related("pack_links__pack__tickets")
        .order_by("session__date", "session__start_time", "association__name", "name", "pk")
    )
    if association is not None:
        groups = groups.filter(association=association)
    if group_ids is not None:
        groups = groups.filter(pk__in=list(group_ids))
    groups = list(groups)
    ids = [g.pk for g in groups]
    pack_ids = [gp.pack_id for g in groups for gp in g.pack_links.all()]
    active: dict[int, list[TicketLink]] = {}
    for link in TicketLink.objects.filter(pack_id__in=pack_ids, status=LinkStatus.ACTIVE):
        active.setdefault(link.pack_id, []).append(link)
    accesses = {a.group_id: a for a in LeaderAccess.objects.filter(group_id__in=ids)}
    holders: dict[int, int] = {}
    named_at: dict[int, dt.datetime] = {}
    for group_id, ticket_id, at in Holder.objects.filter(group_id__in=ids).values_list(
        "group_id", "ticket_id", "named_at"
    ):
        holders[group_id] = holders.get(group_id, 0) + 1
        named_at[ticket_id] = at
    rows = []
    for group in groups:
        packs = [gp.pack for gp in group.pack_links.all()]
        leader = group.leader
        mobile = mobile_parse(leader.mobile_phone) if leader and leader.mobile_phone else None
        rows.append(
            GroupDelivery(
                group=group,
                packs=packs,
                packs_with_links=sum(
                    _pack_has_links(p, active.get(p.pk, []), named_at) for p in packs
                ),
                holders=holders.get(group.pk, 0),
                email=(leader.email if leader else "") or "",
                mobile=phone_e164(mobile) if mobile is not None else "",
                access=accesses.get(group.pk),
            )
        )
    return rows


# « Sessions dans les 2 jours sans confirmation »: the operator's list of whom to call.
SOON_DAYS = 2


def unconfirmed_soon(rows: list[GroupDelivery], *, today: dt.date) -> list[GroupDelivery]:
    """The groups whose session is today or within SOON_DAYS days and whose leader has not
    confirmed collecting the tickets."""
    last = today + dt.timedelta(days=SOON_DAYS)
    return [r for r in rows if today <= r.group.session.date <= last and not r.confirmed]


def group_delivery_of(*, campaign, group_id: int, association=None) -> GroupDelivery:
    """One group's state; Group.DoesNotExist when it is not the campaign's (or the association's)."""
    rows = group_deliveries(campaign=campaign, association=association, group_ids=[group_id])
    if not rows:
        raise Group.DoesNotExist
    return rows[0]


@dataclass
class SendPreview:
    to_send: list[GroupDelivery]
    blocked: list[GroupDelivery]  # no links yet, or no contact for the leader
    already_sent: int


def send_preview(*, campaign) -> SendPreview:
    """What « Envoyer les billets aux responsables de groupe » would do now; writes nothing."""
    rows = group_deliveries(campaign=campaign)
    return SendPreview(
        to_send=[r for r in rows if r.to_send],
        blocked=[r for r in rows if not r.ready and not r.sent],
        already_sent=sum(1 for r in rows if r.sent),
    )


# --- Sending -----------------------------------------------------------------------------------


def _session_words(session) -> str:
    return f"{session.event_name} ({session.code}), {session_when(session)}, {session.venue.name}"


def session_when(session) -> str:
    """« mardi 30 juillet 2024 à 10 h 30 » (or without the hour when it is not known)."""
    when = date_format(session.date, "l j F Y")
    t = session.start_time
    if t is not None:
        when += f" à {t.hour} h {t.minute:02d}" if t.minute else f" à {t.hour} h"
    return when


def _queue(row: GroupDelivery, access: LeaderAccess, *, campaign) -> int:
    """The e-mail and the SMS of this send; their keys hold the version and the send number."""
    group = row.group
    link = site_link(leader_path(access))
    values = {
        "association": group.association.name,
        "epreuve": _session_words(group.session),
        "sport": group.session.sport,
        "jour": date_format(group.session.date, "j F"),
        "billets": f"{row.holders} billet{'s' if row.holders > 1 else ''}",
        "valable": date_format(
            timezone.localtime(access.expires_at) - dt.timedelta(seconds=1), "j F Y"
        ),
        "lien": link,
    }
    key = f"delivery.leader_link:{group.pk}:v{access.version}:n{access.sent_count}"
    common = {"campaign": campaign, "association_id": group.association_id, "about": access}
    queued = message_queue(
        code="delivery.leader_link", recipients=[row.email], values=values, key=key, **common
    )
    queued += message_queue(
        code="delivery.leader_link_sms", recipients=[row.mobile], values=values, key=key, **common
    )
    return len(queued)


def _send_one(row: GroupDelivery, *, campaign, actor: Actor, renew: bool) -> int:
    """Inside the use case: raise the version when `renew`, count the send, queue, audit."""
    now = clock.now()
    access, _ = LeaderAccess.objects.select_for_update(of=("self",)).get_or_create(
        group=row.group, defaults={"campaign": campaign}
    )
    if renew and access.sent_at is not None:
        access.version += 1
        access.revoked_at = now
    access.expires_at = expiry_of(row.group.session)
    access.sent_count += 1
    access.sent_at = now
    access.save()
    queued = _queue(row, access, campaign=campaign)
    audit_log(
        action="delivery.leader_link_renewed" if renew else "delivery.leader_link_sent",
        actor=actor,
        subject=access,
        campaign_id=campaign.pk,
        association_id=row.group.association_id,
        details={
            "group": row.group.pk,
            "version": access.version,
            "send": access.sent_count,
            "messages": queued,
        },
    )
    return queued


def leaders_send(*, campaign, group_ids, actor: Actor) -> int:
    """« Envoyer les billets aux responsables de groupe »: the groups of the preview the operator
    read (`group_ids`) that still have a link to send get it; a group sent meanwhile (a double
    click, another person) is skipped. Returns the number of groups sent."""
    sent = 0
    with use_case():
        # The groups' rows are the lock: a second click waits, then finds them sent.
        list(
            Group.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, pk__in=list(group_ids))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for row in group_deliveries(campaign=campaign, group_ids=group_ids):
            if row.to_send:
                _send_one(row, campaign=campaign, actor=actor, renew=False)
                sent += 1
    return sent


def leader_link_resend(
    *, campaign, group_id: int, seen_sends: int, renew: bool, actor: Actor
) -> bool:
    """Send one group's link again (`renew`: a new link, and the old one stops working).

    `seen_sends` is the number of sends the operator's page showed: when it moved on (a double
    click, a colleague), nothing is sent again and False is returned."""
    with use_case():
        Group.objects.select_for_update(of=("self",)).only("pk").get(campaign=campaign, pk=group_id)
        access = LeaderAccess.objects.filter(group_id=group_id).first()
        if (access.sent_count if access else 0) != seen_sends:
            return False
        [row] = group_deliveries(campaign=campaign, group_ids=[group_id])
        if not row.ready:
            raise ValidationError(f"Le lien ne peut pas être envoyé : {row.blocked_reason}.")
        _send_one(row, campaign=campaign, actor=actor, renew=renew)
    return True


def leader_link_revoke(*, campaign, group_id: int, actor: Actor) -> LeaderAccess:
    """The group's link stops working now, until a new link is sent: the version rises and
    `sent_at` is cleared (the current version has not been sent; `sent_count` keeps the count)."""
    with use_case():
        access = (
            LeaderAccess.objects.select_for_update(of=("self",))
            .select_related("group")
            .get(group_id=group_id, campaign=campaign)
        )
        if access.sent_at is None:
            return access
        access.version += 1
        access.revoked_at, access.sent_at = clock.now(), None
        access.save(update_fields=["version", "revoked_at", "sent_at"])
        audit_log(
            action="delivery.leader_link_revoked",
            actor=actor,
            subject=access,
            association_id=access.group.association_id,
            details={"group": group_id, "version": access.version},
        )
    return access


# --- What the leader does ----------------------------------------------------------------------


def leader_page_opened(*, access_id: int) -> None:
    """Count an opening of the page; the first one is journaled."""
    now = clock.now()
    with use_case():
        first = LeaderAccess.objects.filter(pk=access_id, first_opened_at__isnull=True).update(
            first_opened_at=now
        )
        LeaderAccess.objects.filter(pk=access_id).update(
            last_opened_at=now, open_count=F("open_count") + 1
        )
        if first:
            access = LeaderAccess.objects.select_related("group").get(pk=access_id)
            audit_log(
                action="delivery.leader_page_opened",
                actor=LEADER,
                subject=access,
                association_id=access.group.association_id,
                details={"group": access.group_id},
            )


def leader_confirm(*, access_id: int) -> LeaderAccess:
    """« J'ai récupéré les billets »: recorded once; a second press changes nothing."""
    with use_case():
        access = (
            LeaderAccess.objects.select_for_update(of=("self",))
            .select_related("group")
            .get(pk=access_id)
        )
        if access.confirmed_at is None:
            access.confirmed_at = clock.now()
            access.save(update_fields=["confirmed_at"])
            audit_log(
                action="delivery.leader_confirmed",
                actor=LEADER,
                subject=access,
                association_id=access.group.association_id,
                details={"group": access.group_id},
            )
    return access


# --- The page's content ------------------------------------------------------------------------


@dataclass
class DownloadLink:
    label: str
    url: str


@dataclass
class LeaderPage:
    access: LeaderAccess
    group: Group
    holders: list
    links: list[DownloadLink]
    operator: object
    directions_url: str
    # Tickets with no link that gives them yet (a holder changed: the ticket office sends a new one).
    pending: list[str] = field(default_factory=list)

    @property
    def valid_until(self) -> dt.datetime | None:
        """The last moment the link works (the day to show: « jusqu'au 1 août 2024 inclus »)."""
        expires = self.access.expires_at
        return timezone.localtime(expires) - dt.timedelta(seconds=1) if expires else None


def directions_url(venue) -> str:
    """OpenStreetMap directions to the venue (from wherever the phone is)."""
    if venue.latitude is not None and venue.longitude is not None:
        return (
            "https://www.openstreetmap.org/directions?route=%3B"
            f"{venue.latitude:.5f}%2C{venue.longitude:.5f}"
        )
    query = "+".join(" ".join(filter(None, [venue.name, venue.commune])).split())
    return f"https://www.openstreetmap.org/search?query={query}"


def leader_page(access: LeaderAccess) -> LeaderPage:
    group = access.group
    holders = list(
        Holder.objects.filter(group=group)
        .select_related("person", "ticket__pack")
        .order_by("ticket__pack__reference", "ticket__number")
    )
    names = {h.ticket_id: h.person.display_name for h in holders}
    links: list[DownloadLink] = []
    pending: list[str] = []
    downloads = group_links(group=group)
    for reference in dict.fromkeys(d.pack_reference for d in downloads):
        tickets = [d for d in downloads if d.pack_reference == reference]
        by_pack = [d for d in tickets if d.source == "pack"]
        if by_pack:
            if len(by_pack) == len(tickets):
                label = f"Lot {reference} ({plural(len(tickets), 'billet')})"
            else:
                numbers = ", ".join(str(d.number) for d in by_pack)
                label = f"Lot {reference}, billets n° {numbers}"
            links.append(DownloadLink(label, by_pack[0].url))
        for d in tickets:
            who = f" — {names[d.ticket_id]}" if d.ticket_id in names else ""
            if d.source == "ticket":
                links.append(DownloadLink(f"Lot {reference}, billet n° {d.number}{who}", d.url))
            elif d.source == "changed":
                pending.append(f"Lot {reference}, billet n° {d.number}{who}")
    return LeaderPage(
        access=access,
        group=group,
        holders=holders,
        links=links,
        pending=pending,
        operator=access.campaign.operator,
        directions_url=directions_url(group.session.venue),
    )


# --- The calendar file (RFC 5545, written by hand) ---------------------------------------------

VTIMEZONE_PARIS = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
# A session has no end time in the catalogue: the event lasts this long in the calendar.
EVENT_HOURS = 3


def ics_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and new lines escaped."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Lines of at most 75 octets, continued by CRLF and a space, never splitting a character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def leader_calendar(access: LeaderAccess) -> str:
    """The session as one VEVENT, in Europe/Paris time, with a reminder the day before."""
    group = access.group
    session, venue = group.session, group.session.venue
    place = ", ".join(filter(None, [venue.name, venue.commune]))
    if session.start_time:
        start = dt.datetime.combine(session.date, session.start_time)
        end = start + dt.timedelta(hours=EVENT_HOURS)
        when = [
            f"DTSTART;TZID=Europe/Paris:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Paris:{end:%Y%m%dT%H%M%S}",
        ]
    else:
        when = [
            f"DTSTART;VALUE=DATE:{session.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{session.date + dt.timedelta(days=1):%Y%m%d}",
        ]
    description = (
        f"{group.association.name} — groupe « {group.name} ».\n"
        "Apportez une pièce d'identité avec photo pour chaque personne du groupe et votre "
        "téléphone chargé : le QR code des billets apparaît dans l'application officielle de "
        "billetterie quelques heures avant l'épreuve."
    )
    geo = (
        [f"GEO:{venue.latitude:.6f};{venue.longitude:.6f}"]
        if venue.latitude is not None and venue.longitude is not None
        else []
    )
    stamp = dt.datetime.now(dt.UTC)
    host = settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "billetterie"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Billetterie populaire//Page du responsable de groupe//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *(VTIMEZONE_PARIS if session.start_time else ()),
        "BEGIN:VEVENT",
        f"UID:groupe-{group.pk}-{ics_escape(session.code)}@{host}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        *when,
        f"SUMMARY:{ics_escape(f'{session.event_name} ({session.code})')}",
        f"LOCATION:{ics_escape(place)}",
        *geo,
        f"DESCRIPTION:{ics_escape(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{ics_escape(f'Demain : {session.sport} — pièces d’identité et téléphone')}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(ics_fold(line) for line in lines) + "\r\n"
