"""Portal pages for groups: create one, name its tickets with a live check, delete it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.models import PersonKind
from billetterie.attendees.selectors.association import (
    derogations_of_group,
    group_of,
    group_tickets,
    people_sorted,
)
from billetterie.attendees.selectors.boards import games_states, packs_to_group
from billetterie.attendees.services.groups import (
    group_check,
    group_create,
    group_delete,
    group_name_holders,
)
from billetterie.attendees.services.name_changes import can_request_change
from billetterie.core import clock
from billetterie.core.web import form_add_errors, messages_add_errors
from billetterie.portal.forms.groups import GroupHoldersForm, GroupNewForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_group_new(request, campaign_slug):
    campaign = request.campaign
    packs = packs_to_group(campaign=campaign, association=request.association, today=clock.today())
    form = GroupNewForm(request.POST or None, packs=packs)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(
                campaign=campaign,
                association=request.association,
                pack_ids=form.pack_ids(),
                name=form.cleaned_data["name"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request, f"Le groupe « {group.name} » est créé : nommez ses bénéficiaires."
            )
            return redirect(
                "portal:attendees_group", campaign_slug=campaign.slug, group_id=group.pk
            )
    return render(request, "portal/attendees/group_new.html", {"campaign": campaign, "form": form})


@attendees_referent_required
def attendees_group(request, campaign_slug, group_id: int):
    """Name a person on each ticket: "Vérifier" (or attendees.js, live) checks, "Enregistrer" saves."""
    campaign, association = request.campaign, request.association
    group = group_of(campaign=campaign, association=association, group_id=group_id)
    state = games_states(campaign=campaign, association=association, today=clock.today())[
        group.session.games_id
    ]
    tickets = list(group_tickets(campaign=campaign, association=association, group_id=group.pk))
    current = {t.pk: getattr(getattr(t, "holder", None), "person_id", None) for t in tickets}
    assignments, leader_id = current, group.leader_id
    form = GroupHoldersForm(request.POST if request.method == "POST" else None, tickets=tickets)
    errors, checked = [], False
    if form.is_bound and state.editable:
        form.is_valid()
        assignments, leader_id = form.assignments(), form.leader_id()
        if form.saves():
            try:
                left = group_name_holders(
                    campaign=campaign,
                    association=association,
                    group_id=group.pk,
                    assignments=assignments,
                    leader_id=leader_id,
                    actor=request.user,
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                _report_saved(request, left)
                return redirect(request.path)
        errors = form.problems()
        checked = not errors
    violations = group_check(
        campaign=campaign,
        association=association,
        group=group,
        assignments=assignments,
        leader_id=leader_id,
    )
    if form.is_bound and form.wants_fragment():
        return render(
            request,
            "portal/attendees/_violations.html",
            {"violations": violations, "errors": errors, "checked": True},
        )
    people = list(people_sorted(campaign=campaign, association=association))
    by_id = {p.pk: p for p in people}
    context = {
        "campaign": campaign,
        "group": group,
        "state": state,
        "packs": _packs(tickets, selected=assignments, named=current, people=by_id),
        "youth": [p for p in people if p.kind == PersonKind.YOUTH],
        "supervisors": [p for p in people if p.kind == PersonKind.SUPERVISOR],
        "leader_id": leader_id,
        "leader": by_id.get(group.leader_id),
        "violations": violations,
        "errors": errors,
        "checked": checked,
        "derogations": list(
            derogations_of_group(campaign=campaign, association=association, group_id=group.pk)
        ),
    }
    return render(request, "portal/attendees/group.html", context)


def _report_saved(request, left) -> None:
    if left:
        messages.warning(
            request,
            "Bénéficiaires enregistrés. Des règles restent à respecter avant l'envoi : "
            "voir la vérification ci-dessous.",
        )
    else:
        messages.success(request, "Bénéficiaires enregistrés : toutes les règles sont respectées.")


def _packs(tickets, *, selected, named, people) -> list[dict]:
    """The group's tickets by pack, each with the person chosen on the page and the one saved."""
    today = clock.today()
    packs: list[dict] = []
    for ticket in tickets:
        holder = getattr(ticket, "holder", None)
        if not packs or packs[-1]["pack"].pk != ticket.pack_id:
            packs.append({"pack": ticket.pack, "rows": []})
        packs[-1]["rows"].append(
            {
                "ticket": ticket,
                "selected": selected.get(ticket.pk),
                "holder": holder,
                "person": people.get(named.get(ticket.pk)),
                "can_change": holder is not None and can_request_change(holder=holder, today=today),
            }
        )
    return packs


@attendees_referent_required
def attendees_group_delete(request, campaign_slug, group_id: int):
    campaign = request.campaign
    group = group_of(campaign=campaign, association=request.association, group_id=group_id)
    if request.method == "POST":
        try:
            group_delete(
                campaign=campaign,
                association=request.association,
                group_id=group.pk,
                actor=request.user,
            )
        except ValidationError as exc:
            messages_add_errors(request, exc)
            return redirect(
                "portal:attendees_group", campaign_slug=campaign.slug, group_id=group.pk
            )
        messages.success(
            request, f"Le groupe « {group.name} » est supprimé ; ses lots sont à regrouper."
        )
        return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    return render(
        request, "portal/attendees/group_delete.html", {"campaign": campaign, "group": group}
    )
