"""Download links: the links the ticket office returns for the held packs, and their life.

A link is for a whole pack (ticket empty) or for one ticket; a ticket's own link comes first and the
pack's link is the fallback. At most one link is active per pack and per ticket (database
constraints); a new link for the same place replaces the old one, which stays with the status
"replaced". A link is withdrawn by the operator (with a reason), when the ticket changes hands (an
approved name change: the ticket office issues a new ticket) and when the pack leaves its
association (given back).

A link is a bearer key to real tickets: it is shown to the operator and to the group's leader, and
never written in the audit log nor in the technical logs.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from billetterie.attendees.models import GroupPack, Holder
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import Change
from billetterie.core.exports import workbook_bytes
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.delivery.models import LinkStatus, TicketLink
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.offers.models import Offer, OfferStatus

MAX_URL = 1000
MAX_REASON = 200  # TicketLink.withdrawn_reason
NAME_CHANGE_REASON = "Réattribution nominative approuvée : la billetterie émet un nouveau billet."
PACK_LEFT_REASON = "Lot rendu par l'association."
_https = URLValidator(schemes=["https"])


# --- Checks -----------------------------------------------------------------------------------


def url_clean(value: str) -> str:
    """A download link as given, or a French ValidationError: https only, 1000 characters."""
    url = (value or "").strip()
    if not url:
        raise ValidationError("Indiquez le lien.", code="required")
    if len(url) > MAX_URL:
        raise ValidationError(
            f"Le lien est trop long ({len(url)} caractères, {MAX_URL} au plus).", code="too_long"
        )
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    if scheme != "https":
        shown = f" ; celui-ci commence par « {scheme[:20]}: »" if scheme else ""
        raise ValidationError(
            f"Le lien doit commencer par « https:// » (lien sécurisé){shown}.", code="not_https"
        )
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ValidationError("Le lien ne doit contenir aucun espace.", code="space")
    try:
        _https(url)
    except ValidationError:
        raise ValidationError(
            "Ce lien n'est pas une adresse web valide (https://site/chemin).", code="invalid"
        ) from None
    return url


def reason_clean(value: str) -> str:
    reason = " ".join((value or "").split())
    if not reason:
        raise ValidationError({"reason": "Indiquez le motif du retrait."}, code="reason_required")
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"Le motif dépasse {MAX_REASON} caractères."})
    return reason


# --- Reads ------------------------------------------------------------------------------------


def held_packs(*, campaign) -> QuerySet[Pack]:
    """The campaign's packs accepted by an association (the only ones a link may be given for),
    with `association_id` and `association_name` of the association that holds each."""
    holder = Offer.objects.filter(pack=OuterRef("pk"), status=OfferStatus.ACCEPTED)
    return (
        Pack.objects.filter(
            campaign=campaign,
            status=PackStatus.ACCEPTED,
            offers__status=OfferStatus.ACCEPTED,
        )
        .annotate(
            association_id=Subquery(holder.values("association_id")[:1]),
            association_name=Subquery(holder.values("association__name")[:1]),
        )
        .select_related("session__games", "session__venue")
    )


def pack_is_held(pack: Pack) -> bool:
    return (
        pack.status == PackStatus.ACCEPTED
        and Offer.objects.filter(pack=pack, status=OfferStatus.ACCEPTED).exists()
    )


def active_links(*, campaign) -> QuerySet[TicketLink]:
    return TicketLink.objects.filter(campaign=campaign, status=LinkStatus.ACTIVE)


def link_of_campaign(*, campaign, link_id: int) -> TicketLink:
    """One link of the campaign (any status); another campaign's → DoesNotExist."""
    return TicketLink.objects.select_related("pack__session", "ticket").get(
        pk=link_id, campaign=campaign
    )


@dataclass(frozen=True)
class BoardCounts:
    held: int
    complete: int  # every ticket has a link (its own or the pack's)
    partial: int  # some tickets only
    missing: int  # none

    @property
    def with_link(self) -> int:
        return self.complete + self.partial


LINK_STATES = {
    "complete": "Liens reçus",
    "partial": "En partie",
    "missing": "Sans lien",
}


def links_board(*, campaign, state: str = "", search: str = "") -> tuple[BoardCounts, list[Pack]]:
    """The held packs with their link state, and the counts over all of them (before filters).

    Each pack carries `pack_link` (its active pack-level link or None), `ticket_links` (active
    ticket-level links) and `link_state` (complete, partial, missing)."""
    packs = list(
        held_packs(campaign=campaign)
        .annotate(
            ticket_links=Count(
                "links",
                filter=Q(links__status=LinkStatus.ACTIVE, links__ticket__isnull=False),
            )
        )
        .order_by("session__date", "session__start_time", "reference")
    )
    pack_links = {
        link.pack_id: link
        for link in active_links(campaign=campaign).filter(
            ticket__isnull=True, pack__in=[p.pk for p in packs]
        )
    }
    counts = {"complete": 0, "partial": 0, "missing": 0}
    for pack in packs:
        pack.pack_link = pack_links.get(pack.pk)
        if pack.pack_link is not None or pack.ticket_links >= pack.size:
            pack.link_state = "complete"
        elif pack.ticket_links:
            pack.link_state = "partial"
        else:
            pack.link_state = "missing"
        pack.link_state_label = LINK_STATES[pack.link_state]
        counts[pack.link_state] += 1
    board = BoardCounts(held=len(packs), **counts)
    if state in LINK_STATES:
        packs = [p for p in packs if p.link_state == state]
    words = search.casefold().split()
    if words:
        packs = [
            p
            for p in packs
            if all(
                w
                in f"{p.reference} {p.association_name} {p.session.code} {p.session.sport}".casefold()
                for w in words
            )
        ]
    return board, packs


# The pre-filled list the ticket office fills in: its first three columns are the import's.
REQUEST_HEADERS = (
    "Lot",
    "Billet",
    "Lien",
    "Billets dans le lot",
    "Épreuve",
    "Date",
    "Heure",
    "Site",
)
REQUEST_WIDTHS = (12, 8, 60, 10, 34, 11, 7, 32)


def links_request_workbook(*, campaign) -> bytes:
    """« La liste des lots acceptés » for the ticket office: one row per accepted pack, « Lien »
    empty, « Billet » empty (a link for the whole pack); the ticket office fills « Lien » and the
    file comes back through the links import as it is. Session and venue only: no personal data
    (nothing to audit). Texts are kept exactly, in text cells: nothing is read as a formula."""
    packs = held_packs(campaign=campaign).order_by(
        "session__date", "session__start_time", "reference"
    )
    rows = [
        [
            pack.reference,
            None,
            None,
            pack.size,
            f"{pack.session.code} — {pack.session.sport}",
            pack.session.date,
            pack.session.start_time.strftime("%H:%M") if pack.session.start_time else "",
            pack.session.venue.name if pack.session.venue_id else "",
        ]
        for pack in packs
    ]
    intro = [
        f"{campaign.name} — lots acceptés par les associations, à renvoyer avec leurs liens "
        f"de téléchargement (liste du {clock.today():%d/%m/%Y}, {len(rows)} lot"
        f"{'s' if len(rows) > 1 else ''})",
        "Pour la billetterie : écrivez dans « Lien » le lien de téléchargement du lot "
        "(https://…). Un lien par billet : copiez la ligne et écrivez le numéro du billet dans "
        "« Billet ». Une ligne sans lien est laissée de côté à l'import.",
    ]
    return workbook_bytes(
        title="Lots acceptés",
        intro=intro,
        headers=list(REQUEST_HEADERS),
        rows=rows,
        widths=list(REQUEST_WIDTHS),
        exact_text=True,
    )


def links_of_pack(*, campaign, pack_id: int) -> tuple[Pack, TicketLink | None, list[dict]]:
    """One held pack of the campaign (else DoesNotExist), its pack-level link, and each of its
    tickets with its own active link and the link in use (its own, else the pack's)."""
    pack = held_packs(campaign=campaign).get(pk=pack_id)
    links = list(active_links(campaign=campaign).filter(pack=pack))
    pack_link = next((link for link in links if link.ticket_id is None), None)
    own = {link.ticket_id: link for link in links if link.ticket_id is not None}
    tickets = [
        {"ticket": t, "link": own.get(t.pk), "fallback": pack_link if t.pk not in own else None}
        for t in Ticket.objects.filter(pack=pack).order_by("number")
    ]
    return pack, pack_link, tickets


@dataclass(frozen=True)
class TicketDownload:
    ticket_id: int
    pack_reference: str
    number: int
    holder_id: int | None
    url: str  # empty: no link yet (or the ticket changed hands since the pack's link came)
    source: str  # "ticket", "pack", "" or "changed" (see ticket_url)


def ticket_url(*, ticket_id, pack_id, own: dict, by_pack: dict, named_at) -> tuple[str, str]:
    """The link that gives this ticket and where it comes from: "ticket", "pack", "" (no link yet)
    or "changed" (no link: the pack's link predates the ticket's new holder) —
    the ticket's own active link, else its pack's — unless the holder was named after the pack's
    link was imported (that link carries the former holder's ticket)."""
    if ticket_id in own:
        return own[ticket_id].url, "ticket"
    pack_link = by_pack.get(pack_id)
    if pack_link is None:
        return "", ""
    if named_at is None or named_at <= pack_link.imported_at:
        return pack_link.url, "pack"
    return "", "changed"


def group_links(*, group) -> list[TicketDownload]:
    """The download link of each ticket of a group, in pack and ticket order: the ticket's own
    active link, else the pack's — unless the ticket changed hands after the pack's link was
    imported (that link carries the former holder's ticket: the ticket office sends a new one)."""
    pack_ids = list(GroupPack.objects.filter(group=group).values_list("pack_id", flat=True))
    links = TicketLink.objects.filter(pack_id__in=pack_ids, status=LinkStatus.ACTIVE)
    own: dict[int, TicketLink] = {}
    by_pack: dict[int, TicketLink] = {}
    for link in links:
        if link.ticket_id is None:
            by_pack[link.pack_id] = link
        else:
            own[link.ticket_id] = link
    holders = {
        h.ticket_id: h for h in Holder.objects.filter(group=group, ticket__pack_id__in=pack_ids)
    }
    result = []
    for ticket in Ticket.objects.filter(pack_id__in=pack_ids).select_related("pack"):
        holder = holders.get(ticket.pk)
        url, source = ticket_url(
            ticket_id=ticket.pk,
            pack_id=ticket.pack_id,
            own=own,
            by_pack=by_pack,
            named_at=holder.named_at if holder else None,
        )
        result.append(
            TicketDownload(
                ticket_id=ticket.pk,
                pack_reference=ticket.pack.reference,
                number=ticket.number,
                holder_id=holder.person_id if holder else None,
                url=url,
                source=source,
            )
        )
    result.sort(key=lambda d: (d.pack_reference, d.number))
    return result


def link_place(link: TicketLink) -> str:
    """« lot L-0001 » or « billet 3 du lot L-0001 », for the pages."""
    if link.ticket_id is None:
        return f"lot {link.pack.reference}"
    return f"billet {link.ticket.number} du lot {link.pack.reference}"


def link_replace_preview(*, link: TicketLink, url: str) -> list[Change]:
    """What replacing this link would change (nothing written); refuses as the service would."""
    url = url_clean(url)
    if link.status != LinkStatus.ACTIVE:
        raise ValidationError("Ce lien n'est plus actif : il ne peut plus être remplacé.")
    if not pack_is_held(link.pack):
        raise ValidationError("Ce lot n'est plus accepté par une association.")
    if url == link.url:
        return []
    return [
        Change(
            "url",
            f"Lien du {link_place(link)}",
            link.url,
            url,
            ("L'ancien lien est gardé dans l'historique avec l'état « Remplacé ».",),
        )
    ]


def link_withdraw_preview(*, link: TicketLink, reason: str) -> list[Change]:
    reason = reason_clean(reason)
    if link.status != LinkStatus.ACTIVE:
        raise ValidationError("Ce lien est déjà retiré ou remplacé.")
    warnings = (
        ("Les billets du lot n'auront plus de lien, sauf ceux qui ont leur propre lien.",)
        if link.ticket_id is None
        else ("Le billet prendra le lien du lot s'il y en a un.",)
    )
    return [
        Change(
            "status",
            f"Lien du {link_place(link)}",
            link.url,
            f"retiré (motif : {reason})",
            warnings,
        )
    ]


# --- Writes -----------------------------------------------------------------------------------


def _lock_active(*, campaign, link_id: int) -> TicketLink:
    link = (
        TicketLink.objects.select_for_update(of=("self",))
        .select_related("pack", "ticket")
        .filter(pk=link_id, campaign=campaign)
        .order_by("pk")
        .first()
    )
    if link is None:
        raise TicketLink.DoesNotExist
    if link.status != LinkStatus.ACTIVE:
        raise ValidationError("Ce lien n'est plus actif : la page a sans doute changé entre-temps.")
    return link


def _details(item: TicketLink, **more) -> dict:
    """Audit details: where the link is, never the link itself."""
    return {
        "link": item.pk,
        "pack": item.pack.reference,
        **({"ticket": item.ticket.number} if item.ticket_id else {}),
        **more,
    }


def links_put(
    *, campaign, entries: list[tuple[Pack, Ticket | None, str]], actor: Actor, now: dt.datetime
) -> dict[str, int]:
    """Inside the caller's transaction: give each (pack, ticket or None, url) its active link.

    An equal active link is left as it is; a different one is marked replaced and a new link is
    created. The caller checked the packs (held, locked), the tickets and the links. Returns the
    counts {created, replaced, unchanged}."""
    pack_ids = {pack.pk for pack, _ticket, _url in entries}
    current = {
        (link.pack_id, link.ticket_id): link
        for link in TicketLink.objects.select_for_update(of=("self",))
        .filter(pack_id__in=pack_ids, status=LinkStatus.ACTIVE)
        .order_by("pk")
    }
    counts = {"created": 0, "replaced": 0, "unchanged": 0}
    replaced, new = [], []
    for pack, ticket, url in entries:
        old = current.get((pack.pk, ticket.pk if ticket else None))
        if old is not None and old.url == url:
            counts["unchanged"] += 1
            continue
        if old is not None:
            replaced.append(old.pk)
            counts["replaced"] += 1
        else:
            counts["created"] += 1
        new.append(
            TicketLink(
                campaign=campaign,
                pack=pack,
                ticket=ticket,
                url=url,
                imported_at=now,
                imported_by=actor_user(actor),
            )
        )
    # The old ones first: the "one active link" constraints hold at every statement.
    TicketLink.objects.filter(pk__in=replaced).update(status=LinkStatus.REPLACED, withdrawn_at=now)
    TicketLink.objects.bulk_create(new)
    return counts


def link_replace(*, campaign, link_id: int, url: str, actor: Actor, reason: str = "") -> TicketLink:
    """The operator gives one link a new address (seen in a preview first): the old link is kept,
    marked replaced. The reason is optional."""
    url = url_clean(url)
    reason = " ".join((reason or "").split())[:MAX_REASON]
    with use_case():
        # The pack first, then the link: the order of the import and of a give-back.
        pack_id = TicketLink.objects.filter(pk=link_id, campaign=campaign).values("pack_id")
        pack = Pack.objects.select_for_update(of=("self",)).filter(pk__in=pack_id).first()
        link = _lock_active(campaign=campaign, link_id=link_id)
        if not pack_is_held(pack):
            raise ValidationError("Ce lot n'est plus accepté par une association.")
        if url == link.url:
            raise ValidationError("C'est déjà le lien enregistré : rien n'a changé.")
        links_put(
            campaign=campaign, entries=[(pack, link.ticket, url)], actor=actor, now=clock.now()
        )
        new = TicketLink.objects.get(pack=pack, ticket=link.ticket, status=LinkStatus.ACTIVE)
        audit_log(
            action="delivery.link_replaced",
            actor=actor,
            subject=new,
            campaign_id=campaign.pk,
            details=_details(
                link, replaced=link.pk, link=new.pk, **({"reason": reason} if reason else {})
            ),
        )
        return new


def link_withdraw(*, campaign, link_id: int, reason: str, actor: Actor) -> TicketLink:
    """The operator withdraws one link (seen in a preview first), with a reason."""
    reason = reason_clean(reason)
    with use_case():
        link = _lock_active(campaign=campaign, link_id=link_id)
        _withdraw([link], reason=reason, now=clock.now())
        audit_log(
            action="delivery.link_withdrawn",
            actor=actor,
            subject=link,
            campaign_id=campaign.pk,
            details=_details(link, reason=reason),
        )
        return link


def _withdraw(links: list[TicketLink], *, reason: str, now) -> None:
    for link in links:
        link.status = LinkStatus.WITHDRAWN
        link.withdrawn_at = now
        link.withdrawn_reason = reason
    TicketLink.objects.bulk_update(links, ["status", "withdrawn_at", "withdrawn_reason"])


# --- Receivers of the hooks (inside the caller's transaction) ----------------------------------


def links_withdraw_ticket_changed(*, ticket_id: int, actor: Actor) -> int:
    """A ticket changed hands (approved name change): its own link is withdrawn. The pack's link
    stays for the other tickets; `group_links` no longer offers it for this one. Returns the
    number of links withdrawn."""
    links = list(
        TicketLink.objects.select_for_update(of=("self",))
        .select_related("pack", "ticket")
        .filter(ticket_id=ticket_id, status=LinkStatus.ACTIVE)
        .order_by("pk")
    )
    pack_link = (
        TicketLink.objects.filter(
            pack__tickets=ticket_id, ticket__isnull=True, status=LinkStatus.ACTIVE
        )
        .select_related("pack")
        .first()
    )
    if not links and pack_link is None:
        return 0
    _withdraw(links, reason=NAME_CHANGE_REASON, now=clock.now())
    subject = links[0] if links else pack_link
    ticket = Ticket.objects.select_related("pack").get(pk=ticket_id)
    audit_log(
        action="delivery.link_withdrawn_name_change",
        actor=actor,
        subject=subject,
        campaign_id=ticket.pack.campaign_id,
        details={
            "pack": ticket.pack.reference,
            "ticket": ticket.number,
            "links_withdrawn": len(links),
            "pack_link_kept": pack_link is not None,
        },
    )
    return len(links)


def links_withdraw_pack_left(*, pack_id: int, actor: Actor) -> int:
    """A pack left its association (given back): every active link of it is withdrawn."""
    links = list(
        TicketLink.objects.select_for_update(of=("self",))
        .select_related("pack")
        .filter(pack_id=pack_id, status=LinkStatus.ACTIVE)
        .order_by("pk")
    )
    if not links:
        return 0
    _withdraw(links, reason=PACK_LEFT_REASON, now=clock.now())
    pack = links[0].pack
    audit_log(
        action="delivery.links_withdrawn_pack_left",
        actor=actor,
        subject=pack,
        campaign_id=pack.campaign_id,
        details={"pack": pack.reference, "links_withdrawn": len(links)},
    )
    return len(links)


def links_by_pack(*, campaign) -> dict[int, list[TicketLink]]:
    """Active links of the campaign grouped by pack id (for exports and tracking)."""
    grouped: dict[int, list[TicketLink]] = defaultdict(list)
    for link in active_links(campaign=campaign).order_by("pack_id", "ticket_id"):
        grouped[link.pack_id].append(link)
    return grouped
