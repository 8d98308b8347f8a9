"""Portal pages for the people an association may name: add one, edit or delete a record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from billetterie.attendees.selectors.association import people_sorted, person_of
from billetterie.attendees.services.people import person_create, person_delete, person_update
from billetterie.core.web import form_add_errors, messages_add_errors, safe_next_url
from billetterie.portal.forms.people import PersonDeleteForm, PersonForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_people(request, campaign_slug):
    campaign = request.campaign
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
            form_add_errors(form, exc)
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
            return redirect(safe_next_url(request, back))
    people = people_sorted(campaign=campaign, association=request.association)
    context = {
        "campaign": campaign,
        "form": form,
        "youth": [p for p in people if p.is_youth],
        "supervisors": [p for p in people if not p.is_youth],
        "next": safe_next_url(request, ""),
    }
    return render(request, "portal/attendees/people.html", context)


@attendees_referent_required
def attendees_person(request, campaign_slug, person_id: int):
    campaign = request.campaign
    person = person_of(campaign=campaign, association=request.association, person_id=person_id)
    back = reverse("portal:attendees_people", kwargs={"campaign_slug": campaign.slug})
    if request.method == "POST" and PersonDeleteForm(request.POST).is_valid():
        try:
            person_delete(
                campaign=campaign,
                association=request.association,
                person_id=person.pk,
                actor=request.user,
            )
        except ValidationError as exc:
            messages_add_errors(request, exc)
            return redirect(request.path)
        messages.success(request, f"{person.display_name} est supprimé·e.")
        return redirect(back)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_from(person))
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
            form_add_errors(form, exc)
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
