"""Back-office « Tableau de bord » of a campaign (every figure a link to the list it counts) and
the report for the funder (PDF or XLSX, audited)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.dashboard import FunderReportForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core import clock
from billetterie.core.web import XLSX, private_file_response
from billetterie.reporting.chart_data import dashboard_charts
from billetterie.reporting.dashboard import TICKET_STATUSES, Figure, campaign_dashboard
from billetterie.reporting.funder import funder_report_file

PDF = "application/pdf"

# The back-office lists that show exactly the rows of a figure, with the filters each understands
# (the export of the same filters gives the same count: a test checks it). Any other figure links
# to the « Exports » page with its list and filters chosen (?kind=<list>&<filters>).
PAGES = {
    "packs": ("backoffice:packs", {"games", "status", "city"}),
    "offers": ("backoffice:offers", {"games", "status", "city", "due"}),
    # Where the operator acts on the figure's rows (a figure's `page`).
    "attendees": ("backoffice:attendees", {"#"}),
    "contest_results": ("backoffice:contest_results", set()),
    "lodging": ("backoffice:lodging", set()),
    "lodging_needs": ("backoffice:lodging_needs", set()),
    "lodging_hosts": ("backoffice:lodging_hosts", set()),
}
EXPORT_URL = "backoffice:exports"


def figure_url(campaign, figure: Figure) -> str | None:
    """The address of the list a figure counts (None for a state that counts nothing)."""
    name, filters = figure.page or figure.target or (None, {})
    if name is None:
        return None
    query = {k: v for k, v in filters.items() if k != "#"}
    anchor = f"#{filters['#']}" if "#" in filters else ""
    page = PAGES.get(name)
    slug = {"campaign_slug": campaign.slug}
    try:
        if page is not None and set(filters) <= page[1]:
            url = reverse(page[0], kwargs=slug)
        else:
            url = reverse(EXPORT_URL, kwargs=slug)
            query = {"kind": name, **query}
            anchor = "#liste-choisie"
    except NoReverseMatch:
        return None
    return url + (f"?{urlencode(query)}" if query else "") + anchor


def _linked(campaign, figures: list[Figure]) -> list[dict]:
    return [{"figure": f, "url": figure_url(campaign, f)} for f in figures]


@operator_required
def dashboard(request, campaign_slug):
    campaign = request.campaign
    board = campaign_dashboard(campaign=campaign, now=clock.now())
    context = {
        "campaign": campaign,
        "board": board,
        "ticket_tables": [
            ("par Jeux", "Jeux", [(r, _linked(campaign, r.figures())) for r in board.by_games]),
            (
                "par ville hôte",
                "Ville hôte",
                [(r, _linked(campaign, r.figures())) for r in board.by_city],
            ),
        ],
        "totals": _linked(campaign, board.totals.figures()),
        "satisfaction": [
            {
                **row,
                "links": _linked(campaign, row["figures"]),
                "applicants": _linked(campaign, [row["applicants_figure"]])[0],
                "served": _linked(campaign, [row["served_figure"]])[0],
            }
            for row in board.satisfaction
        ],
        "small": {
            **board.small,
            "links": _linked(
                campaign,
                [board.small["associations"], board.small["tickets"], board.small["all_tickets"]],
            ),
        },
        "due": _linked(campaign, board.due),
        "nominative": [
            {
                **row,
                "named_link": _linked(campaign, [row["named"]])[0],
                "submitted_link": _linked(campaign, [row["submitted"]])[0],
            }
            for row in board.nominative
        ],
        "waiting": _linked(campaign, board.waiting),
        "delivery": _linked(campaign, board.delivery),
        "contest": _linked(campaign, board.contest) if board.contest is not None else None,
        "lodging": _linked(campaign, board.lodging) if board.lodging is not None else None,
        "status_words": [words for _s, words in TICKET_STATUSES],
        # The builders escape every text they draw: their markup is safe as it is.
        "charts": {
            c.chart_id.replace("-", "_"): {"chart": c, "html": mark_safe(c.html())}  # noqa: S308
            for c in dashboard_charts(board)
        },
        "funder_form": FunderReportForm(),
    }
    return render(request, "backoffice/dashboard.html", context)


@operator_required
@require_POST
def funder_report_view(request, campaign_slug):
    campaign = request.campaign
    file_format = FunderReportForm(request.POST).file_format()
    content = funder_report_file(
        campaign=campaign, today=clock.today(), file_format=file_format, actor=request.user
    )
    return private_file_response(
        content,
        content_type=PDF if file_format == "pdf" else XLSX,
        filename=f"bilan-financeur-{campaign.slug}.{file_format}",
    )
