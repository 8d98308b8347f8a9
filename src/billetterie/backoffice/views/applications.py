"""Back-office pages of the applications: list with filters and totals, detail with city weights, fixes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.allocation.selectors import application_city_weights
from billetterie.backoffice.forms.applications import (
    ApplicationCorrectForm,
    ApplicationFilterForm,
    EligibilityForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import paginate
from billetterie.campaigns.selectors import campaign_games_of
from billetterie.core.selectors import audit_history
from billetterie.core.web import form_add_errors
from billetterie.requests.selectors import (
    application_of_campaign,
    application_totals,
    applications_of_campaign,
    host_cities_for_games,
)
from billetterie.requests.services import application_correct, application_set_eligibility


def _redirect_application(campaign, application):
    return redirect(
        "backoffice:application", campaign_slug=campaign.slug, application_id=application.pk
    )


@operator_required
def applications(request, campaign_slug):
    campaign = request.campaign
    form = ApplicationFilterForm(request.GET or None, games=campaign_games_of(campaign=campaign))
    page, query = paginate(request, applications_of_campaign(campaign=campaign, **form.filters()))
    context = {
        "campaign": campaign,
        "form": form,
        "page": page,
        "query": query,
        "totals": application_totals(campaign=campaign),
    }
    return render(request, "backoffice/applications.html", context)


@operator_required
def application_detail(request, campaign_slug, application_id: int):
    campaign = request.campaign
    application = application_of_campaign(campaign=campaign, application_id=application_id)
    context = {
        "campaign": campaign,
        "application": application,
        "weights": application_city_weights(application=application),
        "history": audit_history(subject=application),
        "eligibility_form": EligibilityForm(
            initial={"eligible": "0" if application.is_eligible else "1"}
        ),
    }
    return render(request, "backoffice/application_detail.html", context)


@operator_required
def application_correct_view(request, campaign_slug, application_id: int):
    campaign = request.campaign
    application = application_of_campaign(campaign=campaign, application_id=application_id)
    form = ApplicationCorrectForm(
        request.POST if request.method == "POST" else None,
        cities=host_cities_for_games(games=application.games),
        initial=ApplicationCorrectForm.initial_from(application),
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = application_correct(
                application=application, actor=request.user, **form.service_arguments()
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            if outcome.changed:
                messages.success(
                    request,
                    f"La candidature de {application.association} ({application.games}) est corrigée.",
                )
            else:
                messages.info(request, "Aucun champ n'a changé : rien n'a été enregistré.")
            return _redirect_application(campaign, application)
    context = {"campaign": campaign, "application": application, "form": form}
    return render(request, "backoffice/application_correct.html", context)


@operator_required
def application_eligibility_view(request, campaign_slug, application_id: int):
    campaign = request.campaign
    application = application_of_campaign(campaign=campaign, application_id=application_id)
    target = "0" if application.is_eligible else "1"
    form = EligibilityForm(
        request.POST if request.method == "POST" else None, initial={"eligible": target}
    )
    if request.method == "POST" and form.is_valid():
        eligible = form.cleaned_data["eligible"]
        try:
            outcome = application_set_eligibility(
                application=application,
                eligible=eligible,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            name = f"{application.association} ({application.games})"
            if not outcome.changed:
                messages.info(
                    request, f"La candidature de {name} était déjà dans cet état : rien n'a changé."
                )
            elif eligible:
                messages.success(request, f"La candidature de {name} est de nouveau éligible.")
            else:
                messages.success(request, f"La candidature de {name} est marquée non éligible.")
            return _redirect_application(campaign, application)
    context = {
        "campaign": campaign,
        "application": application,
        "form": form,
        "make_eligible": target == "1",
    }
    return render(request, "backoffice/application_eligibility.html", context)
