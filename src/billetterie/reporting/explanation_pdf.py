"""The association's explanation as a PDF: the same words as the page (see `explanation`)."""

from pathlib import Path

from billetterie.attendees.letter_pdf import FONT_DIR, a4_pdf
from billetterie.reporting.explanation import Explanation


def explanation_pdf(explanation: Explanation, *, font_dir: Path | None = None) -> bytes:
    e = explanation
    pdf, family, t = a4_pdf(
        title=f"Pourquoi ces lots ? — {e.association}",
        author=e.operator,
        font_dir=font_dir or FONT_DIR,
    )

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
