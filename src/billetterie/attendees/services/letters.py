"""The signed commitment letter: checked by content, stored privately, validated by the operator."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from billetterie.attendees.models import CommitmentLetter, LetterStatus
from billetterie.attendees.services.decisions import decide
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case

MAX_BYTES = 5 * 1024 * 1024
KINDS = {  # content type → (magic bytes, stored extension)
    "application/pdf": (b"%PDF-", ".pdf"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
}
PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
REFUSED = (
    "Ce fichier n'est pas un PDF, un JPEG ou un PNG lisible : numérisez le courrier signé dans "
    "l'un de ces formats."
)


def scan_check(content: bytes) -> str:
    """The content type of a signed scan, from its bytes (never from its name); else refused."""
    if not content:
        raise ValidationError("Le fichier est vide.", code="empty")
    if len(content) > MAX_BYTES:
        raise ValidationError(
            f"Le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo : réduisez la résolution du scan.",
            code="too_big",
        )
    kind = next((k for k, (magic, _ext) in KINDS.items() if content.startswith(magic)), None)
    if kind is None:
        raise ValidationError(REFUSED, code="type")
    if kind == "application/pdf":
        if b"%%EOF" not in content[-2048:]:
            raise ValidationError(REFUSED, code="type")
        return kind
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PIL_FORMATS[kind]:
                raise ValidationError(REFUSED, code="type")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(REFUSED, code="type") from None
    return kind


def letter_upload(*, campaign, association, content: bytes, actor) -> CommitmentLetter:
    """Store a new signed scan; an earlier one still waiting for validation is replaced."""
    kind = scan_check(content)
    with use_case():
        pending = CommitmentLetter.objects.select_for_update().filter(
            campaign=campaign, association=association, status=LetterStatus.PENDING
        )
        replaced = [letter.pk for letter in pending]
        pending.update(status=LetterStatus.REPLACED)
        letter = CommitmentLetter(
            campaign=campaign,
            association=association,
            content_type=kind,
            size=len(content),
            uploaded_by=actor_user(actor),
            uploaded_at=clock.now(),
        )
        letter.file.save(f"courrier{KINDS[kind][1]}", ContentFile(content), save=False)
        # The file is written before the row: a rolled-back row leaves an orphan file, never a
        # row without its file; the purge removes orphans' folder with the campaign's letters.
        letter.save()
        audit_log(
            action="attendees.letter_uploaded",
            actor=actor,
            subject=letter,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"letter": letter.pk, "type": kind, "size": len(content), "replaced": replaced},
        )
        return letter


def letter_decide(
    *, campaign, letter_id: int, approve: bool, reason: str, actor: Actor
) -> CommitmentLetter:
    """Validate or refuse a pending letter; a refusal needs a reason."""
    return decide(
        model=CommitmentLetter,
        campaign=campaign,
        decision_id=letter_id,
        approve=approve,
        reason=reason,
        actor=actor,
        action="attendees.letter_decided",
    )


def letter_content(letter: CommitmentLetter) -> bytes:
    if not letter.file:
        raise FileNotFoundError("fichier effacé")
    with letter.file.open("rb") as stream:
        return stream.read()


def letter_download_name(letter: CommitmentLetter) -> str:
    return f"courrier-engagement-{letter.association_id}-{letter.pk}{KINDS[letter.content_type][1]}"
