"""An association takes part in the contest: confirmed before the deadline, with the size of the
group that would go (youth and supervisors), which later picks a prestige pack that fits."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from billetterie.contest.models import Participation
from billetterie.contest.selectors import contest_calendar
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.usecase import Actor, use_case
from billetterie.outbox.referents import referents_tell
from billetterie.outbox.services import site_link

PARTICIPATION_CONFIRMED = "contest.participation_confirmed"


def contest_link(campaign) -> str:
    return site_link(reverse("portal:contest", kwargs={"campaign_slug": campaign.slug}))


def participation_confirm(*, campaign, association, group_size: int, actor: Actor) -> Participation:
    """Take part (or change the group size) until the confirmation deadline, inclusive.

    The first confirmation sends the referents the « participation confirmed » message."""
    calendar = contest_calendar(campaign=campaign, today=clock.today())
    if not calendar.can_confirm:
        raise ValidationError(
            "La date limite pour confirmer la participation au jeu-concours est passée."
            if calendar.confirmation_deadline
            else "Le jeu-concours n'est pas encore ouvert aux participations."
        )
    if not 1 <= group_size <= 60:
        raise ValidationError({"group_size": "Indiquez un groupe de 1 à 60 personnes."})
    with use_case():
        participation = (
            Participation.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, association=association)
            .first()
        )
        if participation is not None and participation.withdrawn_at is None:
            before = participation.group_size
            if before == group_size:
                return participation
            participation.group_size = group_size
            participation.save(update_fields=["group_size"])
            audit_log(
                action="contest.participation_changed",
                actor=actor,
                subject=participation,
                details={"before": before, "after": group_size},
            )
            return participation
        if participation is None:
            participation = Participation(campaign=campaign, association=association)
        participation.group_size = group_size
        participation.confirmed_at = clock.now()
        participation.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
        participation.withdrawn_at = None
        participation.save()
        audit_log(
            action="contest.participation_confirmed",
            actor=actor,
            subject=participation,
            details={"group_size": group_size},
        )
        referents_tell(
            code=PARTICIPATION_CONFIRMED,
            association_id=association.pk,
            values={
                "association": association.name,
                "taille": str(group_size),
                "ouverture": day(campaign.contest_opens_on),
                "cloture": day(campaign.contest_closes_on),
                "lien": contest_link(campaign),
            },
            key=f"{PARTICIPATION_CONFIRMED}:{participation.pk}:{participation.confirmed_at:%Y%m%d%H%M%S}",
            campaign=campaign,
            about=participation,
        )
    return participation
