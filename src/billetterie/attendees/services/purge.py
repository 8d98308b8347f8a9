"""The end of the children's data lifecycle: past a campaign's retention date, anonymise and delete."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    NameChange,
    Person,
)
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.periodic import Done
from billetterie.core.usecase import use_case

ANONYMISED = "Anonymisé"


def campaigns_to_purge(*, today) -> list[Campaign]:
    return list(
        Campaign.objects.filter(retention_until__isnull=False, retention_until__lt=today).order_by(
            "pk"
        )
    )


def campaigns_with_personal_data_due(*, today) -> list[Campaign]:
    """Campaigns past their retention date that still hold personal data (the periodic job's list)."""
    return [
        c
        for c in campaigns_to_purge(today=today)
        if Person.objects.filter(campaign=c, anonymised_at__isnull=True).exists()
        or CommitmentLetter.objects.filter(campaign=c, file_deleted_at__isnull=True)
        .exclude(file="")
        .exists()
    ]


def campaign_purge(*, campaign, actor="commande purge_personal_data") -> dict[str, int]:
    """Anonymise the campaign's people, delete its letters' files, blank free-text reasons.

    Safe to repeat: a second run finds nothing left and writes only an audit row of zeros.
    """
    now = clock.now()
    with use_case():
        people = Person.objects.filter(campaign=campaign, anonymised_at__isnull=True)
        ids = list(people.values_list("pk", flat=True))
        for pk in ids:
            Person.objects.filter(pk=pk).update(
                last_name=ANONYMISED,
                first_name=ANONYMISED,
                birth_date=None,
                mobile_phone="",
                email="",
                name_key=f"anonymise {pk}",
                anonymised_at=now,
            )
        letters = CommitmentLetter.objects.filter(campaign=campaign, file_deleted_at__isnull=True)
        paths = [letter.file.name for letter in letters if letter.file]
        letters_count = letters.update(file="", file_deleted_at=now)
        reasons = NameChange.objects.filter(campaign=campaign).exclude(reason="").update(
            reason="", decision_reason=""
        ) + Derogation.objects.filter(campaign=campaign).exclude(reason="").update(
            reason="", decision_reason=""
        )
        counts = {"people": len(ids), "letters": letters_count, "reasons": reasons}
        audit_log(
            action="attendees.purged",
            actor=actor,
            subject=campaign,
            campaign_id=campaign.pk,
            details=counts,
        )
        transaction.on_commit(lambda: _files_delete(campaign_id=campaign.pk, paths=paths))
    return counts


def _files_delete(*, campaign_id: int, paths: list[str]) -> None:
    """After commit: the letters' files, and the campaign's whole private folder (orphans too)."""
    root = Path(settings.MEDIA_ROOT)
    for name in paths:
        (root / name).unlink(missing_ok=True)
    folder = root / "private" / "letters" / str(campaign_id)
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def personal_data_purge(*, today=None) -> dict[int, dict[str, int]]:
    """Every campaign past its retention date, one transaction each."""
    today = today or clock.today()
    return {c.pk: campaign_purge(campaign=c) for c in campaigns_to_purge(today=today)}


def purge_periodic(*, now) -> list[Done]:
    """The attendees' share of the periodic work: purge campaigns past their retention date."""
    due = campaigns_with_personal_data_due(today=timezone.localdate(now))
    for campaign in due:
        campaign_purge(campaign=campaign, actor="travaux périodiques")
    return [
        Done(
            "purged_campaigns", "Campagnes dont les données personnelles ont été effacées", len(due)
        )
    ]
