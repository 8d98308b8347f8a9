"""Portal pages for groups: create one, name its tickets with a live check, ask for a derogation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.models import PersonKind
from billetterie.attendees.selectors.association import (
    accepted_packs,
    derogations_of,
    group_of,
    holder_of,
    own_group_id,
    people_of,
)
from billetterie.attendees.selectors.boards import games_states
from billetterie.attendees.services.derogations import derogation_request
from billetterie.attendees.services.groups import (
    group_check,
    group_create,
    group_delete,
    group_name_holders,
)
from billetterie.attendees.services.name_changes import can_request_change, name_change_request
from billetterie.core import clock
from billetterie.inventory.models import Ticket
from billetterie.portal.permissions import referent_required
from billetterie.portal.views_attendees import _campaign, _field_errors
from billetterie.portal.views_attendees_forms import DerogationForm, GroupNewForm, NameChangeForm


@referent_required
def attendees_group_new(request, campaign_slug):
    campaign = _campaign(request, campaign_slug)
    states = games_states(campaign=campaign, association=request.association, today=clock.today())
    packs = [
        p
        for p in accepted_packs(campaign=campaign, association=request.association)
        if own_group_id(p, request.association.pk) is None and states[p.session.games_id].editable
    ]
    form = GroupNewForm(request.POST or None, packs=packs)
    if request.method == "POST" and form.is_valid():
        try:
            group = group_create(
                campaign=campaign,
                association=request.association,
                pack_ids=[int(pk) for pk in form.cleaned_data["packs"]],
                name=form.cleaned_data["name"],
                actor=request.user,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(
                request, f"Le groupe « {group.name} » est créé : nommez ses bénéficiaires."
            )
            return redirect(
                "portal:attendees_group", campaign_slug=campaign.slug, group_id=group.pk
            )
    return render(request, "portal/attendees/group_new.html", {"campaign": campaign, "form": form})


def _assignments(request, tickets) -> tuple[dict, object, list[str]]:
    """Ticket id → person id (or None) and the leader, read from the form; bad values reported."""
    problems = []

    def number(raw):
        if not raw:
            return None
        try:
            return int(raw)
        except ValueError:
            problems.append("Une valeur du formulaire est invalide : rechargez la page.")
            return None

    assignments = {t.pk: number(request.POST.get(f"billet-{t.pk}")) for t in tickets}
    return assignments, number(request.POST.get("responsable")), problems


@referent_required
def attendees_group(request, campaign_slug, group_id: int):
    campaign = _campaign(request, campaign_slug)
    association = request.association
    group = group_of(campaign=campaign, association=association, group_id=group_id)
    state = games_states(campaign=campaign, association=association, today=clock.today())[
        group.session.games_id
    ]
    tickets = list(
        Ticket.objects.filter(pack__group_link__group=group)
        .select_related("pack", "holder__person")
        .order_by("pack__reference", "number")
    )
    current = {t.pk: getattr(getattr(t, "holder", None), "person_id", None) for t in tickets}
    assignments, leader_id = current, group.leader_id
    violations, errors, checked = None, [], False
    if request.method == "POST" and state.editable:
        assignments, leader_id, errors = _assignments(request, tickets)
        if not errors and request.POST.get("action") == "enregistrer":
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
                errors = exc.messages
            else:
                if left:
                    messages.warning(
                        request,
                        "Bénéficiaires enregistrés. Des règles restent à respecter avant l'envoi : "
                        "voir la vérification ci-dessous.",
                    )
                else:
                    messages.success(
                        request, "Bénéficiaires enregistrés : toutes les règles sont respectées."
                    )
                return redirect(request.path)
        if not errors:
            checked = True
            violations = group_check(
                campaign=campaign,
                association=association,
                group=group,
                assignments=assignments,
                leader_id=leader_id,
            )
    if violations is None:
        violations = group_check(
            campaign=campaign,
            association=association,
            group=group,
            assignments=assignments,
            leader_id=leader_id,
        )
    violations = [v for v in violations if v.code != "attestation"]
    if request.method == "POST" and request.POST.get("fragment"):
        return render(
            request,
            "portal/attendees/_violations.html",
            {"violations": violations, "errors": errors, "checked": True},
        )
    people = list(
        people_of(campaign=campaign, association=association).order_by("kind", "name_key")
    )
    by_id = {p.pk: p for p in people}
    today = clock.today()
    rows = []
    for t in tickets:
        holder = getattr(t, "holder", None)
        rows.append(
            {
                "ticket": t,
                "selected": assignments.get(t.pk),
                "holder": holder,
                "person": by_id.get(current.get(t.pk)),
                "can_change": holder is not None and can_request_change(holder=holder, today=today),
            }
        )
    packs = []
    for row in rows:
        if not packs or packs[-1]["pack"].pk != row["ticket"].pack_id:
            packs.append({"pack": row["ticket"].pack, "rows": []})
        packs[-1]["rows"].append(row)
    context = {
        "campaign": campaign,
        "group": group,
        "state": state,
        "packs": packs,
        "youth": [p for p in people if p.kind == PersonKind.YOUTH],
        "supervisors": [p for p in people if p.kind == PersonKind.SUPERVISOR],
        "leader_id": leader_id,
        "leader": by_id.get(group.leader_id),
        "violations": violations,
        "errors": errors,
        "checked": checked,
        "derogations": list(
            derogations_of(campaign=campaign, association=association).filter(group=group)
        ),
    }
    return render(request, "portal/attendees/group.html", context)


@referent_required
def attendees_group_delete(request, campaign_slug, group_id: int):
    campaign = _campaign(request, campaign_slug)
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
            messages.error(request, " ".join(exc.messages))
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


@referent_required
def attendees_derogation_new(request, campaign_slug, group_id: int):
    campaign = _campaign(request, campaign_slug)
    group = group_of(campaign=campaign, association=request.association, group_id=group_id)
    form = DerogationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            derogation_request(
                campaign=campaign,
                association=request.association,
                group_id=group.pk,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, "La demande de dérogation est transmise à l'opérateur.")
            return redirect(
                "portal:attendees_group", campaign_slug=campaign.slug, group_id=group.pk
            )
    history = derogations_of(campaign=campaign, association=request.association).filter(group=group)
    context = {"campaign": campaign, "group": group, "form": form, "history": history}
    return render(request, "portal/attendees/derogation_new.html", context)


@referent_required
def attendees_name_change_new(request, campaign_slug, holder_id: int):
    campaign = _campaign(request, campaign_slug)
    holder = holder_of(campaign=campaign, association=request.association, holder_id=holder_id)
    people = people_of(campaign=campaign, association=request.association).exclude(
        pk=holder.person_id
    )
    form = NameChangeForm(request.POST or None, people=people.order_by("kind", "name_key"))
    allowed = can_request_change(holder=holder, today=clock.today())
    if request.method == "POST" and allowed and form.is_valid():
        try:
            name_change_request(
                campaign=campaign,
                association=request.association,
                holder_id=holder.pk,
                new_person_id=form.cleaned_data["new_person"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(
                request, "La demande de réattribution nominative est transmise à l'opérateur."
            )
            return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "holder": holder, "form": form, "allowed": allowed}
    return render(request, "portal/attendees/name_change_new.html", context)
