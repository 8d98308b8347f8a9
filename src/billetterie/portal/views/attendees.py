"""Portal pages for named attendees: the overview, people, the spreadsheet, the charter, sending."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from billetterie.attendees.letter_pdf import charter_points
from billetterie.attendees.models import CharterAcknowledgement
from billetterie.attendees.selectors.association import (
    campaign_with_accepted_packs,
    campaigns_with_accepted_packs,
    people_of,
    person_of,
)
from billetterie.attendees.selectors.boards import attendees_board, games_states
from billetterie.attendees.services.people import person_create, person_delete, person_update
from billetterie.attendees.services.submissions import (
    charter_acknowledge,
    nomination_submit,
    submission_violations,
)
from billetterie.catalogue.models import Games
from billetterie.core import clock
from billetterie.imports.attendees import attendees_import, import_summary
from billetterie.imports.attendees_sheet import ATTENDEES, attendees_workbook
from billetterie.portal.permissions import referent_required
from billetterie.portal.views_attendees_forms import CharterForm, ImportForm, PersonForm, SubmitForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaign(request, campaign_slug):
    return campaign_with_accepted_packs(association=request.association, slug=campaign_slug)


def _field_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@referent_required
def attendees(request):
    campaigns = list(campaigns_with_accepted_packs(association=request.association))
    if len(campaigns) == 1:
        return redirect("portal:attendees_campaign", campaign_slug=campaigns[0].slug)
    return render(request, "portal/attendees/index.html", {"campaigns": campaigns})


@referent_required
def attendees_campaign(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    board = attendees_board(campaign=campaign, association=request.association, today=clock.today())
    context = {"campaign": campaign, "association": request.association, **board}
    return render(request, "portal/attendees/campaign.html", context)


@referent_required
def attendees_people(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    form = PersonForm(request.POST or None)
    back = reverse("portal:attendees_people", kwargs={"campaign_slug": campaign.slug})
    if request.method == "POST" and form.is_valid():
        try:
            outcome = person_create(
                campaign=campaign,
                association=request.association,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            person = outcome.person
            if outcome.created:
                messages.success(request, f"{person.display_name} est ajouté·e.")
            else:
                messages.info(
                    request,
                    f"{person.display_name} était déjà enregistré·e (même nom"
                    f"{' et même date de naissance' if person.is_youth else ''}) : la fiche "
                    "existante est conservée, sans doublon.",
                )
            return redirect(_next_url(request, back))
    people = people_of(campaign=campaign, association=request.association).order_by(
        "kind", "name_key"
    )
    context = {
        "campaign": campaign,
        "form": form,
        "youth": [p for p in people if p.is_youth],
        "supervisors": [p for p in people if not p.is_youth],
        "next": _next_url(request, ""),
    }
    return render(request, "portal/attendees/people.html", context)


@referent_required
def attendees_person(request, campaign_slug, person_id: int):
    campaign = _campaign(request, campaign_slug)
    person = person_of(campaign=campaign, association=request.association, person_id=person_id)
    back = reverse("portal:attendees_people", kwargs={"campaign_slug": campaign.slug})
    initial = {
        f: getattr(person, f)
        for f in ("kind", "last_name", "first_name", "birth_date", "mobile_phone", "email")
    }
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "supprimer":
        try:
            person_delete(
                campaign=campaign,
                association=request.association,
                person_id=person.pk,
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
        messages.success(request, f"{person.display_name} est supprimé·e.")
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = person_update(
                campaign=campaign,
                association=request.association,
                person_id=person.pk,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            if outcome.merged:
                messages.info(
                    request,
                    f"Cette fiche correspondait à {outcome.person.display_name}, déjà enregistré·e : "
                    "les deux fiches sont fusionnées.",
                )
            else:
                messages.success(request, "Fiche enregistrée.")
            return redirect(back)
    context = {"campaign": campaign, "person": person, "form": form}
    return render(request, "portal/attendees/person.html", context)


@referent_required
def attendees_export(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    content = attendees_workbook(campaign=campaign, association=request.association)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="beneficiaires-{campaign.slug}.xlsx"'
    return response


@referent_required
def attendees_import_view(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = attendees_import(
            campaign=campaign,
            association=request.association,
            file=form.cleaned_data["file"],
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            messages.success(request, import_summary(result))
            return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {
        "campaign": campaign,
        "form": form,
        "result": result,
        "summary": import_summary(result) if result else "",
        "contract": ATTENDEES,
    }
    return render(request, "portal/attendees/import.html", context)


@referent_required
def attendees_charter(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    ack = CharterAcknowledgement.objects.filter(
        campaign=campaign, association=request.association
    ).first()
    form = CharterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        charter_acknowledge(campaign=campaign, association=request.association, actor=request.user)
        messages.success(request, "La charte d'utilisation des billets est acceptée.")
        return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "form": form, "ack": ack, "charter": charter_points()}
    return render(request, "portal/attendees/charter.html", context)


@referent_required
def attendees_submit(request, campaign_slug, games_code):
    campaign = _campaign(request, campaign_slug)
    games = Games.objects.filter(code=games_code).first()
    if games is None:
        raise Http404("jeux introuvables")
    state = games_states(
        campaign=campaign, association=request.association, today=clock.today()
    ).get(games.pk)
    if state is None:
        raise Http404("jeux introuvables")
    form = SubmitForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        attested = form.cleaned_data["attested"]
        if request.POST.get("action") == "envoyer":
            try:
                nomination_submit(
                    campaign=campaign,
                    association=request.association,
                    games=games,
                    attested=attested,
                    actor=request.user,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request,
                    f"Les attributions nominatives des {games.short_name} sont envoyées à l'opérateur.",
                )
                return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
        else:
            errors = [
                v.message
                for v in submission_violations(
                    campaign=campaign,
                    association=request.association,
                    games_id=games.pk,
                    attested=attested,
                )
            ]
    else:
        errors = [
            v.message
            for v in submission_violations(
                campaign=campaign, association=request.association, games_id=games.pk, attested=True
            )
        ]
    context = {
        "campaign": campaign,
        "games": games,
        "state": state,
        "form": form,
        "errors": errors,
        "checked": request.method == "POST",
        "charter": CharterAcknowledgement.objects.filter(
            campaign=campaign, association=request.association
        ).first(),
    }
    return render(request, "portal/attendees/submit.html", context)
