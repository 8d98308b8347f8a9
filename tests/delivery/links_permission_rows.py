"""Permission-matrix rows of the download links pages (back office only; the referent sees none).

Another operator's campaign answers 404 (BACKOFFICE_OWN); a link or a pack of another campaign in
the address answers 404 too (tests/delivery/test_links_pages.py)."""

import datetime as dt

from tests.attendees.permission_rows import BACKOFFICE_OWN


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _held_link(ctx):
    """An accepted pack of the ctx campaign with a link for the whole pack."""
    if "held_link" not in ctx:
        from billetterie.core import clock
        from billetterie.delivery.models import TicketLink
        from billetterie.inventory.models import PackStatus
        from billetterie.offers.models import Offer, OfferStatus
        from tests import factories

        campaign = ctx["campaign"]
        pack = factories.pack(campaign=campaign, size=2, reference="LOT-LIEN")
        pack.status = PackStatus.ACCEPTED
        pack.save(update_fields=["status"])
        now = clock.now()
        Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=ctx["users"]["referent"].association,
            status=OfferStatus.ACCEPTED,
            commitment_accepted=True,
            sent_at=now - dt.timedelta(days=2),
            expires_at=now + dt.timedelta(days=5),
            answered_at=now,
        )
        ctx["held_link"] = TicketLink.objects.create(
            campaign=campaign, pack=pack, url="https://billetterie.example.org/l/1", imported_at=now
        )
    return ctx["held_link"]


def _link(ctx):
    return {**_campaign(ctx), "link_id": _held_link(ctx).pk}


def _pack(ctx):
    return {**_campaign(ctx), "pack_id": _held_link(ctx).pack_id}


LINKS_MATRIX = {
    "backoffice:links": (_campaign, BACKOFFICE_OWN),
    "backoffice:links_request": (_campaign, BACKOFFICE_OWN),
    "backoffice:links_pack": (_pack, BACKOFFICE_OWN),
    "backoffice:link_replace": (_link, BACKOFFICE_OWN),
    "backoffice:link_withdraw": (_link, BACKOFFICE_OWN),
}
