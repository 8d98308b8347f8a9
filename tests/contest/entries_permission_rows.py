"""Permission-matrix rows of the contest's settings (back office) and participation pages
(portal): another operator's campaign answers 404, another association's audio 404."""

from django.core.files.base import ContentFile

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
PORTAL = {
    "anonymous": LOGIN,
    "referent": OK,
    "operator": FORBIDDEN,
    "other_operator": FORBIDDEN,
    "jury": FORBIDDEN,
    "admin": FORBIDDEN,
}


def _slug(ctx):
    return {"campaign_slug": ctx["campaign"].slug}


def _world(ctx) -> dict:
    """A kit file, and an entry of another association of the same campaign."""
    if "contest" in ctx:
        return ctx["contest"]
    from billetterie.contest.models import Entry, KitFile, Participation
    from billetterie.core import clock
    from billetterie.members.models import Association

    campaign = ctx["campaign"]
    now = clock.now()
    other = Association.objects.create(
        operator=campaign.operator,
        identifier="AUTRE-CONCOURS",
        name="Association du concours voisin",
        postal_code="33000",
        town="Bordeaux",
        departement="33",
    )
    participation = Participation.objects.create(
        campaign=campaign, association=other, group_size=8, confirmed_at=now
    )
    entry = Entry(
        campaign=campaign,
        participation=participation,
        label="Enregistrement 7",
        content_type="audio/wav",
        size=4,
        duration_seconds=1,
        consent_attested=True,
        uploaded_at=now,
    )
    entry.file.save("audio", ContentFile(b"RIFF"), save=False)
    entry.save()
    kit = KitFile(
        campaign=campaign,
        title="Guide",
        content_type="application/pdf",
        size=5,
        uploaded_at=now,
    )
    kit.file.save("kit.pdf", ContentFile(b"%PDF-"), save=False)
    kit.save()
    ctx["contest"] = {"entry": entry, "kit": kit}
    return ctx["contest"]


def _kit(ctx):
    return {**_slug(ctx), "file_id": _world(ctx)["kit"].pk}


def _their_entry(ctx):
    return {**_slug(ctx), "entry_id": _world(ctx)["entry"].pk}


CONTEST_ENTRIES_MATRIX = {
    "backoffice:contest": (_slug, BACKOFFICE_OWN),
    # POST only: a GET is refused (405) once the role and the campaign are checked.
    "backoffice:contest_criteria": (_slug, BACKOFFICE_POST),
    "backoffice:contest_kit": (_slug, BACKOFFICE_POST),
    "backoffice:contest_jury": (_slug, BACKOFFICE_POST),
    "backoffice:contest_kit_file": (_kit, BACKOFFICE_OWN),
    "portal:contests": (lambda ctx: {}, PORTAL),
    "portal:contest": (_slug, PORTAL),
    "portal:contest_entry": (_slug, {**PORTAL, "referent": 405}),
    # Another association's audio: 404, never a byte of it.
    "portal:contest_entry_audio": (_their_entry, {**PORTAL, "referent": NOT_FOUND}),
    # The kit is for participating associations only: the referent's has not confirmed → 404.
    "portal:contest_kit_file": (_kit, {**PORTAL, "referent": NOT_FOUND}),
}
