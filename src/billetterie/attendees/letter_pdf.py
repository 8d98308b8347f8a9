"""The commitment letter and charter as a PDF, pre-filled with the association and its packs."""

import unicodedata
from pathlib import Path

from fpdf import FPDF

from billetterie.attendees.selectors.association import accepted_packs
from billetterie.core.plural import plural
from billetterie.offers.conditions import conditions_of_use

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CHARTER = [
    "n'utiliser les billets qu'au bénéfice des jeunes suivis ou accueillis et de leurs encadrants",
    "ne tirer aucun avantage personnel des billets, ni pour soi ni pour ses proches "
    "(conflit d'intérêts)",
    "ne jamais vendre, échanger ni céder un billet (atteinte à la probité)",
    "signaler sans délai à l'opérateur tout billet qui ne pourra pas être utilisé",
    "informer l'opérateur de tout changement de bénéficiaire, qu'il effectue lui-même",
]


def charter_points() -> list[str]:
    return list(CHARTER)


def ascii_fallback(text: str) -> str:
    """For the core Helvetica font (Latin-1 only): keep accents Latin-1 has, transliterate others."""
    out = []
    for char in text:
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(
                {"’": "'", "—": "-", "–": "-", "…": "...", "œ": "oe", "Œ": "OE"}.get(char, plain)
            )
    return "".join(out)


def letter_lines(*, campaign, association) -> dict:
    """What the letter says, as data (the PDF and the tests read the same words)."""
    packs = list(accepted_packs(campaign=campaign, association=association))
    return {
        "title": "Courrier d'engagement moral",
        "association": association.name,
        "campaign": campaign.name,
        "operator": campaign.operator.name,
        "packs": [
            f"Lot {p.reference} — {p.session.games} — {p.session.event_name}, "
            f"{p.session.date:%d/%m/%Y}, {p.session.venue.name} ({p.session.venue.host_city.name})"
            f" — {p.size} billet{'s' if p.size > 1 else ''}"
            for p in packs
        ],
        "tickets": sum(p.size for p in packs),
        "conditions": conditions_of_use(campaign=campaign),
        "charter": charter_points(),
    }


def _font(pdf: FPDF, font_dir: Path) -> tuple[str, bool]:
    """DejaVu (Debian's fonts-dejavu-core) when present, else core Helvetica, transliterated."""
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", True
    return "Helvetica", False


def letter_pdf(*, campaign, association, font_dir: Path | None = None) -> bytes:
    """The PDF to print, have signed by the general management, scan and upload."""
    lines = letter_lines(campaign=campaign, association=association)
    return _render(lines, font_dir or FONT_DIR)


def a4_pdf(*, title: str, author: str, font_dir: Path):
    """A new A4 document with the platform's margins and font, on its first page: the document,
    the font family, and the function that makes a text printable in that font."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    family, unicode_ok = _font(pdf, font_dir)
    pdf.add_page()
    return pdf, family, (lambda s: s) if unicode_ok else ascii_fallback


def _render(lines: dict, font_dir: Path) -> bytes:
    pdf, family, t = a4_pdf(title=lines["title"], author=lines["operator"], font_dir=font_dir)

    def heading(text: str, size: int = 12) -> None:
        pdf.ln(3)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, 7, t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10.5)

    def para(text: str) -> None:
        pdf.multi_cell(0, 5.5, t(text), new_x="LMARGIN", new_y="NEXT")

    def bullets(items: list[str]) -> None:
        for item in items:
            pdf.multi_cell(0, 5.5, t(f"- {item}"), new_x="LMARGIN", new_y="NEXT")

    heading(f"{lines['title']} et charte d'utilisation des billets", 15)
    para(f"{lines['campaign']} — opérateur : {lines['operator']}")
    heading("L'association")
    para(
        f"{lines['association']}, représentée par sa direction générale, s'engage à honorer les "
        f"{plural(lines['tickets'], 'billet')} des lots ci-dessous, acceptés sur la plateforme, et à se "
        "présenter aux épreuves avec les jeunes et les encadrants nommés."
    )
    heading("Lots acceptés")
    bullets(lines["packs"] or ["aucun lot accepté à ce jour"])
    heading("Conditions d'utilisation")
    bullets(lines["conditions"])
    heading("Charte d'utilisation des billets")
    bullets(lines["charter"])
    heading("Signature de la direction générale")
    para("Nom et qualité du signataire : ........................................................")
    para("Fait à ........................................, le ....... / ....... / ...............")
    pdf.ln(4)
    para("Signature et cachet de l'association :")
    pdf.ln(28)
    para(
        "À déposer signé (PDF, JPEG ou PNG, 5 Mo au plus) sur la plateforme, rubrique "
        "« Courrier d'engagement moral »."
    )
    return bytes(pdf.output())
