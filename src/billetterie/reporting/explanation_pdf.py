"""The association's explanation as a PDF: the same words as the page (see `explanation`)."""

from pathlib import Path

from fpdf import FPDF

from billetterie.attendees.letter_pdf import FONT_DIR, ascii_fallback
from billetterie.reporting.explanation import Explanation


def _font(pdf: FPDF, font_dir: Path) -> tuple[str, bool]:
    """DejaVu (Debian's fonts-dejavu-core) when present, else core Helvetica, transliterated."""
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", True
    return "Helvetica", False


def explanation_pdf(explanation: Explanation, *, font_dir: Path | None = None) -> bytes:
    e = explanation
    pdf = FPDF(format="A4")
    pdf.set_title(f"Pourquoi ces lots ? — {e.association}")
    pdf.set_author(e.operator)
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    family, unicode_ok = _font(pdf, font_dir or FONT_DIR)
    t = (lambda s: s) if unicode_ok else ascii_fallback
    pdf.add_page()

    def heading(text: str, size: float = 12) -> None:
        pdf.ln(2)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, 6.5, t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)

    def para(text: str) -> None:
        if text:
            pdf.multi_cell(0, 5.2, t(text), new_x="LMARGIN", new_y="NEXT")

    def bullets(items: list[str]) -> None:
        for item in items:
            para(f"- {item}")

    heading(f"Pourquoi ces lots ? — {e.association}", 15)
    para(f"{e.campaign} — opérateur : {e.operator}")
    heading("La règle de répartition")
    para(e.rule)
    heading("La part du programme et celle de l'équipe")
    bullets(e.automation)
    for wave in e.waves:
        heading(wave.title, 13)
        para(wave.published_on)
        heading("Votre demande", 11)
        bullets(wave.request)
        heading("Ce qui s'appliquait à vous", 11)
        bullets([*wave.tier, wave.weight])
        if wave.cities:
            para("Vos villes :")
            bullets(wave.cities)
        para(wave.impossible)
        heading("Les lots en jeu", 11)
        bullets(wave.pool)
        heading("Ce que vous avez reçu", 11)
        para(wave.received[0])
        bullets(wave.received[1:])
        if wave.why_not_more:
            heading("Pourquoi pas davantage", 11)
            bullets(wave.why_not_more)
        if wave.manual:
            heading("Ajustements manuels", 11)
            bullets(wave.manual)
    heading("D'où viennent les données")
    bullets(e.sources)
    heading("Vos droits")
    para(e.law)
    return bytes(pdf.output())
