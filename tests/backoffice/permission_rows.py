"""Permission-matrix rows of the settings, associations and packs pages of the back office.

Another operator's campaign answers 404 (BACKOFFICE_OWN); an association or a pack that is not the
campaign's answers 404 too (see test_settings_pages, test_associations_pages, test_packs_pages).
"""

from tests.attendees.permission_rows import BACKOFFICE_OWN


def _campaign(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _association(ctx):
    from billetterie.members.models import Association

    if "settings_association" not in ctx:
        ctx["settings_association"] = Association.objects.create(
            operator=ctx["campaign"].operator,
            identifier="REGL-1",
            name="Association à corriger",
            postal_code="91000",
            town="Évry",
            departement="91",
        )
    return {**_campaign(ctx), "association_id": ctx["settings_association"].pk}


def _pack(ctx):
    from tests import factories

    if "settings_pack" not in ctx:
        ctx["settings_pack"] = factories.pack(campaign=ctx["campaign"], size=6)
    return {**_campaign(ctx), "pack_id": ctx["settings_pack"].pk}


SETTINGS_MATRIX = {
    "backoffice:campaign_settings": (_campaign, BACKOFFICE_OWN),
    "backoffice:associations": (_campaign, BACKOFFICE_OWN),
    "backoffice:association": (_association, BACKOFFICE_OWN),
    "backoffice:packs": (_campaign, BACKOFFICE_OWN),
    "backoffice:pack": (_pack, BACKOFFICE_OWN),
    "backoffice:pack_withdraw": (_pack, BACKOFFICE_OWN),
    "backoffice:pack_restore": (_pack, BACKOFFICE_OWN),
    "backoffice:pack_correct": (_pack, BACKOFFICE_OWN),
}
