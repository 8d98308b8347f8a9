"""The report for the funder (PDF and XLSX): tickets distributed and used, by Games, host city,
type of association and mainland or overseas. Counts only: no name of a person, no e-mail, no
birth date, no association named either (an association of one youth could be recognised).

- distributed: the tickets of the accepted offers (the packs the associations hold now);
- used: the youth and supervisors the referents reported present on the day;
- type of association: the directory records whether an association is a member of the operator
  (« adhérente » or not) and its request gives its size class (« petite » when its request is at
  most the low median, the definition of the dashboard and of the allocation's metrics); it has no
  other type field;
- overseas: an association whose postal code starts with 97 or 98.
"""

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db.models import F, Sum
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from billetterie.attendees.letter_pdf import ascii_fallback
from billetterie.core.audit import audit_log
from billetterie.core.exports import neutralise
from billetterie.core.plural import plural
from billetterie.core.usecase import Actor, use_case
from billetterie.delivery.models import AttendanceReport
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting.dashboard import requests_and_received, small_threshold

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
HEADERS = [
    "",
    "Associations servies",
    "Billets distribués",
    "Billets utilisés",
    "Taux d'utilisation",
]
METHOD = (
    "Billets distribués : billets des lots acceptés par les associations à la date du bilan. "
    "Billets utilisés : jeunes et encadrants présents le jour de l'épreuve, tels que les "
    "associations les ont déclarés ; une épreuve passée sans déclaration ne compte aucun billet "
    "utilisé. Taux d'utilisation : billets utilisés ÷ billets distribués. Une association est "
    "« petite » quand sa demande (tous Jeux confondus) est au plus la médiane des demandes ; "
    "« outre-mer » quand son code postal commence par 97 ou 98. Le bilan ne contient aucune "
    "donnée personnelle : seulement des nombres, sans nom de personne ni d'association."
)


def is_overseas(postal_code: str) -> bool:
    return postal_code[:2] in ("97", "98")


@dataclass
class Line:
    label: str
    associations: int
    distributed: int
    used: int

    @property
    def rate(self) -> str:
        return f"{round(100 * self.used / self.distributed)} %" if self.distributed else "—"

    def cells(self) -> list:
        return [self.label, self.associations, self.distributed, self.used, self.rate]


@dataclass
class FunderReport:
    campaign_name: str
    operator_name: str
    made_on: dt.date
    period: str
    sections: list[tuple[str, list[Line]]]
    total: Line


def funder_report(*, campaign, today: dt.date) -> FunderReport:
    """The report's tables (4 queries whatever the number of associations)."""
    requested, _received, _names = requests_and_received(campaign)
    per_association: dict[int, int] = defaultdict(int)
    for (association_id, _code), asked in requested.items():
        per_association[association_id] += asked
    threshold = small_threshold(list(per_association.values()))

    def kinds(association_id: int, is_member: bool, postal_code: str) -> dict[str, str]:
        asked = per_association.get(association_id, 0)
        return {
            "member": "Associations adhérentes" if is_member else "Associations non adhérentes",
            "size": "Petites associations" if 0 < asked <= threshold else "Autres associations",
            "where": "Outre-mer" if is_overseas(postal_code) else "France métropolitaine",
        }

    cells: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"associations": set(), "distributed": 0, "used": 0}
    )

    def add(row, measure: str, n: int) -> None:
        k = kinds(row["association_id"], row["is_member"], row["postal_code"])
        for section, value in (
            ("games", row["games"]),
            ("city", row["city"]),
            ("member", k["member"]),
            ("size", k["size"]),
            ("where", k["where"]),
            ("total", "Toute la campagne"),
        ):
            cell = cells[(section, value)]
            cell[measure] += n
            if measure == "distributed" and n:
                cell["associations"].add(row["association_id"])

    for row in (
        Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED)
        .order_by()
        .values(
            "association_id",
            is_member=F("association__is_member"),
            postal_code=F("association__postal_code"),
            games=F("pack__session__games__name"),
            city=F("pack__session__venue__host_city__name"),
        )
        .annotate(n=Sum("pack__size"))
    ):
        add(row, "distributed", row["n"] or 0)
    for row in (
        AttendanceReport.objects.filter(campaign=campaign)
        .order_by()
        .values(
            "association_id",
            is_member=F("association__is_member"),
            postal_code=F("association__postal_code"),
            games=F("group__session__games__name"),
            city=F("group__session__venue__host_city__name"),
        )
        .annotate(n=Sum(F("youth_present") + F("supervisors_present")))
    ):
        add(row, "used", row["n"] or 0)

    def lines(section: str) -> list[Line]:
        return [
            Line(value, len(c["associations"]), c["distributed"], c["used"])
            for (s, value), c in sorted(cells.items())
            if s == section
        ]

    total = lines("total") or [Line("Toute la campagne", 0, 0, 0)]
    opens, closes = campaign.call_opens_on, campaign.call_closes_on
    period = (
        f"Appel à candidatures du {opens:%d/%m/%Y} au {closes:%d/%m/%Y}"
        if opens and closes
        else "Dates de l'appel à candidatures non renseignées"
    )
    return FunderReport(
        campaign_name=campaign.name,
        operator_name=campaign.operator.name,
        made_on=today,
        period=period,
        sections=[
            ("Par Jeux", lines("games")),
            ("Par ville hôte", lines("city")),
            ("Par type d'association (adhésion)", lines("member")),
            ("Par taille de la demande", lines("size")),
            ("France métropolitaine et outre-mer", lines("where")),
        ],
        total=total[0],
    )


def funder_xlsx(report: FunderReport) -> bytes:
    """One sheet per table, plus a first sheet with the campaign, the date and the method; every
    text formula-safe."""
    book = Workbook()
    first = book.active
    first.title = "Bilan"
    for line in (
        [f"Bilan pour le financeur — {report.campaign_name}"],
        [f"Opérateur : {report.operator_name}"],
        [report.period],
        [f"Établi le {report.made_on:%d/%m/%Y}"],
        [],
        HEADERS,
        report.total.cells(),
        [],
        ["Méthode"],
        [METHOD],
    ):
        _append(first, line)
    first["A1"].font = Font(bold=True, size=14)
    for title, lines in report.sections:
        sheet = book.create_sheet(_sheet_title(title))
        _append(sheet, [title])
        sheet["A1"].font = Font(bold=True)
        _append(sheet, HEADERS)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for line in lines:
            _append(sheet, line.cells())
        _append(sheet, report.total.cells())
        sheet.column_dimensions["A"].width = 36
        for column in "BCDE":
            sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    return "".join(c for c in title if c not in "[]:*?/\\")[:31]


def _append(sheet, values: list) -> None:
    sheet.append([neutralise(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def funder_pdf(report: FunderReport, font_dir: Path | None = None) -> bytes:
    """A title page (campaign, operator, dates), the tables, then the method."""
    pdf = FPDF(format="A4")
    pdf.set_title(f"Bilan pour le financeur — {report.campaign_name}")
    pdf.set_author(report.operator_name)
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    font_dir = font_dir or FONT_DIR
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family, t = "DejaVu", (lambda s: s)
    else:
        family, t = "Helvetica", ascii_fallback

    pdf.add_page()
    pdf.ln(50)
    pdf.set_font(family, "B", 22)
    pdf.multi_cell(0, 11, t("Bilan pour le financeur"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "B", 15)
    pdf.multi_cell(0, 8, t(report.campaign_name), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, "", 11)
    for text in (
        f"Opérateur : {report.operator_name}",
        report.period,
        f"Établi le {report.made_on:%d/%m/%Y}",
        "",
        f"{plural(report.total.distributed, 'billet')} "
        f"distribué{'s' if report.total.distributed > 1 else ''} à "
        f"{plural(report.total.associations, 'association')}, {report.total.used} "
        f"utilisé{'s' if report.total.used > 1 else ''} ({report.total.rate}).",
    ):
        pdf.multi_cell(0, 6, t(text), new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    widths = (62, 27, 27, 27, 27)
    for title, lines in report.sections:
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(0, 8, t(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        with pdf.table(
            col_widths=widths,
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            first_row_as_headings=True,
        ) as table:
            for values in (HEADERS, *[line.cells() for line in lines], report.total.cells()):
                row = table.row()
                for value in values:
                    row.cell(t(str(value)))
        pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(0, 8, t("Méthode"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 5.5, t(METHOD), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def funder_report_file(*, campaign, today: dt.date, file_format: str, actor: Actor) -> bytes:
    """The report as PDF or XLSX; the download is journaled (which format, the totals)."""
    report = funder_report(campaign=campaign, today=today)
    content = funder_pdf(report) if file_format == "pdf" else funder_xlsx(report)
    with use_case():
        audit_log(
            action="reporting.funder_report_downloaded",
            actor=actor,
            campaign_id=campaign.pk,
            details={
                "type": file_format,
                "tickets_distributed": report.total.distributed,
                "tickets_used": report.total.used,
            },
        )
    return content
