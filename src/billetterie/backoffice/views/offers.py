"""Back-office pages for offers: a campaign's offers by status and association, deadline extension."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.offers import OfferExtendForm, OfferFilterForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import paginate
from billetterie.campaigns.selectors import campaign_games_of
from billetterie.core import clock
from billetterie.core.web import form_add_errors
from billetterie.inventory.selectors import host_cities_of_packs
from billetterie.offers.boards import offer_counts, offer_of_campaign, offers_of_campaign
from billetterie.offers.models import OfferStatus
from billetterie.offers.selectors import associations_with_offers
from billetterie.offers.services import offer_extend
from billetterie.reporting.dashboard import due_filter, offers_tickets


@operator_required
def offers(request, campaign_slug):
    campaign = request.campaign
    form = OfferFilterForm(
        request.GET or None,
        associations=associations_with_offers(campaign=campaign),
        games=campaign_games_of(campaign=campaign),
        cities=host_cities_of_packs(campaign=campaign),
    )
    now = clock.now()
    selection = offers_of_campaign(campaign=campaign, **form.filters())
    if form.due_window():
        selection = selection.filter(status=OfferStatus.PENDING).filter(
            due_filter(form.due_window(), now)
        )
    page, query = paginate(request, selection)
    context = {
        "campaign": campaign,
        "form": form,
        "counts": offer_counts(campaign=campaign),
        "page": page,
        "query": query,
        "tickets": offers_tickets(selection),
        "now": now,
        "pending": OfferStatus.PENDING,
    }
    return render(request, "backoffice/offers.html", context)


@operator_required
def offer_extend_view(request, campaign_slug, offer_id: int):
    campaign = request.campaign
    offer = offer_of_campaign(campaign=campaign, offer_id=offer_id)
    form = OfferExtendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = offer_extend(
                offer_id=offer.pk,
                campaign=campaign,
                new_deadline=form.cleaned_data["new_deadline"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            reference = offer.pack.reference
            if outcome.changed:
                messages.success(
                    request, f"L'échéance du lot {reference} ({offer.association}) est prolongée."
                )
            else:
                messages.info(request, f"Le lot {reference} avait déjà cette échéance.")
            return redirect("backoffice:offers", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "offer": offer, "form": form}
    return render(request, "backoffice/offer_extend.html", context)
