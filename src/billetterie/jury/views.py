"""The jury's pages. Before the close, nothing here names an association or a file: an entry is
its label (« Enregistrement 7 »), its duration and its sound."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from billetterie.contest import deliberation as contest
from billetterie.contest.models import Entry, ScoreMethod
from billetterie.contest.ranking import TRIMMED_MIN_MARKS
from billetterie.core.web import error_messages, form_add_errors, private_ranged_response
from billetterie.jury.forms import CloseForm, MoveForm, ScoreForm
from billetterie.jury.permissions import jury_required, president_required

AUDIO_TYPES = ("audio/", "video/webm")


def _progress(rows) -> tuple[int, int]:
    return sum(1 for r in rows if r.complete), len(rows)


@require_safe
@jury_required
def home(request):
    campaign = request.campaign
    rows = contest.member_entries(campaign, request.user)
    done, total = _progress(rows)
    context = {
        "campaign": campaign,
        "phase": contest.contest_phase(campaign),
        "rows": rows,
        "done": done,
        "total": total,
        "criteria": contest.criteria_of(campaign),
        "next_row": next((r for r in rows if not r.complete), None),
    }
    return render(request, "jury/home.html", context)


@jury_required
def entry(request, entry_id: int):
    campaign = request.campaign
    item = contest.entry_for_member(campaign, request.user, entry_id)
    closed = contest.is_closed(campaign)
    criteria = contest.criteria_of(campaign)
    values, comment = contest.member_scores(item, request.user)
    initial = {f"criterion_{k}": v for k, v in values.items()} | {"comment": comment}
    form = ScoreForm(
        request.POST if request.method == "POST" and not closed else None,
        criteria=criteria,
        initial=initial,
    )
    rows = contest.member_entries(campaign, request.user)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            contest.scores_save(
                campaign=campaign,
                entry_id=item.pk,
                values=form.values(),
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, f"Vos notes de « {item.label} » sont enregistrées.")
            rows = contest.member_entries(campaign, request.user)
            following = next((r for r in _after(rows, item.pk) if not r.complete), None)
            if following is not None:
                return redirect("jury:entry", entry_id=following.entry.pk)
            return redirect("jury:home")
    elif request.method == "POST" and closed:
        messages.error(request, "La délibération est close : les notes ne changent plus.")
    previous, following = contest.neighbours(rows, item.pk)
    done, total = _progress(rows)
    position = [r.entry.pk for r in rows].index(item.pk) + 1
    context = {
        "campaign": campaign,
        "entry": item,
        "form": form,
        "closed": closed,
        "criteria": criteria,
        "my_scores": [(c, values.get(c.pk)) for c in criteria],
        "comment": comment,
        "previous": previous,
        "following": following,
        "position": position,
        "done": done,
        "total": total,
    }
    return render(request, "jury/entry.html", context)


def _after(rows, entry_id):
    """The rows after this entry in the member's order, then those before it (wrapping)."""
    ids = [r.entry.pk for r in rows]
    at = ids.index(entry_id) if entry_id in ids else -1
    return rows[at + 1 :] + rows[: max(at, 0)]


@require_safe
@jury_required
def entry_audio(request, entry_id: int):
    item = contest.entry_for_member(request.campaign, request.user, entry_id)
    if not item.file:
        raise Entry.DoesNotExist
    content_type = item.content_type if item.content_type.startswith(AUDIO_TYPES) else ""
    return private_ranged_response(
        request,
        item.file.storage.open(item.file.name, "rb"),
        size=item.file.size,
        content_type=content_type or "application/octet-stream",
    )


@president_required
def deliberation(request):
    campaign = request.campaign
    rows = contest.deliberation_table(campaign)
    closed = contest.is_closed(campaign)
    form = MoveForm(
        request.POST if request.method == "POST" else None, entries=[r.entry for r in rows]
    )
    if request.method == "POST" and not closed and form.is_valid():
        try:
            contest.deliberation_move(
                campaign=campaign,
                entry_id=form.cleaned_data["entry"],
                direction=form.cleaned_data["direction"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, "Le classement est ajusté ; le motif est journalisé.")
            return redirect("jury:deliberation")
    if closed:
        return redirect("jury:results")
    options = contest.contest_settings(campaign)
    context = {
        "campaign": campaign,
        "rows": rows,
        "form": form,
        "members": list(contest.jury_members(campaign)),
        "progress": contest.members_progress(campaign),
        "phase": contest.contest_phase(campaign),
        "trimmed": bool(options and options.score_method == ScoreMethod.TRIMMED),
        "trimmed_min": TRIMMED_MIN_MARKS,
    }
    return render(request, "jury/deliberation.html", context)


@president_required
def deliberation_close(request):
    campaign = request.campaign
    if contest.is_closed(campaign):
        return redirect("jury:results")
    rows = contest.deliberation_table(campaign)
    fingerprint = contest.order_fingerprint(rows)
    form = CloseForm(
        request.POST if request.method == "POST" else None, initial={"fingerprint": fingerprint}
    )
    refused = []
    if request.method == "POST" and form.is_valid():
        try:
            contest.deliberation_close(
                campaign=campaign,
                fingerprint=form.cleaned_data["fingerprint"],
                actor=request.user,
            )
        except ValidationError as exc:
            # Show the order as it is now, with its own fingerprint, and why nothing was closed.
            form = CloseForm(initial={"fingerprint": fingerprint})
            refused = error_messages(exc)
        else:
            messages.success(
                request, "La délibération est close : les résultats sont envoyés aux associations."
            )
            return redirect("jury:results")
    context = {
        "campaign": campaign,
        "rows": rows,
        "form": form,
        "refused": refused,
        "progress": contest.members_progress(campaign),
    }
    return render(request, "jury/deliberation_close.html", context)


@require_safe
@jury_required
def results(request):
    campaign = request.campaign
    context = {
        "campaign": campaign,
        "rows": contest.revealed_ranking(campaign),
        "deliberation": contest.deliberation_of(campaign),
    }
    return render(request, "jury/results.html", context)
