"""Back-office pages of the packs: the list with its totals, one pack with its history, and the
three corrections of a pack nobody holds (withdraw, restore, correct its size or prestige)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.packs import PackCorrectForm, PackFilterForm, PackReasonForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import history_of, paginate, preview_then_confirm
from billetterie.campaigns.selectors import campaign_games_of
from billetterie.core.web import form_service_call
from billetterie.inventory.models import PackStatus
from billetterie.inventory.selectors import (
    NOT_FREE,
    host_cities_of_packs,
    pack_correction_preview,
    pack_is_free,
    pack_of_campaign,
    packs_of_campaign,
    packs_totals,
)
from billetterie.inventory.services import pack_correct, pack_restore, pack_withdraw
from billetterie.offers.selectors import live_offer_of_pack


@operator_required
def packs(request, campaign_slug):
    campaign = request.campaign
    form = PackFilterForm(
        request.GET or None,
        games=campaign_games_of(campaign=campaign),
        cities=host_cities_of_packs(campaign=campaign),
    )
    selection = packs_of_campaign(campaign=campaign, **form.filters())
    page, query = paginate(request, selection)
    context = {
        "campaign": campaign,
        "form": form,
        "page": page,
        "query": query,
        "totals": packs_totals(selection),
        "filtered": form.is_bound,
    }
    return render(request, "backoffice/packs.html", context)


def _pack_context(campaign, pack) -> dict:
    """What every page of one pack shows: the pack, and who holds it when someone does."""
    free = pack_is_free(pack)
    return {
        "campaign": campaign,
        "pack": pack,
        "free": free,
        "not_free": None if free else NOT_FREE,
        "offer": None if free else live_offer_of_pack(pack=pack),
    }


def _to_pack(campaign, pack):
    return redirect("backoffice:pack", campaign_slug=campaign.slug, pack_id=pack.pk)


@operator_required
def pack_detail(request, campaign_slug, pack_id: int):
    campaign = request.campaign
    pack = pack_of_campaign(campaign=campaign, pack_id=pack_id)
    context = {**_pack_context(campaign, pack), "history": history_of(pack, hidden=("pack",))}
    return render(request, "backoffice/pack_detail.html", context)


@operator_required
def pack_withdraw_view(request, campaign_slug, pack_id: int):
    return _pack_reason_page(request, pack_id, withdraw=True)


@operator_required
def pack_restore_view(request, campaign_slug, pack_id: int):
    return _pack_reason_page(request, pack_id, withdraw=False)


def _pack_reason_page(request, pack_id: int, *, withdraw: bool):
    """Withdraw (only an available pack) or restore (only a withdrawn one): a reason, then done."""
    campaign = request.campaign
    pack = pack_of_campaign(campaign=campaign, pack_id=pack_id)
    form = PackReasonForm(
        request.POST if request.method == "POST" else None,
        label="Motif du retrait" if withdraw else "Motif de la remise dans le vivier",
    )
    service = pack_withdraw if withdraw else pack_restore
    if form_service_call(
        request,
        form,
        lambda: service(
            campaign=campaign,
            pack_id=pack.pk,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    ):
        messages.success(
            request,
            f"Le lot {pack.reference} est "
            f"{'retiré du vivier' if withdraw else 'remis dans le vivier'}.",
        )
        return _to_pack(campaign, pack)
    wanted = PackStatus.AVAILABLE if withdraw else PackStatus.WITHDRAWN
    context = {
        **_pack_context(campaign, pack),
        "form": form,
        "withdraw": withdraw,
        "possible": pack.status == wanted,
    }
    return render(request, "backoffice/pack_status.html", context)


@operator_required
def pack_correct_view(request, campaign_slug, pack_id: int):
    campaign = request.campaign
    pack = pack_of_campaign(campaign=campaign, pack_id=pack_id)
    form = PackCorrectForm(
        request.POST if request.method == "POST" else None,
        initial=PackCorrectForm.initial_from(pack),
    )
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: pack_correction_preview(
            pack=pack, size=form.cleaned_data["size"], is_prestige=form.cleaned_data["is_prestige"]
        ),
        confirm=lambda: pack_correct(
            campaign=campaign, pack_id=pack.pk, actor=request.user, **form.cleaned_data
        ),
    )
    if outcome.confirmed:
        messages.success(request, f"Le lot {pack.reference} est corrigé.")
        return _to_pack(campaign, pack)
    if outcome.unchanged:
        messages.info(
            request, "Ni la taille ni le prestige n'ont changé : rien n'a été enregistré."
        )
    context = {**_pack_context(campaign, pack), "form": form, "preview": outcome}
    return render(request, "backoffice/pack_correct.html", context)
