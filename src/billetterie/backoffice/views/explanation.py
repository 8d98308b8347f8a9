"""Back-office view of an association's explanation: the page and PDF its referent sees."""

from django.shortcuts import render

from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import private_file_response
from billetterie.members.selectors import association_of_operator
from billetterie.reporting.explanation import association_explanation, explanation_opened
from billetterie.reporting.explanation_pdf import explanation_pdf


@operator_required
def association_explanation_view(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_operator(operator=campaign.operator, association_id=association_id)
    explanation = association_explanation(campaign=campaign, association=association)
    explanation_opened(
        campaign=campaign, association=association, actor=request.user, file_format="page"
    )
    context = {"campaign": campaign, "association": association, "explanation": explanation}
    return render(request, "backoffice/association_explanation.html", context)


@operator_required
def association_explanation_pdf(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_operator(operator=campaign.operator, association_id=association_id)
    content = explanation_pdf(association_explanation(campaign=campaign, association=association))
    explanation_opened(
        campaign=campaign, association=association, actor=request.user, file_format="pdf"
    )
    return private_file_response(
        content,
        content_type="application/pdf",
        filename=f"pourquoi-ces-lots-{campaign.slug}-{association.pk}.pdf",
    )
