"""Back-office pages « Messages »: the campaign's outbox — every e-mail and SMS the platform wrote
for it, filtered and counted by state —, the page of one message (its text and its history), and
sending again a failed message, or all of them after a confirmation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.outbox import MessageFilterForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import history_of, paginate
from billetterie.outbox.selectors import (
    campaign_messages,
    failed_count,
    kind_choices,
    message_associations,
    message_counts,
    message_of_campaign,
    message_rows,
)
from billetterie.outbox.services import message_resend, messages_resend_failed


@operator_required
def outbox_messages(request, campaign_slug):
    campaign = request.campaign
    form = MessageFilterForm(
        request.GET or None,
        kinds=kind_choices(),
        associations=message_associations(campaign=campaign),
    )
    page, query = paginate(request, campaign_messages(campaign=campaign, **form.filters()))
    counts = message_counts(campaign=campaign)
    context = {
        "campaign": campaign,
        "form": form,
        "counts": counts,
        "total": sum(c.count for c in counts),
        "failed": failed_count(counts),
        "page": page,
        "rows": message_rows(page.object_list),
        "query": query,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }
    return render(request, "backoffice/outbox_messages.html", context)


@operator_required
def outbox_message(request, campaign_slug, message_id: int):
    campaign = request.campaign
    message = message_of_campaign(campaign=campaign, message_id=message_id)
    [row] = message_rows([message])
    context = {
        "campaign": campaign,
        "row": row,
        "message": message,
        "events": list(message.events.all()),
        "history": history_of(message, hidden=("kind",)),
    }
    return render(request, "backoffice/outbox_message.html", context)


@operator_required
@require_POST
def outbox_message_resend(request, campaign_slug, message_id: int):
    campaign = request.campaign
    message = message_of_campaign(campaign=campaign, message_id=message_id)
    [row] = message_rows([message])
    if not row.resendable:
        messages.info(request, "Ce message n'est ni en échec ni rejeté : il n'a pas été renvoyé.")
    else:
        message_resend(message_id=message.pk, campaign=campaign, actor=request.user)
        messages.success(
            request,
            f"Le message « {row.kind_label} » repart vers son destinataire ; "
            "son état s'affiche ci-dessous.",
        )
    return redirect("backoffice:message", campaign_slug=campaign.slug, message_id=message.pk)


@operator_required
def outbox_resend_failed(request, campaign_slug):
    campaign = request.campaign
    if request.method == "POST":
        resent = messages_resend_failed(campaign=campaign, actor=request.user)
        if resent:
            messages.success(
                request,
                f"{resent} message{'s' if resent > 1 else ''} en échec "
                f"renvoyé{'s' if resent > 1 else ''}.",
            )
        else:
            messages.info(request, "Aucun message n'était en échec : rien n'a été renvoyé.")
        return redirect("backoffice:messages", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "failed": failed_count(message_counts(campaign=campaign))}
    return render(request, "backoffice/outbox_resend_failed.html", context)
