"""Portal « Hébergement » pages: an association far from the venues declares its stays to lodge;
a host (member or not) offers places; both answer the proposals the operator publishes, and see
each other's contact details only once both accepted (`lodging.selectors.portal.proposal_view`)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from billetterie.core.web import form_service_call
from billetterie.lodging.models import LIVE, PlacementStatus
from billetterie.lodging.nights import stay_words
from billetterie.lodging.selectors.portal import (
    GUEST,
    HOST,
    allowed_nights,
    host_offer_of,
    host_offers_with_beds,
    lodging_campaigns_of,
    need_of,
    needs_of,
    offer_periods,
    placement_of,
    placement_side,
    proposal_view,
    proposals_of,
)
from billetterie.lodging.selectors.settings import lodging_settings_of
from billetterie.lodging.selectors.travel import association_travel
from billetterie.lodging.services.agreement import placement_answer
from billetterie.lodging.services.needs import need_create, need_update, need_withdraw
from billetterie.lodging.services.offers import (
    host_offer_create,
    host_offer_update,
    host_offer_withdraw,
)
from billetterie.lodging.travel import format_minutes
from billetterie.portal.forms.lodging import (
    ConfirmForm,
    HostOfferForm,
    NeedForm,
    PlacementAnswerForm,
)
from billetterie.portal.permissions import referent_required


def lodging_required(view):
    """A referent, on a campaign of theirs where lodging is open (else 404)."""

    @wraps(view)
    def with_settings(request, *args, **kwargs):
        request.lodging_settings = lodging_settings_of(request.campaign)
        if request.lodging_settings is None:
            raise Http404("L'hébergement n'est pas ouvert pour cette campagne.")
        return view(request, *args, **kwargs)

    return referent_required(with_settings)


def _home(campaign):
    return redirect("portal:lodging_campaign", campaign_slug=campaign.slug)


def _contact_initial(user) -> dict:
    return {
        "contact_name": user.get_full_name(),
        "contact_phone": user.phone,
        "contact_email": user.email,
    }


@referent_required
def lodging(request):
    """The nav's « Hébergement »: the campaign's page, or the list when there are several."""
    campaigns = list(lodging_campaigns_of(association=request.association).order_by("-pk"))
    if len(campaigns) == 1:
        return _home(campaigns[0])
    return render(request, "portal/lodging/index.html", {"campaigns": campaigns})


@lodging_required
def lodging_campaign(request, campaign_slug):
    campaign, association = request.campaign, request.association
    needs = list(needs_of(campaign=campaign, association=association))
    offers = host_offers_with_beds(campaign=campaign, association=association)
    context = {
        "campaign": campaign,
        "settings": request.lodging_settings,
        "threshold_words": format_minutes(request.lodging_settings.threshold_minutes),
        "allowed": allowed_nights(campaign=campaign, association=association),
        "needs": [(need, stay_words(need.first_night, need.last_night)) for need in needs],
        "offers": offers,
        "travel": association_travel(campaign=campaign, association=association),
        "guest_proposals": proposals_of(campaign=campaign, association=association, side=GUEST),
        "host_proposals": proposals_of(campaign=campaign, association=association, side=HOST),
    }
    return render(request, "portal/lodging/campaign.html", context)


@lodging_required
def lodging_practical(request, campaign_slug):
    return render(
        request,
        "portal/lodging/practical.html",
        {"campaign": request.campaign, "settings": request.lodging_settings},
    )


def _need_page(request, *, form, need=None, live=None):
    return render(
        request,
        "portal/lodging/need_form.html",
        {"campaign": request.campaign, "form": form, "need": need, "live": live},
    )


@lodging_required
def lodging_need_new(request, campaign_slug):
    campaign, association = request.campaign, request.association
    allowed = allowed_nights(campaign=campaign, association=association)
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        allowed=allowed,
        initial=_contact_initial(request.user) | {"wheelchair_users": 0},
    )
    if form_service_call(
        request,
        form,
        lambda: need_create(
            campaign=campaign,
            association=association,
            nights=form.cleaned_data["nights"],
            fields=form.service_fields(),
            actor=request.user,
        ),
    ):
        messages.success(request, "Votre séjour à héberger est déclaré.")
        return _home(campaign)
    return _need_page(request, form=form)


@lodging_required
def lodging_need(request, campaign_slug, need_id: int):
    campaign, association = request.campaign, request.association
    need = need_of(campaign=campaign, association=association, need_id=need_id)
    allowed = allowed_nights(campaign=campaign, association=association)
    initial = {name: getattr(need, name) for name in NeedForm.base_fields if name != "nights"}
    initial |= {
        "contact_name": need.contact_name,
        "contact_phone": need.contact_phone,
        "contact_email": need.contact_email,
        "nights": [
            n.night.isoformat() for n in allowed if need.first_night <= n.night <= need.last_night
        ],
    }
    form = NeedForm(
        request.POST if request.method == "POST" else None, allowed=allowed, initial=initial
    )
    outcome = []
    if form_service_call(
        request,
        form,
        lambda: outcome.append(
            need_update(
                campaign=campaign,
                association=association,
                need_id=need.pk,
                nights=form.cleaned_data["nights"],
                fields=form.service_fields(),
                actor=request.user,
            )
        ),
    ):
        if outcome[0].changed:
            messages.success(request, "Le séjour est modifié.")
        else:
            messages.info(request, "Rien n'a changé.")
        return _home(campaign)
    live = need.live_placements[0] if need.live_placements else None
    return _need_page(request, form=form, need=need, live=live)


@lodging_required
def lodging_need_withdraw(request, campaign_slug, need_id: int):
    campaign, association = request.campaign, request.association
    need = need_of(campaign=campaign, association=association, need_id=need_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if form_service_call(
        request,
        form,
        lambda: need_withdraw(
            campaign=campaign, association=association, need_id=need.pk, actor=request.user
        ),
    ):
        messages.success(request, "Le séjour est retiré.")
        return _home(campaign)
    live = need.live_placements[0] if need.live_placements else None
    return render(
        request,
        "portal/lodging/need_withdraw.html",
        {
            "campaign": campaign,
            "need": need,
            "stay": stay_words(need.first_night, need.last_night),
            "live": live,
            "form": form,
        },
    )


def _offer_page(request, *, form, offer=None):
    return render(
        request,
        "portal/lodging/offer_form.html",
        {"campaign": request.campaign, "form": form, "offer": offer},
    )


@lodging_required
def lodging_offer_new(request, campaign_slug):
    campaign, association = request.campaign, request.association
    form = HostOfferForm(
        request.POST if request.method == "POST" else None,
        periods=offer_periods(campaign=campaign),
        initial=_contact_initial(request.user)
        | {"postal_code": association.postal_code, "town": association.town, "age_min": 6}
        | {"age_max": 25, "mixed_groups": True},
    )
    if form_service_call(
        request,
        form,
        lambda: host_offer_create(
            campaign=campaign,
            association=association,
            fields=form.service_fields(),
            beds=form.beds(),
            default_beds=form.cleaned_data["default_beds"],
            actor=request.user,
        ),
    ):
        messages.success(request, "Votre offre d'hébergement est enregistrée. Merci !")
        return _home(campaign)
    return _offer_page(request, form=form)


@lodging_required
def lodging_offer(request, campaign_slug, offer_id: int):
    campaign, association = request.campaign, request.association
    offer = host_offer_of(campaign=campaign, association=association, offer_id=offer_id)
    initial = {
        name: getattr(offer, name) for name in HostOfferForm.base_fields if name != "default_beds"
    }
    initial |= {
        "contact_name": offer.contact_name,
        "contact_phone": offer.contact_phone,
        "contact_email": offer.contact_email,
    }
    initial |= {f"beds_{n.night.isoformat()}": n.beds for n in offer.nights.all()}
    form = HostOfferForm(
        request.POST if request.method == "POST" else None,
        periods=offer_periods(campaign=campaign),
        initial=initial,
    )
    outcome = []
    if form_service_call(
        request,
        form,
        lambda: outcome.append(
            host_offer_update(
                campaign=campaign,
                association=association,
                offer_id=offer.pk,
                fields=form.service_fields(),
                beds=form.beds(),
                default_beds=form.cleaned_data["default_beds"],
                actor=request.user,
            )
        ),
    ):
        if outcome[0].changed:
            messages.success(request, "L'offre est modifiée.")
        else:
            messages.info(request, "Rien n'a changé.")
        return _home(campaign)
    return _offer_page(request, form=form, offer=offer)


@lodging_required
def lodging_offer_withdraw(request, campaign_slug, offer_id: int):
    campaign, association = request.campaign, request.association
    offer = host_offer_of(campaign=campaign, association=association, offer_id=offer_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if form_service_call(
        request,
        form,
        lambda: host_offer_withdraw(
            campaign=campaign, association=association, offer_id=offer.pk, actor=request.user
        ),
    ):
        messages.success(request, "L'offre est retirée.")
        return _home(campaign)
    live = offer.live_placements
    return render(
        request,
        "portal/lodging/offer_withdraw.html",
        {
            "campaign": campaign,
            "offer": offer,
            "pending": [p for p in live if p.status == PlacementStatus.PENDING],
            "confirmed": [p for p in live if p.status == PlacementStatus.CONFIRMED],
            "form": form,
        },
    )


@lodging_required
def lodging_placement(request, campaign_slug, placement_id: int):
    """One proposal, from the association's side; the answer form while it waits for answers."""
    campaign, association = request.campaign, request.association
    side = placement_side(campaign=campaign, association=association, placement_id=placement_id)
    form = PlacementAnswerForm(request.POST if request.method == "POST" else None)
    outcome = []
    if form_service_call(
        request,
        form,
        lambda: outcome.append(
            placement_answer(
                placement_id=placement_id,
                association=association,
                side=side,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        ),
    ):
        placement = outcome[0].placement
        if not outcome[0].changed:
            messages.info(request, "Votre réponse était déjà enregistrée.")
        elif placement.status == PlacementStatus.CONFIRMED:
            messages.success(
                request,
                "Vous avez accepté tous les deux : les coordonnées de l'autre association sont "
                "ci-dessous, et chacun reçoit un e-mail.",
            )
        elif placement.status == PlacementStatus.REFUSED:
            messages.success(
                request, "Votre refus est enregistré ; l'autre association est prévenue."
            )
        else:
            messages.success(
                request, "Votre accord est enregistré : il reste à l'autre association à répondre."
            )
        return redirect(
            "portal:lodging_placement", campaign_slug=campaign.slug, placement_id=placement_id
        )
    placement = placement_of(
        campaign=campaign, association=association, side=side, placement_id=placement_id
    )
    return render(
        request,
        "portal/lodging/placement.html",
        {
            "campaign": campaign,
            "proposal": proposal_view(placement, side=side),
            "form": form,
            "live": placement.status in LIVE,
        },
    )
