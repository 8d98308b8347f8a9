"""Back-office « Jeu-concours — résultats »: the jury's progress while it works (counts only, no
label tied to an association), then the final ranking with the associations' names, the scores
and the president's moves, once the deliberation is closed."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from billetterie.backoffice.permissions import operator_required
from billetterie.contest.deliberation import (
    contest_phase,
    contest_settings,
    deliberation_of,
    members_progress,
    revealed_ranking,
)


@require_safe
@operator_required
def contest_results_view(request, campaign_slug):
    campaign = request.campaign
    options = contest_settings(campaign)
    context = {
        "campaign": campaign,
        "phase": contest_phase(campaign),
        "progress": members_progress(campaign),
        "president": options.president if options else None,
        "deliberation": deliberation_of(campaign),
        "rows": revealed_ranking(campaign),
    }
    return render(request, "backoffice/contest_results.html", context)
