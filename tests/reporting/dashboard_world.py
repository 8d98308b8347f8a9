"""A campaign after a wave, built with real rows: packs in three host cities and two Games, offers
in every state, named groups (one whose leader confirmed, one with its attendance reported),
decisions waiting, and associations of every kind (member or not, mainland or overseas)."""

import datetime as dt

from billetterie.attendees.models import CommitmentLetter, Derogation, LetterStatus
from billetterie.core import clock
from billetterie.delivery.models import AttendanceReport, LeaderAccess
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from tests import factories
from tests.delivery.leader_world import named_group


def offer(campaign, association, *, status, size=4, city="Paris", games="OG", expires_in=None):
    pack = factories.pack(campaign=campaign, size=size, city=city, games=games)
    pack.status = {
        OfferStatus.PENDING: PackStatus.OFFERED,
        OfferStatus.ACCEPTED: PackStatus.ACCEPTED,
    }.get(status, PackStatus.AVAILABLE)
    pack.save(update_fields=["status"])
    now = clock.now()
    expires = now + (expires_in if expires_in is not None else dt.timedelta(days=-1))
    Offer.objects.create(
        campaign=campaign,
        pack=pack,
        association=association,
        status=status,
        commitment_accepted=status == OfferStatus.ACCEPTED,
        sent_at=expires - dt.timedelta(days=7),
        expires_at=expires,
        answered_at=now if status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED) else None,
    )
    return pack


def build_world(campaign, make_association):
    """Returns the associations; every figure of the dashboard is non-zero somewhere."""
    a = make_association(name="Les Lucioles")
    b = make_association(
        name="Horizon Nord", postal_code="59000", town="Lille", departement="59", is_member=False
    )
    c = make_association(
        name="Le Phare", postal_code="97400", town="Saint-Denis", departement="974"
    )
    d = make_association(name="Sans rien", postal_code="13001", town="Marseille", departement="13")
    factories.application(campaign=campaign, association=a, youth=30, supervisors=10)
    factories.application(campaign=campaign, association=a, games="PG", youth=6, supervisors=2)
    factories.application(
        campaign=campaign, association=b, youth=9, supervisors=3, cities=("Lille",)
    )
    factories.application(campaign=campaign, association=c, youth=3, supervisors=1)
    factories.application(campaign=campaign, association=d, youth=5, supervisors=1)
    # Stock: available packs in three cities, one withdrawn, one prestige.
    factories.pack(campaign=campaign, size=6, city="Lille")
    factories.pack(campaign=campaign, size=8, city="Marseille", games="PG")
    factories.pack(campaign=campaign, size=2, prestige=True)
    withdrawn = factories.pack(campaign=campaign, size=5)
    withdrawn.status = PackStatus.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    # Offers in every state, due at different times.
    offer(campaign, a, status=OfferStatus.ACCEPTED, size=8)
    offer(campaign, a, status=OfferStatus.ACCEPTED, size=4, games="PG", city="Marseille")
    offer(campaign, b, status=OfferStatus.ACCEPTED, size=6, city="Lille")
    offer(campaign, b, status=OfferStatus.DECLINED, size=3, city="Lille")
    offer(campaign, c, status=OfferStatus.EXPIRED, size=2)
    offer(campaign, c, status=OfferStatus.PENDING, size=4, expires_in=dt.timedelta(hours=1))
    offer(campaign, d, status=OfferStatus.PENDING, size=2, expires_in=dt.timedelta(days=2))
    offer(campaign, d, status=OfferStatus.PENDING, size=3, expires_in=dt.timedelta(days=5))
    # Named groups: one delivered (leader confirmed), one with attendance reported.
    delivered = named_group(campaign, c, size=4, email="sophie.durand@exemple.org")
    LeaderAccess.objects.create(
        campaign=campaign, group=delivered, sent_at=clock.now(), confirmed_at=clock.now()
    )
    attended = named_group(campaign, a, size=5, email="lea.martin@exemple.org", links=None)
    LeaderAccess.objects.create(campaign=campaign, group=attended, sent_at=clock.now())
    AttendanceReport.objects.create(
        campaign=campaign,
        association=a,
        group=attended,
        youth_present=3,
        supervisors_present=1,
        filed_at=clock.now(),
    )
    Derogation.objects.create(
        campaign=campaign,
        association=a,
        group=attended,
        supervisors=2,
        reason="Un jeune en fauteuil",
        requested_at=clock.now(),
    )
    CommitmentLetter.objects.create(
        campaign=campaign,
        association=a,
        content_type="application/pdf",
        size=10,
        uploaded_at=clock.now(),
    )
    CommitmentLetter.objects.create(
        campaign=campaign,
        association=c,
        content_type="application/pdf",
        size=10,
        status=LetterStatus.VALIDATED,
        uploaded_at=clock.now(),
    )
    return a, b, c, d
