"""Back-office page of a campaign's audit log."""

from django.core.paginator import Paginator
from django.shortcuts import render

from billetterie.backoffice.permissions import operator_required
from billetterie.core.audit import action_label, details_display
from billetterie.core.selectors import audit_entries_for_campaign


@operator_required
def audit_log(request, campaign_slug):
    campaign = request.campaign
    entries = audit_entries_for_campaign(
        campaign_id=campaign.pk, action=request.GET.get("action") or None
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = action_label(entry.action)
        entry.details_display = details_display(entry.details)
    return render(request, "backoffice/audit_log.html", {"campaign": campaign, "page": page})
