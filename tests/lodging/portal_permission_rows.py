"""Permission-matrix rows of the portal's « Hébergement » pages: a referent only; another
association's need, offer or proposal answers 404, never a glimpse of it."""

OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT = 200, "login", 403, 404, 302
PORTAL = {
    "anonymous": LOGIN,
    "referent": OK,
    "operator": FORBIDDEN,
    "other_operator": FORBIDDEN,
    "jury": FORBIDDEN,
    "admin": FORBIDDEN,
}
THEIRS = {**PORTAL, "referent": NOT_FOUND}


def _world(ctx) -> dict:
    """Lodging open in the campaign; a need, an offer and a proposal of two other associations."""
    if "lodging" in ctx:
        return ctx["lodging"]
    from billetterie.members.models import Association
    from tests.lodging import portal_world as w

    campaign = ctx["campaign"]
    w.lodging_open(campaign)
    guest = Association.objects.create(
        operator=campaign.operator,
        identifier="AUTRE-HEB-1",
        name="Association accueillie voisine",
        postal_code="33000",
        town="Bordeaux",
        departement="33",
    )
    host = Association.objects.create(
        operator=campaign.operator,
        identifier="AUTRE-HEB-2",
        name="Hébergeur voisin",
        postal_code="94300",
        town="Vincennes",
        departement="94",
        is_member=False,
    )
    need = w.need(campaign, guest)
    offer = w.host_offer(campaign, host)
    ctx["lodging"] = {"need": need, "offer": offer, "placement": w.published(need, offer)}
    return ctx["lodging"]


def _slug(ctx):
    _world(ctx)
    return {"campaign_slug": ctx["campaign"].slug}


def _their_need(ctx):
    return {**_slug(ctx), "need_id": _world(ctx)["need"].pk}


def _their_offer(ctx):
    return {**_slug(ctx), "offer_id": _world(ctx)["offer"].pk}


def _their_placement(ctx):
    return {**_slug(ctx), "placement_id": _world(ctx)["placement"].pk}


def _index(ctx):
    _world(ctx)
    return {}


LODGING_PORTAL_MATRIX = {
    # One campaign with lodging open: the nav's page goes straight to it.
    "portal:lodging": (_index, {**PORTAL, "referent": REDIRECT}),
    "portal:lodging_campaign": (_slug, PORTAL),
    "portal:lodging_practical": (_slug, PORTAL),
    "portal:lodging_need_new": (_slug, PORTAL),
    "portal:lodging_offer_new": (_slug, PORTAL),
    "portal:lodging_need": (_their_need, THEIRS),
    "portal:lodging_need_withdraw": (_their_need, THEIRS),
    "portal:lodging_offer": (_their_offer, THEIRS),
    "portal:lodging_offer_withdraw": (_their_offer, THEIRS),
    "portal:lodging_placement": (_their_placement, THEIRS),
}
