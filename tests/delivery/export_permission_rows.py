"""Permission-matrix rows of the « Export pour la billetterie » pages: operator only, another
operator's campaign → 404."""

from tests.attendees.permission_rows import BACKOFFICE_OWN


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _export(ctx):
    from billetterie.delivery.exports import nominative_export_create

    if "nominative_export" not in ctx:
        ctx["nominative_export"] = nominative_export_create(
            campaign=ctx["campaign"], scope="full", file_format="csv", actor="test"
        )
    return {**_campaign(ctx), "number": ctx["nominative_export"].number}


EXPORTS_MATRIX = {
    "backoffice:nominative_exports": (_campaign, BACKOFFICE_OWN),
    "backoffice:nominative_export_file": (_export, BACKOFFICE_OWN),
}
