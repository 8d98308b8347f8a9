"""Back-office pages for named attendees: completion by association and Games, reminders."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from billetterie.attendees.models import (
    CommitmentLetter,
    DecisionStatus,
    Derogation,
    LetterStatus,
    NameChange,
)
from billetterie.attendees.rules import violations
from billetterie.attendees.selectors.association import (
    groups_of,
    holders_of,
    letters_of,
    nominations,
)
from billetterie.attendees.selectors.completion import (
    completion_rows,
    games_totals,
    pending_counts,
    violation_counts,
)
from billetterie.attendees.services.reminders import reminder_request
from billetterie.backoffice.permissions import operator_required
from billetterie.members.models import Association


def association_of_campaign(campaign, association_id: int) -> Association:
    """An association holding accepted packs in this campaign; anything else is 404."""
    association = (
        Association.objects.filter(
            pk=association_id, operator=campaign.operator, offers__campaign=campaign
        )
        .distinct()
        .first()
    )
    if association is None:
        raise Http404("association introuvable")
    return association


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
        "derogations": Derogation.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
        .select_related("association", "group")
        .order_by("requested_at"),
        "letters": CommitmentLetter.objects.filter(campaign=campaign, status=LetterStatus.PENDING)
        .select_related("association")
        .order_by("uploaded_at"),
        "name_changes": NameChange.objects.filter(campaign=campaign, status=DecisionStatus.PENDING)
        .select_related("association", "ticket__pack")
        .order_by("requested_at"),
    }
    return render(request, "backoffice/attendees/dashboard.html", context)


@operator_required
def attendees_association(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_campaign(campaign, association_id)
    nomination = nominations(campaign=campaign, association_ids=[association.pk], attested=True)
    found = violations(nomination[association.pk]) if association.pk in nomination else []
    holders = holders_of(campaign=campaign, association=association).order_by(
        "ticket__pack__reference", "ticket__number"
    )
    by_group: dict[int, list] = {}
    for h in holders:
        by_group.setdefault(h.group_id, []).append(h)
    groups = list(groups_of(campaign=campaign, association=association))
    for g in groups:
        g.rows = by_group.get(g.pk, [])
    context = {
        "campaign": campaign,
        "association": association,
        "rows": completion_rows(campaign=campaign, association_ids=[association.pk]),
        "violations": found,
        "groups": groups,
        "letters": letters_of(campaign=campaign, association=association),
        "derogations": Derogation.objects.filter(
            campaign=campaign, association=association
        ).select_related("group"),
        "name_changes": NameChange.objects.filter(
            campaign=campaign, association=association
        ).select_related("ticket__pack", "old_person", "new_person"),
    }
    return render(request, "backoffice/attendees/association.html", context)


@operator_required
def attendees_remind(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_campaign(campaign, association_id)
    rows = [
        r
        for r in completion_rows(campaign=campaign, association_ids=[association.pk])
        if not r.done
    ]
    if request.method == "POST":
        reminder_request(campaign=campaign, association_id=association.pk, actor=request.user)
        messages.success(request, f"Relance envoyée aux référents de {association.name}.")
        return redirect("backoffice:attendees", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "association": association, "rows": rows}
    return render(request, "backoffice/attendees/remind.html", context)
