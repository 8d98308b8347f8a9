"""Permission-matrix rows of the jury's pages: only the campaign's jury (here the president, so
that the deliberation pages answer too); everyone else signed in gets 404, never a glimpse."""

OK, LOGIN, NOT_FOUND, REDIRECT = 200, "login", 404, 302
JURY = {
    "anonymous": LOGIN,
    "referent": NOT_FOUND,
    "operator": NOT_FOUND,
    "other_operator": NOT_FOUND,
    "jury": OK,
    "admin": NOT_FOUND,
}
BACKOFFICE_OWN = {
    "anonymous": LOGIN,
    "referent": 403,
    "operator": OK,
    "other_operator": NOT_FOUND,
    "jury": 403,
    "admin": OK,
}


def _world(ctx):
    """The ctx campaign's contest, its jury member presiding, one entry (its submission window
    long closed, so the jury listens)."""
    if "contest_world" not in ctx:
        from tests.jury.world import contest_world

        ctx["contest_world"] = contest_world(
            ctx["campaign"], entries=1, members=0, president=ctx["users"]["jury"]
        )
    return ctx["contest_world"]


def _none(ctx):
    _world(ctx)
    return {}


def _entry(ctx):
    return {"entry_id": _world(ctx)["entries"][0].pk}


def _campaign(ctx):
    _world(ctx)
    return {"campaign_slug": ctx["campaign"].slug}


JURY_MATRIX = {
    "jury:home": (_none, JURY),
    "jury:entry": (_entry, JURY),
    "jury:entry_audio": (_entry, JURY),
    "jury:deliberation": (_none, JURY),
    "jury:deliberation_close": (_none, JURY),
    "jury:results": (_none, JURY),
    "backoffice:contest_results": (_campaign, BACKOFFICE_OWN),
}
