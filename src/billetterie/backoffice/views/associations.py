"""Back-office pages of the operator's associations: the list, and one association's details,
corrected only after a preview of the changes."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.associations import AssociationFilterForm, AssociationForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import history_of, paginate, preview_then_confirm
from billetterie.members.selectors import (
    association_changes_preview,
    association_of_operator,
    associations_of_operator,
    departement_words,
)
from billetterie.members.services import association_update


@operator_required
def associations(request, campaign_slug):
    campaign = request.campaign
    form = AssociationFilterForm(request.GET or None)
    page, query = paginate(
        request, associations_of_operator(operator=campaign.operator, **form.filters())
    )
    context = {"campaign": campaign, "form": form, "page": page, "query": query}
    return render(request, "backoffice/associations.html", context)


@operator_required
def association_edit(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_operator(operator=campaign.operator, association_id=association_id)
    form = AssociationForm(
        request.POST if request.method == "POST" else None,
        initial=AssociationForm.initial_from(association),
    )
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: association_changes_preview(association=association, values=form.values()),
        confirm=lambda: association_update(
            association=association, actor=request.user, **form.values()
        ),
    )
    if outcome.confirmed:
        messages.success(
            request, f"Les informations de « {form.values()['name']} » sont enregistrées."
        )
        return redirect("backoffice:associations", campaign_slug=campaign.slug)
    if outcome.unchanged:
        messages.info(request, "Aucune valeur n'a changé : rien n'a été enregistré.")
    context = {
        "campaign": campaign,
        "association": association,
        "departement": departement_words(association.departement),
        "form": form,
        "preview": outcome,
        "history": history_of(association),
    }
    return render(request, "backoffice/association_edit.html", context)
