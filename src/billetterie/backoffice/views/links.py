"""Back-office pages of the download links: the held packs with their links, one pack's links,
and replacing or withdrawing one link (each shown before it is done)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.links import LinkReplaceForm, LinksFilterForm, LinkWithdrawForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import paginate, preview_then_confirm
from billetterie.core.web import XLSX, private_file_response
from billetterie.delivery.links import (
    link_of_campaign,
    link_place,
    link_replace,
    link_replace_preview,
    link_withdraw,
    link_withdraw_preview,
    links_board,
    links_of_pack,
    links_request_workbook,
)
from billetterie.delivery.models import LinkStatus
from billetterie.imports.contracts import LINKS


@operator_required
def links(request, campaign_slug):
    campaign = request.campaign
    form = LinksFilterForm(request.GET or None)
    counts, packs = links_board(campaign=campaign, **form.filters())
    page, query = paginate(request, packs)
    context = {
        "campaign": campaign,
        "form": form,
        "filtered": form.is_bound,
        "counts": counts,
        "page": page,
        "query": query,
        "contract": LINKS,
    }
    return render(request, "backoffice/links/board.html", context)


@operator_required
def links_request_download(request, campaign_slug):
    """The accepted packs, « Lien » empty: the file to send to the ticket office."""
    campaign = request.campaign
    return private_file_response(
        links_request_workbook(campaign=campaign),
        content_type=XLSX,
        filename=f"lots-acceptes-{campaign.slug}.xlsx",
    )


@operator_required
def links_pack(request, campaign_slug, pack_id: int):
    campaign = request.campaign
    pack, pack_link, tickets = links_of_pack(campaign=campaign, pack_id=pack_id)
    context = {"campaign": campaign, "pack": pack, "pack_link": pack_link, "tickets": tickets}
    return render(request, "backoffice/links/pack.html", context)


def _to_pack(campaign, link):
    return redirect("backoffice:links_pack", campaign_slug=campaign.slug, pack_id=link.pack_id)


@operator_required
def link_replace_view(request, campaign_slug, link_id: int):
    campaign = request.campaign
    link = link_of_campaign(campaign=campaign, link_id=link_id)
    form = LinkReplaceForm(request.POST if request.method == "POST" else None)
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: link_replace_preview(link=link, url=form.cleaned_data["url"]),
        confirm=lambda: link_replace(
            campaign=campaign,
            link_id=link.pk,
            url=form.cleaned_data["url"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    )
    if outcome.confirmed:
        messages.success(request, f"Le lien du {link_place(link)} est remplacé.")
        return _to_pack(campaign, link)
    if outcome.unchanged:
        messages.info(request, "C'est déjà le lien enregistré : rien n'a changé.")
    return _change_page(request, link, form, outcome, replace=True)


@operator_required
def link_withdraw_view(request, campaign_slug, link_id: int):
    campaign = request.campaign
    link = link_of_campaign(campaign=campaign, link_id=link_id)
    form = LinkWithdrawForm(request.POST if request.method == "POST" else None)
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: link_withdraw_preview(link=link, reason=form.cleaned_data["reason"]),
        confirm=lambda: link_withdraw(
            campaign=campaign,
            link_id=link.pk,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    )
    if outcome.confirmed:
        messages.success(request, f"Le lien du {link_place(link)} est retiré.")
        return _to_pack(campaign, link)
    return _change_page(request, link, form, outcome, replace=False)


def _change_page(request, link, form, outcome, *, replace: bool):
    context = {
        "campaign": request.campaign,
        "link": link,
        "place": link_place(link),
        "active": link.status == LinkStatus.ACTIVE,
        "form": form,
        "preview": outcome,
        "replace": replace,
    }
    return render(request, "backoffice/links/change.html", context)
