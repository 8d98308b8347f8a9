"""The « Graphiques » page of a campaign: the charts and the map, drawn on the server (SVG)."""

from django.shortcuts import render
from django.utils.safestring import mark_safe

from billetterie.backoffice.permissions import operator_required
from billetterie.reporting.chart_data import campaign_charts


@operator_required
def charts_view(request, campaign_slug):
    campaign = request.campaign
    charts = [
        # The builders escape every text they draw: their markup is safe as it is.
        {"chart": chart, "html": mark_safe(chart.html())}  # noqa: S308
        for chart in campaign_charts(campaign=campaign)
    ]
    return render(
        request, "backoffice/reporting/charts.html", {"campaign": campaign, "charts": charts}
    )
