"""Portal pages of the attendance on the day: the association's groups whose session has come, and
for each, how many youth and supervisors came (a correction shows what changes before saving)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.core import clock
from billetterie.core.web import form_add_errors
from billetterie.delivery.attendance import attendance_file, attendance_group, attendance_groups
from billetterie.portal.forms.attendance import AttendanceForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendance(request, campaign_slug):
    campaign = request.campaign
    rows = attendance_groups(
        campaign=campaign, today=clock.today(), association_id=request.association.pk
    )
    context = {
        "campaign": campaign,
        "rows": [r for r in rows if r.due],
        "upcoming": [r for r in rows if not r.due],
    }
    return render(request, "portal/attendance/index.html", context)


@attendees_referent_required
def attendance_group_view(request, campaign_slug, group_id: int):
    campaign, association = request.campaign, request.association
    row = attendance_group(
        campaign=campaign, association=association, group_id=group_id, today=clock.today()
    )
    form = AttendanceForm(request.POST if request.method == "POST" else None, row=row)
    changes = []
    editing = request.POST.get("step") == "edit"  # back from the changes to the typed values
    if request.method == "POST" and row.due and form.is_valid() and not editing:
        if row.report is not None:
            changes = form.changes(row.report)
            if not changes:
                messages.info(request, "Aucune valeur n'a changé : rien n'a été enregistré.")
                return redirect("portal:attendance", campaign_slug=campaign.slug)
        if row.report is None or form.cleaned_data["confirmed"]:
            try:
                attendance_file(
                    campaign=campaign,
                    association=association,
                    group_id=row.group_id,
                    youth_present=form.cleaned_data["youth_present"],
                    supervisors_present=form.cleaned_data["supervisors_present"],
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
                changes = []
            else:
                messages.success(
                    request,
                    f"Présence {'corrigée' if row.report else 'enregistrée'} pour le groupe "
                    f"« {row.group_name} ». Merci !",
                )
                return redirect("portal:attendance", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "row": row, "form": form, "changes": changes}
    return render(request, "portal/attendance/group.html", context)
