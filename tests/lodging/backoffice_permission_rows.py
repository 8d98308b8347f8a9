"""Permission-matrix rows of the back office's lodging pages: operator staff of the campaign's
operator (or an administrator) only; another operator's campaign answers 404."""

OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT = 200, "login", 403, 404, 302
BACKOFFICE_OWN = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": OK,
    "other_operator": NOT_FOUND,
    "jury": FORBIDDEN,
    "admin": OK,
}
BACKOFFICE_POST = {**BACKOFFICE_OWN, "operator": 405, "admin": 405}


def _slug(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _world(ctx) -> dict:
    """A need, an offer, a computed run and a live placement in the campaign."""
    if "lodging_bo" in ctx:
        return ctx["lodging_bo"]
    from billetterie.core import clock
    from billetterie.lodging.instance import instance_build
    from billetterie.lodging.models import MatchingRun, Placement, PlacementStatus, RunStatus
    from billetterie.members.models import Association
    from tests.lodging.backoffice_world import need, offer

    campaign = ctx["campaign"]
    guest = Association.objects.create(
        operator=campaign.operator,
        identifier="LOGE-INVITE",
        name="Association hébergée",
        postal_code="97400",
        town="Saint-Denis",
        departement="974",
    )
    host = Association.objects.create(
        operator=campaign.operator,
        identifier="LOGE-HOTE",
        name="Structure qui héberge",
        postal_code="93100",
        town="Montreuil",
        departement="93",
        is_member=False,
    )
    n = need(campaign=campaign, association=guest)
    o = offer(campaign=campaign, association=host)
    run = MatchingRun.objects.create(
        campaign=campaign,
        status=RunStatus.DONE,
        created_at=clock.now(),
        instance=instance_build(campaign),
        result={
            "placements": [],
            "unplaced": [],
            "person_nights": 0,
            "person_nights_requested": 0,
            "groups": 0,
            "groups_placed": 0,
            "upper_bound": 0,
            "gap": 0.0,
            "greedy_person_nights": 0,
            "seconds": 0.1,
        },
    )
    placement = Placement.objects.create(
        campaign=campaign, need=n, offer=o, status=PlacementStatus.PENDING
    )
    ctx["lodging_bo"] = {"need": n, "offer": o, "run": run, "placement": placement}
    return ctx["lodging_bo"]


def _need(ctx):
    return {**_slug(ctx), "need_id": _world(ctx)["need"].pk}


def _offer(ctx):
    return {**_slug(ctx), "offer_id": _world(ctx)["offer"].pk}


def _run(ctx):
    return {**_slug(ctx), "run_id": _world(ctx)["run"].pk}


def _run_group(ctx):
    return {**_run(ctx), "need_id": _world(ctx)["need"].pk}


def _placement(ctx):
    return {**_slug(ctx), "placement_id": _world(ctx)["placement"].pk}


LODGING_BACKOFFICE_MATRIX = {
    "backoffice:lodging": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_settings": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_practical": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_hosts": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_host_invite": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_host_invite_existing": (_slug, BACKOFFICE_POST),
    "backoffice:lodging_host": (_offer, BACKOFFICE_OWN),
    "backoffice:lodging_needs": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_need": (_need, BACKOFFICE_OWN),
    "backoffice:lodging_placement_cancel": (_placement, BACKOFFICE_OWN),
    "backoffice:lodging_runs": (_slug, BACKOFFICE_OWN),
    "backoffice:lodging_run": (_run, BACKOFFICE_OWN),
    "backoffice:lodging_run_status": (_run, BACKOFFICE_OWN),
    "backoffice:lodging_run_adjust": (_run, BACKOFFICE_POST),
    "backoffice:lodging_run_publish": (_run, BACKOFFICE_OWN),
    "backoffice:lodging_run_abandon": (_run, BACKOFFICE_OWN),
    "backoffice:lodging_run_group": (_run_group, BACKOFFICE_OWN),
}
