"""Permission-matrix rows of the association's explanation (portal page, PDF, back-office view).

The portal pages show only the referent's own association (there is no association in the URL);
another operator's campaign answers 404. In the back office, another operator's association or
campaign answers 404.
"""

from tests.attendees.permission_rows import BACKOFFICE_OWN, NOT_FOUND, PORTAL


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _other_campaign(ctx):
    return {"campaign_slug": ctx["other_campaign"].slug}


def _association(ctx):
    association = ctx["users"]["referent"].association
    return {"campaign_slug": ctx["campaign"].slug, "association_id": association.pk}


def _other_operators_association(ctx):
    from billetterie.members.models import Association

    if "explained_elsewhere" not in ctx:
        ctx["explained_elsewhere"] = Association.objects.create(
            operator=ctx["other_campaign"].operator,
            identifier="AUTRE-EXPL",
            name="Association d'un autre opérateur",
            postal_code="33000",
            town="Bordeaux",
            departement="33",
        )
    return {"campaign_slug": ctx["campaign"].slug, "association_id": ctx["explained_elsewhere"].pk}


EXPLANATION_MATRIX = {
    "portal:explanation": (_campaign, PORTAL),
    "portal:explanation_pdf": (_campaign, PORTAL),
    "backoffice:association_explanation": (_association, BACKOFFICE_OWN),
    "backoffice:association_explanation_pdf": (_association, BACKOFFICE_OWN),
}

# Rows that prove a 404 on someone else's objects (their own names, for the meta-test's sake these
# are checked by tests/reporting/test_explanation_pages.py).
OTHERS = {
    "portal:explanation": (_other_campaign, {**PORTAL, "referent": NOT_FOUND}),
    "backoffice:association_explanation": (
        _other_operators_association,
        {**BACKOFFICE_OWN, "operator": NOT_FOUND, "admin": NOT_FOUND},
    ),
}
