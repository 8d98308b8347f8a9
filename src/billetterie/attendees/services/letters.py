"""The signed commitment letter: checked by content, stored privately, validated by the operator."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from billetterie.attendees.models import CommitmentLetter, LetterStatus
from billetterie.attendees.services.decisions import decide
from billetterie.attendees.services.notifications import letter_tell
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case

MAX_BYTES = settings.LETTER_MAX_BYTES  # the request itself is capped earlier: REQUEST_MAX_BYTES
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


ACTIVE = (
    "Ce PDF contient du contenu actif (JavaScript, action automatique, fichier joint ou "
    "formulaire dynamique), refusé par sécurité : imprimez le courrier, signez-le et numérisez-le, "
    "ou enregistrez-le de nouveau avec « Imprimer en PDF »."
)
ENCRYPTED = (
    "Ce PDF est protégé par un mot de passe : enregistrez-le sans protection (ou numérisez le "
    "courrier signé en JPEG ou en PNG)."
)
# PDF keys and name values that make a document act by itself: scripts, actions run on opening
# or on an event, programs launched, files carried inside, multimedia and dynamic XFA forms.
PDF_ACTIVE_KEYS = {"/JavaScript", "/JS", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles"}
PDF_ACTIVE_KEYS |= {"/RichMedia", "/RichMediaContent", "/XFA", "/SubmitForm", "/ImportData"}
PDF_ACTIVE_NAMES = {"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia", "/FileAttachment"}
PDF_ACTIVE_NAMES |= {"/SubmitForm", "/ImportData", "/GoToE", "/Sound", "/Movie", "/Rendition"}
# Markup in a scan means a file built to be read as a web page too: never a scanner's output.
MARKUP = (b"<html", b"<script", b"<body", b"<iframe", b"<svg")


def scan_check(content: bytes) -> str:
    """The content type of a signed scan, from its bytes (never from its name); else refused.

    A PDF is parsed whole (pypdf) and refused when it carries active content or cannot be read;
    an image is decoded whole (Pillow). Neither may carry HTML.
    """
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
    lowered = content.lower()
    if any(tag in lowered for tag in MARKUP):
        raise ValidationError(REFUSED, code="type")
    if kind == "application/pdf":
        _pdf_check(content)
    else:
        _image_check(content, kind)
    return kind


def _image_check(content: bytes, kind: str) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PIL_FORMATS[kind]:
                raise ValidationError(REFUSED, code="type")
            image.verify()
        # verify() checks the structure only; decoding every pixel finds a truncated image.
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(REFUSED, code="type") from None


def _pdf_check(content: bytes) -> None:
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(REFUSED, code="type")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(ENCRYPTED, code="encrypted")
        if len(reader.pages) < 1:
            raise ValidationError(REFUSED, code="type")
        active = _pdf_active(reader)
    except ValidationError:
        raise
    except Exception:  # any parser failure: the file is not a readable PDF
        raise ValidationError(REFUSED, code="type") from None
    if active:
        raise ValidationError(ACTIVE, code="active")


def _pdf_active(reader: PdfReader) -> bool:
    """Whether any object reachable from the trailer (catalog, pages, annotations, names…)
    carries an active key or names an active action. Names are compared decoded (/J#61vaScript
    is /JavaScript); each indirect object is visited once."""
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, NameObject):
            if str(node) in PDF_ACTIVE_NAMES:
                return True
        elif isinstance(node, DictionaryObject):  # streams are dictionaries too
            if any(str(k) in PDF_ACTIVE_KEYS for k in node):
                return True
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def letter_upload(*, campaign, association, content: bytes, actor) -> CommitmentLetter:
    """Store a new signed scan; an earlier one still waiting for validation is replaced."""
    kind = scan_check(content)
    with use_case():
        pending = CommitmentLetter.objects.select_for_update(of=("self",)).filter(
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
        tell=letter_tell,
    )


@dataclass(frozen=True)
class LetterFile:
    content: bytes
    content_type: str
    name: str


def letter_file(letter: CommitmentLetter) -> LetterFile:
    """The scan to download; a file erased by the purge is gone (CommitmentLetter.DoesNotExist)."""
    try:
        with letter.file.open("rb") as stream:
            content = stream.read()
    except (ValueError, OSError):  # no file any more (ValueError), or not on disk (OSError)
        raise CommitmentLetter.DoesNotExist("fichier effacé") from None
    name = f"courrier-engagement-{letter.association_id}-{letter.pk}{KINDS[letter.content_type][1]}"
    return LetterFile(content, letter.content_type, name)
