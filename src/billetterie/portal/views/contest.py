"""Portal « Jeu-concours » page: take part before the deadline, deposit (or record) one audio in
the submission window, listen to it, read the kit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.campaigns.selectors import campaigns_of_association
from billetterie.contest.selectors import (
    active_participation_of,
    contest_calendar,
    contest_result_of,
    contest_settings_of,
    current_entry,
    entry_of,
    kit_file_download,
    kit_file_of,
    kit_files_of,
)
from billetterie.contest.services.entries import entry_file_open, entry_submit
from billetterie.contest.services.participation import participation_confirm
from billetterie.core import clock
from billetterie.core.plural import plural
from billetterie.core.web import (
    form_add_errors,
    form_service_call,
    private_file_response,
    private_ranged_response,
)
from billetterie.portal.forms.contest import EntryForm, ParticipationForm
from billetterie.portal.permissions import referent_required

MICROPHONE = "camera=(), microphone=(self), geolocation=()"


def _page(request, *, participation_form=None, entry_form=None):
    campaign, association = request.campaign, request.association
    participation = active_participation_of(campaign=campaign, association=association)
    entry = current_entry(participation)
    settings = contest_settings_of(campaign=campaign)
    context = {
        "campaign": campaign,
        "participation": participation,
        "entry": entry,
        "settings": settings,
        "calendar": contest_calendar(campaign=campaign, today=clock.today()),
        "result": contest_result_of(campaign=campaign, association=association)
        if participation
        else None,
        "kit_files": list(kit_files_of(campaign=campaign)) if participation else [],
        "participation_form": participation_form
        or ParticipationForm(initial={"group_size": getattr(participation, "group_size", None)}),
        "entry_form": entry_form or EntryForm(entry=entry, max_bytes=settings.max_size_bytes),
    }
    response = render(request, "portal/contest.html", context)
    response["Permissions-Policy"] = MICROPHONE
    return response


@referent_required
def contest(request, campaign_slug):
    campaign = request.campaign
    form = ParticipationForm(request.POST if request.method == "POST" else None)
    if form_service_call(
        request,
        form,
        lambda: participation_confirm(
            campaign=campaign,
            association=request.association,
            group_size=form.cleaned_data["group_size"],
            actor=request.user,
        ),
    ):
        messages.success(
            request,
            f"C'est noté : votre association participe au jeu-concours avec un groupe de "
            f"{plural(form.cleaned_data['group_size'], 'personne')}.",
        )
        return redirect("portal:contest", campaign_slug=campaign.slug)
    return _page(request, participation_form=form if request.method == "POST" else None)


@referent_required
@require_POST
def contest_entry(request, campaign_slug):
    campaign, association = request.campaign, request.association
    entry = current_entry(active_participation_of(campaign=campaign, association=association))
    settings = contest_settings_of(campaign=campaign)
    form = EntryForm(request.POST, request.FILES, entry=entry, max_bytes=settings.max_size_bytes)
    if form.is_valid():
        try:
            content, name = form.upload()
            entry_submit(
                campaign=campaign,
                association=association,
                content=content,
                filename=name,
                consent=form.cleaned_data["consent"],
                actor=request.user,
                replaces=form.cleaned_data["seen"] if form.cleaned_data["replace"] else None,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request,
                "Votre enregistrement est déposé. Vous pouvez l'écouter ci-dessous et le remplacer "
                "jusqu'à la fermeture du dépôt.",
            )
            return redirect("portal:contest", campaign_slug=campaign.slug)
    return _page(request, entry_form=form)


@referent_required
def contest_entry_audio(request, campaign_slug, entry_id: int):
    entry = entry_of(campaign=request.campaign, association=request.association, entry_id=entry_id)
    file = entry_file_open(entry)
    return private_ranged_response(
        request, file.stream, size=file.size, content_type=file.content_type
    )


@referent_required
def contest_kit_file(request, campaign_slug, file_id: int):
    campaign = request.campaign
    if active_participation_of(campaign=campaign, association=request.association) is None:
        raise kit_files_of(campaign=campaign).model.DoesNotExist("pas de participation")
    kit = kit_file_of(campaign=campaign, file_id=file_id)
    content, filename = kit_file_download(kit=kit)
    return private_file_response(content, content_type=kit.content_type, filename=filename)


@referent_required
def contests(request):
    """The nav's « Jeu-concours »: the campaign's contest page, or the list when there are several."""
    campaigns = list(
        campaigns_of_association(association=request.association)
        .filter(contest_confirmation_deadline__isnull=False)
        .order_by("-contest_confirmation_deadline")
    )
    if len(campaigns) == 1:
        return redirect("portal:contest", campaign_slug=campaigns[0].slug)
    return render(request, "portal/contests.html", {"campaigns": campaigns})
