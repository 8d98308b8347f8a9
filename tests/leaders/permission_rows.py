"""Permission-matrix rows of the leaders' delivery pages.

Back office: another operator's campaign answers 404. Portal: the referent's own association only.
The leader's page takes no account: the signed link is the key, so every role — anonymous
included — gets the page for a good link (bad links: tests/leaders/test_leader_page.py)."""

from tests.attendees.permission_rows import BACKOFFICE_OWN, PORTAL, _slug, _world

OK = 200
EVERYONE = dict.fromkeys(
    ["anonymous", "referent", "operator", "other_operator", "jury", "admin"], OK
)
POST_ONLY = dict.fromkeys(EVERYONE, 405)


def _group(ctx):
    return {"campaign_slug": ctx["campaign"].slug, "group_id": _world(ctx)["other"]["group"].pk}


def _token(ctx):
    from billetterie.core import clock
    from billetterie.delivery.leaders import token_for
    from billetterie.delivery.models import LeaderAccess

    group = _world(ctx)["other"]["group"]
    access, _ = LeaderAccess.objects.get_or_create(
        group=group, defaults={"campaign": ctx["campaign"], "sent_at": clock.now(), "sent_count": 1}
    )
    return {"token": token_for(group_id=group.pk, version=access.version)}


LEADERS_MATRIX = {
    "backoffice:leaders": (_slug, BACKOFFICE_OWN),
    "backoffice:leaders_send": (_slug, BACKOFFICE_OWN),
    "backoffice:leader_group": (_group, BACKOFFICE_OWN),
    "portal:attendees_delivery": (_slug, PORTAL),
    "leaders:page": (_token, EVERYONE),
    "leaders:calendar": (_token, EVERYONE),
    "leaders:confirm": (_token, POST_ONLY),
}
