"""A campaign with a row in every exported list, for two associations (own and other)."""

import datetime as dt

from billetterie.allocation.models import AllocationRun, RunAssignment
from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    Holder,
    NameChange,
    Person,
    PersonKind,
    Submission,
)
from billetterie.contest.models import Participation, PrestigeAward
from billetterie.core import clock
from billetterie.delivery.models import AttendanceReport, TicketLink
from billetterie.inventory.models import Ticket
from tests import factories
from tests.delivery.attendance_world import SPRING, named_group

FORMULA = '=HYPERLINK("http://example.org/vol","Cliquez")'


def decisions_for(campaign, association, group):
    """A derogation, a letter, a name change, an attendance report, a link, a participation."""
    now = clock.now()
    Derogation.objects.create(
        campaign=campaign,
        association=association,
        group=group,
        supervisors=2,
        reason="Groupe d'enfants en situation de handicap",
        requested_at=now,
    )
    CommitmentLetter.objects.create(
        campaign=campaign,
        association=association,
        content_type="application/pdf",
        size=1000,
        uploaded_at=now,
    )
    holder = Holder.objects.filter(group=group).select_related("ticket", "person").first()
    substitute = Person.objects.create(
        campaign=campaign,
        association=association,
        kind=PersonKind.YOUTH,
        last_name=f"Remplaçant {association.identifier}",
        first_name="Noé",
        birth_date=dt.date(2011, 5, 5),
        name_key=f"remplacant {association.identifier}",
        created_at=now,
    )
    NameChange.objects.create(
        campaign=campaign,
        association=association,
        ticket=holder.ticket,
        old_person=holder.person,
        new_person=substitute,
        reason="Malade",
        requested_at=now,
    )
    AttendanceReport.objects.create(
        campaign=campaign,
        association=association,
        group=group,
        youth_present=2,
        supervisors_present=1,
        filed_at=now,
    )
    TicketLink.objects.create(
        campaign=campaign,
        pack=holder.ticket.pack,
        ticket=holder.ticket,
        url=f"https://billets.example.org/secret-{association.identifier}",
        imported_at=now,
    )
    participation = Participation.objects.create(
        campaign=campaign, association=association, group_size=10, confirmed_at=now
    )
    PrestigeAward.objects.create(
        campaign=campaign, participation=participation, rank=1, updated_at=now
    )
    Submission.objects.create(
        campaign=campaign,
        association=association,
        games=group.session.games,
        youth_attested=True,
        submitted_at=now,
    )


def build(campaign, association, other_association, referent_user, other_referent_user):
    """Named groups for both associations (one holder of ours is named like a formula), an
    application each, a run with one assignment each, and the operator's decisions around them."""
    own = named_group(campaign, association, referent_user)
    other = named_group(campaign, other_association, other_referent_user)
    with clock.frozen_at(SPRING):
        Person.objects.filter(pk=Holder.objects.filter(group=own).values("person_id")[:1]).update(
            last_name=FORMULA
        )
        for assoc, group in ((association, own), (other_association, other)):
            decisions_for(campaign, assoc, group)
            factories.application(campaign=campaign, association=assoc, cities=("Paris", "Lille"))
        run = AllocationRun.objects.create(campaign=campaign, number=1, created_at=clock.now())
        for group, assoc in ((own, association), (other, other_association)):
            pack = Ticket.objects.filter(holder__group=group).first().pack
            RunAssignment.objects.create(run=run, pack=pack, association=assoc)
    return own, other
