"""Sending the named holders of one Games: the charter first, then every rule, then read-only."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from billetterie.attendees.models import CharterAcknowledgement, Submission
from billetterie.attendees.rules import violations
from billetterie.attendees.selectors.association import accepted_packs, nomination_of
from billetterie.attendees.selectors.deadlines import edit_state
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import actor_user, use_case


def charter_acknowledge(*, campaign, association, actor) -> CharterAcknowledgement:
    """Record who accepted the usage charter and when; a second call changes nothing."""
    with use_case():
        existing = CharterAcknowledgement.objects.filter(
            campaign=campaign, association=association
        ).first()
        if existing:
            return existing
        ack = CharterAcknowledgement.objects.create(
            campaign=campaign,
            association=association,
            acknowledged_by=actor_user(actor),
            acknowledged_at=clock.now(),
        )
        audit_log(
            action="attendees.charter_acknowledged",
            actor=actor,
            subject=ack,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"acknowledgement": ack.pk},
        )
        return ack


def submission_violations(*, campaign, association, games_id: int, attested: bool):
    """The violations blocking the submission of one Games (and those of no pack: attestation)."""
    refs = set(
        accepted_packs(campaign=campaign, association=association)
        .filter(session__games_id=games_id)
        .values_list("reference", flat=True)
    )
    found = violations(nomination_of(campaign=campaign, association=association, attested=attested))
    return [v for v in found if not v.packs or refs & set(v.packs)]


def nomination_submit(*, campaign, association, games, attested: bool, actor) -> Submission:
    """Send the named holders of one Games: refused with every violation in French."""
    with use_case():
        if not CharterAcknowledgement.objects.filter(
            campaign=campaign, association=association
        ).exists():
            raise ValidationError(
                "Acceptez d'abord la charte d'utilisation des billets.", code="charter"
            )
        state = edit_state(
            campaign_id=campaign.pk,
            association_id=association.pk,
            games_id=games.pk,
            today=clock.today(),
        )
        if not state.editable:
            raise ValidationError(state.reason, code="read_only")
        if (
            not accepted_packs(campaign=campaign, association=association)
            .filter(session__games=games)
            .exists()
        ):
            raise ValidationError(f"Aucun lot accepté pour les {games} : rien à envoyer.")
        found = submission_violations(
            campaign=campaign, association=association, games_id=games.pk, attested=attested
        )
        if found:
            raise ValidationError([v.message for v in found], code="violations")
        try:
            submission = Submission.objects.create(
                campaign=campaign,
                association=association,
                games=games,
                youth_attested=True,
                submitted_by=actor_user(actor),
                submitted_at=clock.now(),
            )
        except IntegrityError:
            raise ValidationError("Ces attributions nominatives sont déjà envoyées.") from None
        audit_log(
            action="attendees.submitted",
            actor=actor,
            subject=submission,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"submission": submission.pk, "games": games.code},
        )
        return submission
