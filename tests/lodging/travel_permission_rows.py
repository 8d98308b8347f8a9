"""Permission-matrix rows of the travel times (back office): another operator's campaign → 404."""

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, "login", 403, 404
BACKOFFICE_OWN = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": OK,
    "other_operator": NOT_FOUND,
    "jury": FORBIDDEN,
    "admin": OK,
}


def _slug(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _association(ctx):
    """The referent's association: one of the campaign operator's associations."""
    return {**_slug(ctx), "association_id": ctx["users"]["referent"].association_id}


TRAVEL_MATRIX = {
    "backoffice:lodging_travel": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_travel_invite": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_travel_override": (_association, BACKOFFICE_OWN),
}
