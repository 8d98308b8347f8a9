"""« Remise aux responsables »: where each group's tickets stand, the one action that sends every
ready group's link, and one group's page (send again, new link, switch the link off)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.leaders import (
    RENEW,
    REVOKE,
    LeaderGroupForm,
    LeadersSendForm,
    TrackingFilterForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.core import clock
from billetterie.core.web import messages_add_errors
from billetterie.delivery.leaders import (
    group_deliveries,
    group_delivery_of,
    leader_link_resend,
    leader_link_revoke,
    leaders_send,
    send_preview,
    unconfirmed_soon,
)


@operator_required
def leaders_tracking(request, campaign_slug):
    campaign = request.campaign
    rows = group_deliveries(campaign=campaign)
    form = TrackingFilterForm(request.GET or None)
    soon_only = form.is_valid() and form.cleaned_data["soon"]
    soon = unconfirmed_soon(rows, today=clock.today())
    context = {
        "campaign": campaign,
        "rows": soon if soon_only else rows,
        "form": form,
        "soon_only": soon_only,
        "soon_count": len(soon),
        "totals": {
            "groups": len(rows),
            "links": sum(r.links_received for r in rows),
            "sent": sum(r.sent for r in rows),
            "opened": sum(r.opened for r in rows),
            "confirmed": sum(r.confirmed for r in rows),
        },
        "preview": send_preview(campaign=campaign),
    }
    return render(request, "backoffice/leaders/tracking.html", context)


@operator_required
def leaders_send_view(request, campaign_slug):
    campaign = request.campaign
    if request.method == "POST":
        form = LeadersSendForm(request.POST)
        sent = leaders_send(campaign=campaign, group_ids=form.group_ids(), actor=request.user)
        if sent:
            messages.success(
                request,
                f"Lien envoyé aux responsables de {sent} groupe{'s' if sent > 1 else ''} "
                "(e-mail et SMS).",
            )
        else:
            messages.info(request, "Aucun lien envoyé : ces groupes l'avaient déjà reçu.")
        return redirect("backoffice:leaders", campaign_slug=campaign.slug)
    preview = send_preview(campaign=campaign)
    form = LeadersSendForm(initial={"groups": ",".join(str(r.group.pk) for r in preview.to_send)})
    return render(
        request,
        "backoffice/leaders/send.html",
        {"campaign": campaign, "preview": preview, "form": form},
    )


@operator_required
def leader_group(request, campaign_slug, group_id: int):
    campaign = request.campaign
    row = group_delivery_of(campaign=campaign, group_id=group_id)
    if request.method == "POST":
        form = LeaderGroupForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == REVOKE:
                    leader_link_revoke(campaign=campaign, group_id=group_id, actor=request.user)
                    messages.success(request, "Le lien ne marche plus.")
                else:
                    done = leader_link_resend(
                        campaign=campaign,
                        group_id=group_id,
                        seen_sends=form.cleaned_data["seen_sends"],
                        renew=action == RENEW,
                        actor=request.user,
                    )
                    if done:
                        messages.success(
                            request,
                            "Nouveau lien envoyé ; l'ancien ne marche plus."
                            if action == RENEW
                            else "Lien envoyé de nouveau.",
                        )
                    else:
                        messages.info(request, "Déjà envoyé : rien de plus n'est parti.")
            except ValidationError as exc:
                messages_add_errors(request, exc)
            return redirect(
                "backoffice:leader_group", campaign_slug=campaign.slug, group_id=group_id
            )
    return render(request, "backoffice/leaders/group.html", {"campaign": campaign, "row": row})
