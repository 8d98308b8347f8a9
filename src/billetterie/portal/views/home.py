"""The portal's front page: the association's applications by campaign, the offers to answer."""

from itertools import groupby

from django.shortcuts import render

from billetterie.core import clock
from billetterie.offers.selectors import offers_to_answer_summary
from billetterie.portal.permissions import referent_required
from billetterie.reporting.explanation import explanation_campaigns
from billetterie.requests.selectors import applications_of_association


@referent_required
def home(request):
    association = request.association
    applications = list(applications_of_association(association=association))
    by_campaign = [
        {"campaign": campaign, "applications": list(apps)}
        for campaign, apps in groupby(applications, key=lambda a: a.campaign)
    ]
    to_answer = offers_to_answer_summary(association=association, now=clock.now())
    context = {
        "pending_offers": to_answer["count"],
        "next_deadline": to_answer["next_deadline"],
        "association": association,
        "by_campaign": by_campaign,
        "explained_campaign_ids": {c.pk for c in explanation_campaigns(association=association)},
        "today": clock.today(),
    }
    return render(request, "portal/home.html", context)
