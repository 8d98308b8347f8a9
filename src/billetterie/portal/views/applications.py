"""Portal pages of the call for applications: the association's applications, apply or edit per Games."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from billetterie.campaigns.selectors import campaign_games_by_code
from billetterie.core import clock
from billetterie.core.web import form_add_errors
from billetterie.portal.forms.applications import ApplicationForm
from billetterie.portal.permissions import referent_required
from billetterie.requests.models import Channel
from billetterie.requests.selectors import (
    NOT_MEMBER_MESSAGE,
    application_block,
    application_edit_block,
    application_for_games,
    application_of_association,
    applications_board,
    call_status,
    host_cities_for_games,
)
from billetterie.requests.services import application_submit


@referent_required
def applications(request):
    association = request.association
    context = {
        "association": association,
        "blocks": applications_board(association=association, today=clock.today()),
        "not_member_message": NOT_MEMBER_MESSAGE,
    }
    return render(request, "portal/applications.html", context)


@referent_required
def application_detail(request, application_id: int):
    application = application_of_association(
        association=request.association, application_id=application_id
    )
    context = {
        "association": request.association,
        "application": application,
        "refusal": application_edit_block(application=application, today=clock.today()),
    }
    return render(request, "portal/application_detail.html", context)


@referent_required
def application_form(request, campaign_slug: str, games_code: str):
    association = request.association
    campaign = request.campaign
    games = campaign_games_by_code(campaign=campaign, code=games_code)
    today = clock.today()
    status = call_status(campaign=campaign, today=today)
    application = application_for_games(association=association, campaign=campaign, games=games)
    block = application_block(
        campaign=campaign, association=association, application=application, today=today
    )
    form = None
    if block is None:
        initial = ApplicationForm.initial_from(application) if application else {}
        form = ApplicationForm(
            request.POST if request.method == "POST" else None,
            cities=host_cities_for_games(games=games),
            initial=initial,
        )
        if request.method == "POST" and form.is_valid():
            try:
                outcome = application_submit(
                    campaign=campaign,
                    association=association,
                    games=games,
                    actor=request.user,
                    **form.service_arguments(),
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, _success_message(outcome, status))
                for notice in outcome.notices:
                    messages.warning(request, notice)
                return redirect("portal:applications")
    context = {
        "association": association,
        "campaign": campaign,
        "games": games,
        "status": status,
        "application": application,
        "refusal": block,
        "form": form,
        "after_close_call": application is not None
        and application.channel == Channel.CALL
        and status.state == "closed",
    }
    return render(request, "portal/application_form.html", context)


def _success_message(outcome, status) -> str:
    application = outcome.application
    games = application.games
    if outcome.created and application.channel == Channel.WAITING_LIST:
        return f"Votre demande pour les {games} est enregistrée sur la liste d'attente."
    if outcome.created:
        until = date_format(status.closes_on, "j F Y")
        return f"Votre candidature pour les {games} est enregistrée. Vous pouvez la modifier jusqu'au {until}."
    if not outcome.changed:
        return f"Votre candidature pour les {games} n'a pas changé."
    return f"Votre candidature pour les {games} est modifiée."
