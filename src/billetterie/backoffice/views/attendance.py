"""Back-office pages of what happened on the day: attendance per group and per association (with
its export), and the reliability of each association, with its formula."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.attendance import AttendanceExportForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core import clock
from billetterie.core.web import XLSX, private_file_response
from billetterie.delivery.attendance import attendance_board, attendance_export
from billetterie.delivery.reliability import (
    FORMULA,
    FORMULA_EXPLAINED,
    campaign_reliability,
)

CSV = "text/csv; charset=utf-8"


@operator_required
def attendance_board_view(request, campaign_slug):
    campaign = request.campaign
    context = {
        "campaign": campaign,
        "board": attendance_board(campaign=campaign, today=clock.today()),
    }
    return render(request, "backoffice/delivery/attendance.html", context)


@operator_required
@require_POST
def attendance_export_view(request, campaign_slug):
    campaign = request.campaign
    form = AttendanceExportForm(request.POST)
    file_format = form.file_format()
    content = attendance_export(
        campaign=campaign, today=clock.today(), file_format=file_format, actor=request.user
    )
    return private_file_response(
        content,
        content_type=CSV if file_format == "csv" else XLSX,
        filename=f"presence-{campaign.slug}.{file_format}",
    )


@operator_required
def reliability_view(request, campaign_slug):
    campaign = request.campaign
    context = {
        "campaign": campaign,
        "rows": campaign_reliability(campaign=campaign, today=clock.today()),
        "formula": FORMULA,
        "formula_explained": FORMULA_EXPLAINED,
    }
    return render(request, "backoffice/delivery/reliability.html", context)
