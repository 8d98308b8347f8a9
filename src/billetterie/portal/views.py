"""Portal pages for a referent: their association's applications and their status."""

from itertools import groupby

from django.shortcuts import render

from billetterie.core import clock
from billetterie.offers.models import OfferStatus
from billetterie.offers.selectors import offers_of_association
from billetterie.portal.permissions import referent_required
from billetterie.requests.selectors import applications_of_association


@referent_required
def home(request):
    association = request.association
    applications = list(applications_of_association(association=association))
    by_campaign = [
        {"campaign": campaign, "applications": list(apps)}
        for campaign, apps in groupby(applications, key=lambda a: a.campaign)
    ]
    pending = [
        o for o in offers_of_association(association=association) if o.status == OfferStatus.PENDING
    ]
    context = {
        "pending_offers": len(pending),
        "next_deadline": min((o.expires_at for o in pending), default=None),
        "association": association,
        "by_campaign": by_campaign,
        "today": clock.today(),
    }
    return render(request, "portal/home.html", context)
