"""Back-office « Jeu-concours » page of a campaign: settings (shown before they are saved),
scoring criteria, the kit, the jury and its president, and who takes part. The operator never
sees which anonymous label belongs to which association: that is revealed by the deliberation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.accounts.models import Role
from billetterie.backoffice.forms.contest import (
    ContestSettingsForm,
    CriterionActionForm,
    CriterionForm,
    JuryMemberForm,
    KitDeleteForm,
    KitFileForm,
    PresidentForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import preview_then_confirm
from billetterie.contest.selectors import (
    contest_calendar,
    contest_settings_of,
    criteria_of,
    jury_members_of,
    kit_file_download,
    kit_file_of,
    kit_files_of,
    participation_counts,
    participations_of,
    prestige_stock,
)
from billetterie.contest.services.settings import (
    contest_president_set,
    contest_settings_ensure,
    contest_settings_preview,
    contest_settings_update,
    criterion_add,
    criterion_delete,
    criterion_move,
    criterion_update,
    kit_file_add,
    kit_file_delete,
)
from billetterie.core import clock
from billetterie.core.web import form_add_errors, messages_add_errors, private_file_response
from billetterie.outbox.invitations import account_create


def _page(
    request,
    *,
    form=None,
    preview=None,
    criterion_form=None,
    kit_form=None,
    jury_form=None,
    confirm=None,
):
    campaign = request.campaign
    settings = contest_settings_of(campaign=campaign)
    members = list(jury_members_of(campaign=campaign).filter(is_active=True))
    criteria = list(criteria_of(campaign=campaign))
    context = {
        "campaign": campaign,
        "settings": settings,
        "form": form or ContestSettingsForm(initial=ContestSettingsForm.initial_of(settings)),
        "preview": preview,
        "criteria": [
            (
                c,
                CriterionForm(
                    initial={"name": c.name, "description": c.description, "weight": c.weight},
                    prefix=f"c{c.pk}",
                ),
            )
            for c in criteria
        ],
        "total_weight": sum(c.weight for c in criteria),
        "criterion_form": criterion_form or CriterionForm(prefix="new"),
        "kit_files": list(kit_files_of(campaign=campaign)),
        "kit_form": kit_form or KitFileForm(),
        "members": members,
        "jury_form": jury_form or JuryMemberForm(),
        "president_form": PresidentForm(
            initial={"president": settings.president_id}, members=members
        ),
        "stock": prestige_stock(campaign=campaign),
        "calendar": contest_calendar(campaign=campaign, today=clock.today()),
        "participations": list(participations_of(campaign=campaign)),
        "counts": participation_counts(campaign=campaign),
        "confirm": confirm,
    }
    return render(request, "backoffice/contest.html", context)


@operator_required
def contest(request, campaign_slug):
    campaign = request.campaign
    contest_settings_ensure(campaign=campaign, actor=request.user)
    form = ContestSettingsForm(request.POST if request.method == "POST" else None)
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: contest_settings_preview(campaign=campaign, values=form.values()),
        confirm=lambda: contest_settings_update(
            campaign=campaign, values=form.values(), actor=request.user
        ),
    )
    if outcome.confirmed:
        messages.success(request, "Réglages du jeu-concours enregistrés.")
        return redirect("backoffice:contest", campaign_slug=campaign.slug)
    if outcome.unchanged:
        messages.info(request, "Aucune valeur n'a changé : rien n'a été enregistré.")
    return _page(request, form=form if request.method == "POST" else None, preview=outcome)


@operator_required
@require_POST
def contest_criteria(request, campaign_slug):
    campaign, user = request.campaign, request.user
    back = redirect("backoffice:contest", campaign_slug=campaign.slug)
    if "add" in request.POST:
        form = CriterionForm(request.POST, prefix="new")
        if form.is_valid():
            try:
                criterion_add(campaign=campaign, actor=user, **form.cleaned_data)
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                messages.success(request, f"Critère « {form.cleaned_data['name']} » ajouté.")
                return back
        return _page(request, criterion_form=form)
    action = CriterionActionForm(request.POST)
    if not action.is_valid():
        messages.error(request, "Cette demande est illisible : rien n'a été enregistré.")
        return back
    criterion_id, verb = action.cleaned_data["criterion"], action.cleaned_data["action"]
    criterion = criteria_of(campaign=campaign).get(pk=criterion_id)
    try:
        if verb == "save":
            form = CriterionForm(request.POST, prefix=f"c{criterion_id}")
            if not form.is_valid():
                messages.error(request, "Indiquez le nom du critère et un poids de 1 à 100.")
                return back
            criterion_update(
                campaign=campaign, criterion_id=criterion_id, actor=user, **form.cleaned_data
            )
            messages.success(request, f"Critère « {form.cleaned_data['name']} » enregistré.")
        elif verb == "delete":
            if not action.cleaned_data["confirmed"]:
                return _page(request, confirm={"kind": "criterion", "object": criterion})
            criterion_delete(campaign=campaign, criterion_id=criterion_id, actor=user)
            messages.success(request, f"Critère « {criterion.name} » supprimé.")
        else:
            criterion_move(
                campaign=campaign, criterion_id=criterion_id, up=verb == "up", actor=user
            )
    except ValidationError as exc:
        messages_add_errors(request, exc)
    return back


@operator_required
@require_POST
def contest_kit(request, campaign_slug):
    campaign = request.campaign
    back = redirect("backoffice:contest", campaign_slug=campaign.slug)
    if "kit_file" in request.POST:
        action = KitDeleteForm(request.POST)
        if not action.is_valid():
            messages.error(request, "Cette demande est illisible : rien n'a été enregistré.")
            return back
        kit = kit_file_of(campaign=campaign, file_id=action.cleaned_data["kit_file"])
        if not action.cleaned_data["confirmed"]:
            return _page(request, confirm={"kind": "kit", "object": kit})
        kit_file_delete(campaign=campaign, file_id=kit.pk, actor=request.user)
        messages.success(request, f"« {kit.title} » est retiré du kit.")
        return back
    form = KitFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            kit_file_add(
                campaign=campaign,
                title=form.cleaned_data["title"],
                content=form.cleaned_data["file"].read(5 * 1024 * 1024 + 1),
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, f"« {form.cleaned_data['title']} » est ajouté au kit.")
            return back
    return _page(request, kit_form=form)


@operator_required
def contest_kit_file(request, campaign_slug, file_id: int):
    kit = kit_file_of(campaign=request.campaign, file_id=file_id)
    content, filename = kit_file_download(kit=kit)
    return private_file_response(content, content_type=kit.content_type, filename=filename)


@operator_required
@require_POST
def contest_jury(request, campaign_slug):
    campaign = request.campaign
    back = redirect("backoffice:contest", campaign_slug=campaign.slug)
    if "president" in request.POST:
        members = jury_members_of(campaign=campaign).filter(is_active=True)
        form = PresidentForm(request.POST, members=members)
        if not form.is_valid():
            messages.error(request, "Choisissez le président parmi les membres du jury.")
            return back
        contest_president_set(
            campaign=campaign, user_id=form.cleaned_data["president"], actor=request.user
        )
        messages.success(request, "Présidence du jury enregistrée.")
        return back
    form = JuryMemberForm(request.POST)
    if form.is_valid():
        try:
            account_create(
                campaign=campaign, role=Role.JURY, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request,
                f"{form.cleaned_data['first_name']} {form.cleaned_data['last_name']} rejoint le "
                f"jury : une invitation à choisir son mot de passe part à "
                f"{form.cleaned_data['email'].lower()}.",
            )
            return back
    return _page(request, jury_form=form)
