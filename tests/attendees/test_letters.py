"""The commitment letter: the pre-filled PDF, upload checks by content, validation, privacy."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from billetterie.attendees.letter_pdf import ascii_fallback, letter_lines, letter_pdf
from billetterie.attendees.models import CommitmentLetter, LetterStatus
from billetterie.attendees.services.letters import (
    MAX_BYTES,
    letter_decide,
    letter_upload,
    scan_check,
)
from billetterie.core.models import AuditEntry
from tests.attendees.permission_rows import png_bytes

pytestmark = pytest.mark.django_db


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_letter_is_prefilled_with_association_and_packs(campaign, association, accept):
    pack = accept(association, size=8, reference="JO-0042")
    lines = letter_lines(campaign=campaign, association=association)
    assert lines["association"] == "Sauvegarde de l'Essonne"
    assert lines["packs"][0].startswith("Lot JO-0042 — JO — Athlétisme")
    assert lines["tickets"] == pack.size
    assert any("1 encadrant pour 3 jeunes" in c for c in lines["conditions"])
    content = letter_pdf(campaign=campaign, association=association)
    assert content.startswith(b"%PDF-") and b"%%EOF" in content[-64:]


def test_letter_without_dejavu_falls_back_to_helvetica(campaign, association, accept, tmp_path):
    accept(association, size=4)
    content = letter_pdf(campaign=campaign, association=association, font_dir=tmp_path)
    assert content.startswith(b"%PDF-") and b"Helvetica" in content
    assert ascii_fallback("Élodie — œuvre “ok” …") == "Élodie - oeuvre ok ..."


@pytest.mark.parametrize(
    "content, message",
    [
        (b"%PDF-1.4 but actually ends without eof", "PDF, un JPEG ou un PNG"),
        (b"Ceci est un simple fichier texte", "PDF, un JPEG ou un PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "PDF, un JPEG ou un PNG"),
        (b"", "vide"),
        (b"%PDF-" + b"0" * MAX_BYTES, "5 Mo"),
    ],
)
def test_bad_scans_are_refused(content, message):
    with pytest.raises(ValidationError, match=message):
        scan_check(content)


def test_good_scans_are_recognised_by_content():
    assert scan_check(png_bytes()) == "image/png"
    assert scan_check(_jpeg()) == "image/jpeg"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    pdf = io.BytesIO()
    writer.write(pdf)
    assert scan_check(pdf.getvalue()) == "application/pdf"


def test_upload_replace_and_validate(campaign, association, referent_user, operator_user):
    first = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    assert first.file.name.startswith(f"private/letters/{campaign.pk}/{association.pk}/")
    assert first.file.name.endswith(".png")
    second = letter_upload(
        campaign=campaign, association=association, content=_jpeg(), actor=referent_user
    )
    first.refresh_from_db()
    assert first.status == LetterStatus.REPLACED
    with pytest.raises(ValidationError):
        letter_decide(
            campaign=campaign, letter_id=second.pk, approve=False, reason="", actor=operator_user
        )
    letter_decide(
        campaign=campaign, letter_id=second.pk, approve=True, reason="", actor=operator_user
    )
    assert CommitmentLetter.objects.get(pk=second.pk).status == LetterStatus.VALIDATED
    assert AuditEntry.objects.filter(action="attendees.letter_uploaded").count() == 2


def test_letter_files_are_private(
    client, campaign, association, referent_user, other_referent_user, operator_user, accept
):
    accept(association, size=2)
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    portal_url = f"/association/beneficiaires/{campaign.slug}/courrier/{letter.pk}/fichier/"
    client.force_login(referent_user)
    response = client.get(portal_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        response["Cache-Control"] == "private, no-store"
        and "attachment" in response["Content-Disposition"]
    )
    client.force_login(other_referent_user)
    assert client.get(portal_url).status_code == 404
    client.force_login(operator_user)
    assert (
        client.get(
            f"/gestion/campagnes/{campaign.slug}/beneficiaires/courriers/{letter.pk}/fichier/"
        ).status_code
        == 200
    )
    assert client.get(f"/media/{letter.file.name}").status_code == 404
