"""The attendees' shredder: past a campaign's retention date, anonymise people, delete letters,
blank every free text that may carry a name (group names, reasons)."""

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from billetterie.attendees.models import CommitmentLetter, Derogation, Group, NameChange, Person
from billetterie.core.files import storage_folder_delete

ANONYMISED = "Anonymisé"
GROUP_NAME_PREFIX = "Groupe n° "


def _named_groups(campaign):
    return Group.objects.filter(campaign=campaign).exclude(name__startswith=GROUP_NAME_PREFIX)


def _reasons(model, campaign):
    return model.objects.filter(campaign=campaign).filter(~Q(reason="") | ~Q(decision_reason=""))


def attendees_personal_data_held(*, campaign) -> bool:
    return (
        Person.objects.filter(campaign=campaign, anonymised_at__isnull=True).exists()
        or CommitmentLetter.objects.filter(campaign=campaign)
        .filter(~Q(file="") | ~Q(decision_reason=""))
        .exists()
        or _named_groups(campaign).exists()
        or _reasons(Derogation, campaign).exists()
        or _reasons(NameChange, campaign).exists()
    )


def attendees_personal_data_purge(*, campaign, now) -> dict[str, int]:
    """Inside the caller's transaction; the letters' files are deleted after commit."""
    people = Person.objects.filter(campaign=campaign, anonymised_at__isnull=True)
    anonymised = people.update(
        last_name=ANONYMISED,
        first_name=ANONYMISED,
        birth_date=None,
        mobile_phone="",
        email="",
        name_key=Concat(Value("anonymise "), Cast("pk", output_field=CharField())),
        anonymised_at=now,
    )
    letters = CommitmentLetter.objects.filter(campaign=campaign)
    paths = [letter.file.name for letter in letters.exclude(file="") if letter.file]
    files = letters.exclude(file="").update(file="", file_deleted_at=now)
    letters.exclude(decision_reason="").update(decision_reason="")
    groups = _named_groups(campaign).update(
        name=Concat(Value(GROUP_NAME_PREFIX), Cast("pk", output_field=CharField()))
    )
    reasons = _reasons(Derogation, campaign).update(reason="", decision_reason="") + _reasons(
        NameChange, campaign
    ).update(reason="", decision_reason="")
    campaign_id = campaign.pk
    transaction.on_commit(lambda: _files_delete(campaign_id=campaign_id, paths=paths))
    return {"people": anonymised, "letters": files, "group_names": groups, "reasons": reasons}


def _files_delete(*, campaign_id: int, paths: list[str]) -> None:
    """After commit: the letters' files, and the campaign's whole private folder (orphans too)."""
    storage = CommitmentLetter._meta.get_field("file").storage
    for name in paths:
        storage.delete(name)
    storage_folder_delete(f"private/letters/{campaign_id}", storage)
