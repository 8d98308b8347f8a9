"""The association's one audio entry: checked by its content, stored under a random name, given
an anonymous label once, replaceable until the submission window closes.

Nothing of the name the user gave the file is kept: it appears only in the refusal message shown
to the person who sent it. The label (« Enregistrement 37 ») is drawn at random among numbers not
yet used in the campaign, so that it reveals neither the association nor the order of uploads."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from billetterie.contest.audio import (
    FORMATS_WORDS,
    AudioUnreadable,
    audio_probe,
    duration_words,
    too_long,
)
from billetterie.contest.models import ContestSettings, Entry, Participation
from billetterie.contest.selectors import contest_calendar, contest_settings_of
from billetterie.contest.services.participation import contest_link
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.outbox.referents import referents_tell

ENTRY_RECEIVED = "contest.entry_received"
LABEL = "Enregistrement {}"


def _size_words(size: int) -> str:
    megabytes = size / 1_000_000
    return f"{megabytes:.0f} Mo" if megabytes >= 1 else f"{size // 1000} ko"


def entry_check(*, content: bytes, filename: str, settings: ContestSettings):
    """The measured audio (see contest.audio), or a French refusal naming the file."""
    name = (filename or "").replace("\n", " ")[:120] or "sans nom"
    if not content:
        raise ValidationError({"file": f"Le fichier « {name} » est vide."}, code="empty")
    if len(content) > settings.max_size_bytes:
        raise ValidationError(
            {
                "file": f"Le fichier « {name} » pèse plus de {_size_words(settings.max_size_bytes)}"
                f", la taille maximale : enregistrez-le en MP3 ou en OGG, ou raccourcissez-le."
            },
            code="too_big",
        )
    try:
        audio = audio_probe(content)
    except AudioUnreadable:
        raise ValidationError(
            {
                "file": f"Le fichier « {name} » n'est pas un enregistrement audio lisible "
                f"(formats acceptés : {FORMATS_WORDS})."
            },
            code="unreadable",
        ) from None
    if too_long(audio.duration, settings.max_duration_seconds):
        raise ValidationError(
            {
                "file": f"L'enregistrement dure {duration_words(audio.duration)} ; la durée "
                f"maximale est de {settings.max_duration_seconds} secondes."
            },
            code="too_long",
        )
    return audio


def _label_new(campaign) -> str:
    """A number not used yet in the campaign, drawn at random among 1…999 (then 1…9999)."""
    used = set(Entry.objects.filter(campaign=campaign).values_list("label", flat=True))
    for ceiling in (999, 9999, 99999):
        free = [n for n in range(1, ceiling + 1) if LABEL.format(n) not in used]
        if free:
            return LABEL.format(secrets.choice(free))
    raise ValidationError("Trop d'enregistrements dans cette campagne.")


def entry_submit(
    *,
    campaign,
    association,
    content: bytes,
    filename: str,
    consent: bool,
    actor: Actor,
    replaces: int | None = None,
) -> Entry:
    """Deposit the association's audio, or replace it, while the submission window is open.

    `replaces` is the version (replaced_count) of the entry the person saw and agreed to replace;
    an entry on file is replaced only when it is still that one."""
    calendar = contest_calendar(campaign=campaign, today=clock.today())
    if not calendar.window_open:
        raise ValidationError(
            "Le dépôt des enregistrements est fermé."
            if not calendar.before_window
            else f"Le dépôt des enregistrements ouvre le {day(calendar.opens_on)}."
        )
    if not consent:
        raise ValidationError(
            {
                "consent": "Cochez l'attestation : les représentants légaux des enfants "
                "enregistrés ont donné leur accord."
            }
        )
    settings = contest_settings_of(campaign=campaign)
    audio = entry_check(content=content, filename=filename, settings=settings)
    with use_case():
        # One lock per campaign: two uploads never draw the same label.
        ContestSettings.objects.select_for_update(of=("self",)).get_or_create(
            campaign=campaign, defaults={"updated_at": clock.now()}
        )
        participation = (
            Participation.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, association=association, withdrawn_at__isnull=True)
            .first()
        )
        if participation is None:
            raise ValidationError(
                "Confirmez d'abord la participation de votre association au jeu-concours."
            )
        entry = (
            Entry.objects.select_for_update(of=("self",))
            .filter(participation=participation)
            .first()
        )
        replaced = entry is not None and bool(entry.file)
        if replaced and replaces != entry.replaced_count:
            raise ValidationError(
                {
                    "replace": "Un enregistrement est déjà déposé : cochez la case pour le "
                    "remplacer par ce nouveau fichier."
                }
            )
        old_name = entry.file.name if replaced else ""
        if entry is None:
            entry = Entry(
                campaign=campaign, participation=participation, label=_label_new(campaign)
            )
        elif replaced:
            entry.replaced_count += 1
        entry.content_type = audio.content_type
        entry.size = len(content)
        entry.duration_seconds = audio.duration
        entry.consent_attested = True
        entry.uploaded_at = clock.now()
        entry.uploaded_by = actor_user(actor)
        entry.file_deleted_at = None
        # The file is written before the row: a rolled-back row leaves an orphan file (the purge
        # removes the campaign's whole folder), never a row without its file.
        entry.file.save("audio", ContentFile(content), save=False)
        entry.save()
        audit_log(
            action="contest.entry_replaced" if replaced else "contest.entry_submitted",
            actor=actor,
            subject=entry,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={
                "entry": entry.pk,
                "type": audio.content_type,
                "size": len(content),
                "duration": str(audio.duration),
                "replaced": entry.replaced_count,
            },
        )
        referents_tell(
            code=ENTRY_RECEIVED,
            association_id=association.pk,
            values={
                "association": association.name,
                "duree": duration_words(audio.duration),
                "depose_le": day(clock.today()),
                "remplacement": (
                    "Il remplace l'enregistrement déposé auparavant." if replaced else ""
                ),
                "cloture": day(campaign.contest_closes_on),
                "lien": contest_link(campaign),
            },
            key=f"{ENTRY_RECEIVED}:{entry.pk}:{entry.replaced_count}",
            campaign=campaign,
            about=entry,
        )
        if old_name:
            storage = entry.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return entry


@dataclass(frozen=True)
class EntryFile:
    stream: object
    size: int
    content_type: str


def entry_file_open(entry: Entry) -> EntryFile:
    """The stored audio, open for reading (the caller closes it); a purged file is gone."""
    if not entry.file:
        raise Entry.DoesNotExist("fichier effacé")
    try:
        stream = entry.file.storage.open(entry.file.name, "rb")
        size = entry.file.storage.size(entry.file.name)
    except (ValueError, OSError):
        raise Entry.DoesNotExist("fichier effacé") from None
    return EntryFile(stream, size, entry.content_type)
