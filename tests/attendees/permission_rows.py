"""Permission-matrix rows of the attendees pages: another association's objects answer 404."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from PIL import Image

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, "login", 403, 404
BACKOFFICE_OWN = {
    "anonymous": LOGIN,
    "referent": FORBIDDEN,
    "operator": OK,
    "other_operator": NOT_FOUND,
    "jury": FORBIDDEN,
    "admin": OK,
}
PORTAL = {
    "anonymous": LOGIN,
    "referent": OK,
    "operator": FORBIDDEN,
    "other_operator": FORBIDDEN,
    "jury": FORBIDDEN,
    "admin": FORBIDDEN,
}
PORTAL_OTHERS = {**PORTAL, "referent": NOT_FOUND}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _world(ctx) -> dict:
    """Accepted packs for the referent's association and for another one, each with its objects."""
    if "attendees" in ctx:
        return ctx["attendees"]
    from billetterie.attendees.models import (
        CommitmentLetter,
        Derogation,
        Group,
        GroupPack,
        Holder,
        NameChange,
        Person,
    )
    from billetterie.core import clock
    from billetterie.inventory.models import PackStatus, Ticket
    from billetterie.members.models import Association
    from billetterie.offers.models import Offer, OfferStatus
    from tests import factories

    campaign = ctx["campaign"]
    now = clock.now()
    own = ctx["users"]["referent"].association
    other = Association.objects.create(
        operator=campaign.operator,
        identifier="AUTRE-BENEF",
        name="Association d'en face",
        postal_code="33000",
        town="Bordeaux",
        departement="33",
    )
    world = {}
    for key, association in (("own", own), ("other", other)):
        pack = factories.pack(campaign=campaign, size=2)
        pack.status = PackStatus.ACCEPTED
        pack.save()
        Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=association,
            status=OfferStatus.ACCEPTED,
            commitment_accepted=True,
            sent_at=now - dt.timedelta(days=1),
            expires_at=now + dt.timedelta(days=6),
        )
        people = [
            Person.objects.create(
                campaign=campaign,
                association=association,
                kind="youth",
                last_name=f"Nom{key}{i}",
                first_name="Prénom",
                birth_date=dt.date(2010, 1, 1),
                name_key=f"nom{key}{i}|prenom",
                created_at=now,
            )
            for i in range(3)
        ]
        group = Group.objects.create(
            campaign=campaign,
            association=association,
            session=pack.session,
            name=f"Groupe {key}",
            created_at=now,
        )
        GroupPack.objects.create(group=group, pack=pack)
        ticket = Ticket.objects.get(pack=pack, number=1)
        holder = Holder.objects.create(
            campaign=campaign,
            association=association,
            group=group,
            ticket=ticket,
            person=people[0],
            session=pack.session,
            named_at=now,
        )
        letter = CommitmentLetter(
            campaign=campaign,
            association=association,
            content_type="image/png",
            size=10,
            uploaded_at=now,
        )
        letter.file.save("courrier.png", ContentFile(png_bytes()), save=False)
        letter.save()
        derogation = Derogation.objects.create(
            campaign=campaign,
            association=association,
            group=group,
            supervisors=2,
            reason="motif",
            requested_at=now,
        )
        change = NameChange.objects.create(
            campaign=campaign,
            association=association,
            ticket=ticket,
            old_person=people[0],
            new_person=people[1],
            reason="malade",
            requested_at=now,
        )
        world[key] = {
            "association": association,
            "person": people[2],
            "group": group,
            "holder": holder,
            "letter": letter,
            "derogation": derogation,
            "name_change": change,
        }
    ctx["attendees"] = world
    return world


def _slug(ctx):
    _world(ctx)
    return {"campaign_slug": ctx["campaign"].slug}


def _theirs(kind: str, kwarg: str):
    def kwargs(ctx):
        return {"campaign_slug": ctx["campaign"].slug, kwarg: _world(ctx)["other"][kind].pk}

    return kwargs


def _campaign_object(kind: str, kwarg: str):
    """An object of the ctx campaign (another association's, to show the operator sees all)."""

    def kwargs(ctx):
        return {"campaign_slug": ctx["campaign"].slug, kwarg: _world(ctx)["other"][kind].pk}

    return kwargs


def _campaign_association(ctx):
    return {
        "campaign_slug": ctx["campaign"].slug,
        "association_id": _world(ctx)["other"]["association"].pk,
    }


ATTENDEES_MATRIX = {
    "portal:attendees": (lambda ctx: (_world(ctx), {})[1], {**PORTAL, "referent": 302}),
    "portal:attendees_campaign": (_slug, PORTAL),
    "portal:attendees_people": (_slug, PORTAL),
    "portal:attendees_export": (_slug, PORTAL),
    "portal:attendees_import": (_slug, PORTAL),
    "portal:attendees_charter": (_slug, PORTAL),
    "portal:attendees_submit": (lambda ctx: {**_slug(ctx), "games_code": "OG"}, PORTAL),
    "portal:attendees_group_new": (_slug, PORTAL),
    "portal:attendees_letter": (_slug, PORTAL),
    "portal:attendees_letter_pdf": (_slug, PORTAL),
    # Another association's person, group, ticket holder, letter: 404, never a glimpse.
    "portal:attendees_person": (_theirs("person", "person_id"), PORTAL_OTHERS),
    "portal:attendees_group": (_theirs("group", "group_id"), PORTAL_OTHERS),
    "portal:attendees_group_delete": (_theirs("group", "group_id"), PORTAL_OTHERS),
    "portal:attendees_derogation_new": (_theirs("group", "group_id"), PORTAL_OTHERS),
    "portal:attendees_name_change_new": (_theirs("holder", "holder_id"), PORTAL_OTHERS),
    "portal:attendees_letter_file": (_theirs("letter", "letter_id"), PORTAL_OTHERS),
    # Back office: another operator's campaign answers 404.
    "backoffice:attendees": (_slug, BACKOFFICE_OWN),
    "backoffice:attendees_association": (_campaign_association, BACKOFFICE_OWN),
    "backoffice:attendees_remind": (_campaign_association, BACKOFFICE_OWN),
    "backoffice:attendees_derogation": (
        _campaign_object("derogation", "derogation_id"),
        BACKOFFICE_OWN,
    ),
    "backoffice:attendees_letter": (_campaign_object("letter", "letter_id"), BACKOFFICE_OWN),
    "backoffice:attendees_letter_file": (_campaign_object("letter", "letter_id"), BACKOFFICE_OWN),
    "backoffice:attendees_name_change": (
        _campaign_object("name_change", "name_change_id"),
        BACKOFFICE_OWN,
    ),
    "backoffice:attendees_changes_export": (_slug, BACKOFFICE_OWN),
}
