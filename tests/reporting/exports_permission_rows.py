"""Permission-matrix rows of the « Exports » pages (back office and portal): an export belongs
to the person who asked it; another operator's campaign, or another person's export → 404."""

from tests.attendees.permission_rows import BACKOFFICE_OWN

PORTAL = {
    "anonymous": "login",
    "referent": 200,
    "operator": 403,
    "other_operator": 403,
    "jury": 403,
    "admin": 403,
}


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _job(ctx, role):
    """A finished export asked by `role` (the operator, or the referent for their association)."""
    from billetterie.reporting.build import export_job_run
    from billetterie.reporting.jobs import export_job_request

    key = f"export_job_{role}"
    if key not in ctx:
        user = ctx["users"][role]
        job = export_job_request(
            campaign=ctx["campaign"],
            kind="offers",
            file_format="csv",
            actor=user,
            association=user.association if role == "referent" else None,
        )
        export_job_run(job_id=job.pk)
        ctx[key] = job
    return {**_campaign(ctx), "job_id": ctx[key].pk}


EXPORTS_MATRIX = {
    "backoffice:exports": (_campaign, BACKOFFICE_OWN),
    # The operator's own export; the administrator did not ask it: 404 (an export is personal).
    "backoffice:export_file": (
        lambda ctx: _job(ctx, "operator"),
        {**BACKOFFICE_OWN, "admin": 404},
    ),
    "portal:exports_index": (lambda ctx: {}, {**PORTAL, "referent": 302}),
    "portal:exports": (_campaign, PORTAL),
    "portal:export_file": (lambda ctx: _job(ctx, "referent"), PORTAL),
}
