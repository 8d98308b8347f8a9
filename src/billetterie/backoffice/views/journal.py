"""Back-office page of a campaign's audit log."""

from django.shortcuts import render

from billetterie.backoffice.forms.journal import AuditFilterForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import paginate
from billetterie.core.audit import action_label, details_display
from billetterie.core.selectors import audit_entries_for_campaign


@operator_required
def audit_log(request, campaign_slug):
    campaign = request.campaign
    action = AuditFilterForm(request.GET).action_or_none()
    page, _query = paginate(
        request, audit_entries_for_campaign(campaign_id=campaign.pk, action=action)
    )
    for entry in page:
        entry.action_label = action_label(entry.action)
        entry.details_display = details_display(entry.details)
    return render(request, "backoffice/audit_log.html", {"campaign": campaign, "page": page})
