"""Portal page « Pourquoi ces lots ? »: the association's own explanation, and its PDF."""

from django.shortcuts import render

from billetterie.core.web import private_file_response
from billetterie.portal.permissions import referent_required
from billetterie.reporting.explanation import association_explanation
from billetterie.reporting.explanation_pdf import explanation_pdf


@referent_required
def explanation(request, campaign_slug):
    campaign = request.campaign
    context = {
        "campaign": campaign,
        "explanation": association_explanation(campaign=campaign, association=request.association),
    }
    return render(request, "portal/explanation.html", context)


@referent_required
def explanation_pdf_view(request, campaign_slug):
    campaign = request.campaign
    content = explanation_pdf(
        association_explanation(campaign=campaign, association=request.association)
    )
    return private_file_response(
        content, content_type="application/pdf", filename=f"pourquoi-ces-lots-{campaign.slug}.pdf"
    )
