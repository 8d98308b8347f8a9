"""Permission-matrix rows of the « Lots prestige » pages: operator staff of the campaign only
(another operator's campaign → 404; referents and the jury → 403)."""

from tests.attendees.permission_rows import BACKOFFICE_OWN


def _slug(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


PRESTIGE_MATRIX = {
    "backoffice:prestige": (_slug, BACKOFFICE_OWN),
    "backoffice:prestige_start": (_slug, BACKOFFICE_OWN),
}
