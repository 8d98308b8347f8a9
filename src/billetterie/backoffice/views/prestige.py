"""« Lots prestige » of the contest: the winners' queue, the stock left, and the one action that
offers the prestige packs to the winners — after a preview of what goes to whom."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.prestige import PrestigeStartForm
from billetterie.backoffice.permissions import operator_required
from billetterie.contest.prestige import prestige_board, prestige_start
from billetterie.core.changes import plural
from billetterie.core.web import messages_add_errors


@operator_required
def prestige(request, campaign_slug):
    campaign = request.campaign
    board = prestige_board(campaign=campaign)
    return render(
        request, "backoffice/contest/prestige.html", {"campaign": campaign, "board": board}
    )


@operator_required
def prestige_start_view(request, campaign_slug):
    campaign = request.campaign
    board = prestige_board(campaign=campaign)
    stale = False
    if request.method == "POST":
        form = PrestigeStartForm(request.POST)
        if form.is_valid() and form.cleaned_data["seen"] == board.token and board.planned:
            try:
                outcome = prestige_start(campaign=campaign, actor=request.user)
            except ValidationError as exc:
                messages_add_errors(request, exc)
            else:
                if outcome.offers:
                    tickets = sum(o.pack.size for o in outcome.offers)
                    messages.success(
                        request,
                        f"{plural(len(outcome.offers), 'lot prestige', 'lots prestige')} "
                        f"({plural(tickets, 'billet')}) proposé"
                        f"{'s' if len(outcome.offers) > 1 else ''} aux lauréats.",
                    )
                else:
                    messages.info(request, "Aucun lot prestige de plus n'a été proposé.")
            return redirect("backoffice:prestige", campaign_slug=campaign.slug)
        # The plan changed since the preview was read (or the form came broken): show it again.
        stale = True
    form = PrestigeStartForm(initial={"seen": board.token})
    return render(
        request,
        "backoffice/contest/prestige_start.html",
        {"campaign": campaign, "board": board, "form": form, "stale": stale},
    )
