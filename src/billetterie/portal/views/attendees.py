"""Portal pages for named attendees: the campaigns with accepted packs, a campaign's overview."""

from django.shortcuts import redirect, render

from billetterie.attendees.selectors.association import campaigns_with_accepted_packs
from billetterie.attendees.selectors.boards import attendees_board
from billetterie.core import clock
from billetterie.portal.permissions import attendees_referent_required, referent_required


@referent_required
def attendees(request):
    campaigns = list(campaigns_with_accepted_packs(association=request.association))
    if len(campaigns) == 1:
        return redirect("portal:attendees_campaign", campaign_slug=campaigns[0].slug)
    return render(request, "portal/attendees/index.html", {"campaigns": campaigns})


@attendees_referent_required
def attendees_campaign(request, campaign_slug):
    campaign = request.campaign
    today = clock.today()
    board = attendees_board(campaign=campaign, association=request.association, today=today)
    context = {
        "campaign": campaign,
        "association": request.association,
        # Past the retention date the people are anonymised: checking the rules on them would
        # only list leaders "without a mobile" and ask for fixes nobody should make.
        "retention_over": campaign.retention_until is not None and campaign.retention_until < today,
        **board,
    }
    return render(request, "portal/attendees/campaign.html", context)
