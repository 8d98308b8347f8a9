"""« Remise des billets »: the referent sees where each of their groups stands — download links,
the leader's link sent, opened, tickets collected — for their own association only, never the link."""

from django.shortcuts import render

from billetterie.core import clock
from billetterie.delivery.leaders import group_deliveries, unconfirmed_soon
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_delivery(request, campaign_slug):
    campaign = request.campaign
    rows = group_deliveries(campaign=campaign, association=request.association)
    soon = {r.group.pk for r in unconfirmed_soon(rows, today=clock.today())}
    context = {"campaign": campaign, "rows": rows, "soon": soon}
    return render(request, "portal/attendees/delivery.html", context)
