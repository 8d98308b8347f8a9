"""Back-office pages for named attendees: completion by association and Games, reminders."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.attendees.selectors.association import (
    derogations_of,
    groups_with_holders,
    letters_of,
    name_changes_of,
    pending_derogations,
    pending_letters,
    pending_name_changes,
    violations_of,
)
from billetterie.attendees.selectors.completion import (
    completion_rows,
    games_totals,
    pending_counts,
    violation_counts,
)
from billetterie.attendees.services.reminders import reminder_request
from billetterie.backoffice.permissions import operator_required
from billetterie.offers.selectors import association_with_offers


@operator_required
def attendees(request, campaign_slug):
    campaign = request.campaign
    rows = completion_rows(campaign=campaign)
    counts = violation_counts(campaign=campaign)
    context = {
        "campaign": campaign,
        "rows": [(r, counts.get(r.association_id, 0)) for r in rows],
        "totals": games_totals(rows),
        "violation_counts": counts,
        "with_violations": sum(1 for n in counts.values() if n),
        "pending": pending_counts(campaign=campaign),
        "derogations": pending_derogations(campaign=campaign),
        "letters": pending_letters(campaign=campaign),
        "name_changes": pending_name_changes(campaign=campaign),
    }
    return render(request, "backoffice/attendees/dashboard.html", context)


@operator_required
def attendees_association(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_with_offers(campaign=campaign, association_id=association_id)
    context = {
        "campaign": campaign,
        "association": association,
        "rows": completion_rows(campaign=campaign, association_ids=[association.pk]),
        "violations": violations_of(campaign=campaign, association=association, attested=True),
        "groups": groups_with_holders(campaign=campaign, association=association),
        "letters": letters_of(campaign=campaign, association=association),
        "derogations": derogations_of(campaign=campaign, association=association),
        "name_changes": name_changes_of(campaign=campaign, association=association),
    }
    return render(request, "backoffice/attendees/association.html", context)


@operator_required
def attendees_remind(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_with_offers(campaign=campaign, association_id=association_id)
    if request.method == "POST":
        sent = reminder_request(
            campaign=campaign, association_id=association.pk, actor=request.user
        )
        if sent:
            messages.success(request, f"Relance envoyée aux référents de {association.name}.")
        else:
            messages.warning(
                request,
                f"Aucune relance envoyée : {association.name} a tout envoyé, ou n'a aucun "
                "référent actif.",
            )
        return redirect("backoffice:attendees", campaign_slug=campaign.slug)
    rows = [
        r
        for r in completion_rows(campaign=campaign, association_ids=[association.pk])
        if not r.done
    ]
    context = {"campaign": campaign, "association": association, "rows": rows}
    return render(request, "backoffice/attendees/remind.html", context)
