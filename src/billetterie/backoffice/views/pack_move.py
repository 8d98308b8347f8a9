"""Moving a pack of an allocation run by hand: find it (search, filters, pages; all in the
address, no script needed), choose it, then choose who receives it and say why. The run's service
(`allocation.services.run_move_pack`) applies the rule and writes the journal; a refusal comes
back on the page with everything chosen still in place."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from billetterie.allocation.models import RunStatus
from billetterie.allocation.selectors import (
    run_get,
    run_move_targets,
    run_pack_filter_choices,
    run_pack_get,
    run_packs,
)
from billetterie.allocation.services import run_move_pack
from billetterie.backoffice.forms.pack_move import PackChoiceForm, PackMoveForm, RunPackFilterForm
from billetterie.backoffice.forms.paging import PageForm
from billetterie.backoffice.permissions import operator_required
from billetterie.catalogue.models import Phase
from billetterie.core.web import form_service_call

PER_PAGE = 25


def session_words(session) -> str:
    """The session as the operator reads it: its sport, and its phase when it has a known one.
    (The English description of the official programme is not shown.)"""
    if session.phase and session.phase != Phase.OTHER:
        return f"{session.sport}, {session.get_phase_display().lower()}"
    return session.sport


def pack_words(pack) -> str:
    """« JO-0001 (Athlétisme, finale, mardi 30 juillet 2024, Saint-Denis, 8 billets) »."""
    session = pack.session
    tickets = f"{pack.size} billet{'s' if pack.size > 1 else ''}"
    return (
        f"{pack.reference} ({session_words(session)}, {date_format(session.date, 'l j F Y')}, "
        f"{session.venue.host_city.name}, {tickets})"
    )


def moved_message(pack, association_id: int | None, names: dict[int, str]) -> str:
    """What the success message says: which pack, from which association to which."""
    before = pack.holder_name
    after = names.get(association_id, "") if association_id is not None else None
    if after is None:
        what = (
            f"n'est plus proposé à « {before} » : il n'est proposé à personne et reste disponible"
        )
    elif before is None:
        what = f"n'était proposé à personne ; il est maintenant proposé à « {after} »"
    else:
        what = f"passe de « {before} » à « {after} »"
    return f"Le lot {pack_words(pack)} {what}. Les indicateurs du calcul sont recalculés."


@operator_required
def run_move(request, campaign_slug, number):
    """GET: the list of the run's packs and, once one is chosen (`?pack=…`), the move form.
    POST: the move; done → back to the same list with a message naming the pack and both
    associations; refused → the same page, the choices kept, each error beside its field."""
    campaign = request.campaign
    run = run_get(campaign=campaign, number=number)
    context = {"campaign": campaign, "run": run}
    if run.status != RunStatus.READY or run.instance is None:
        if request.method == "POST":
            messages.error(request, "Ce calcul ne peut plus être modifié.")
            return redirect("backoffice:run", campaign_slug=campaign.slug, number=run.number)
        return render(request, "backoffice/run_move.html", {**context, "editable": False})

    choices = run_pack_filter_choices(run=run)
    filters = RunPackFilterForm(request.GET, choices=choices)
    posted = request.method == "POST"
    pack_id = PackChoiceForm(request.POST if posted else request.GET).pack_id()
    # A pack that is not in this run (another campaign's, a made-up number) answers 404.
    pack = run_pack_get(run=run, pack_id=pack_id) if pack_id is not None else None
    targets = run_move_targets(run=run, pack_id=pack.pk) if pack else []
    form = PackMoveForm(
        request.POST if posted else None,
        pack=pack,
        targets=targets,
        associations=choices["holders"],
        initial={"pack": pack.pk if pack else None},
    )
    page_number = PageForm(request.GET).number()
    back = filters.query()
    if page_number and page_number > 1:
        back = f"{back}&page={page_number}" if back else f"page={page_number}"
    if form_service_call(
        request,
        form,
        lambda: run_move_pack(
            run=run,
            pack_id=form.cleaned_data["pack"],
            association_id=form.cleaned_data["association"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    ):
        names = {t.association_id: t.name for t in targets}
        messages.success(request, moved_message(pack, form.cleaned_data["association"], names))
        return redirect(f"{request.path}?{back}" if back else request.path)

    page = Paginator(run_packs(run=run, **filters.filters()), PER_PAGE).get_page(page_number)
    for row in page:
        row.event = session_words(row.session)
    if pack:
        pack.event = session_words(pack.session)
    context.update(
        editable=True,
        filters=filters,
        query=filters.query(),
        back=back,
        page=page,
        pack=pack,
        form=form,
        show_form=pack is not None or posted,
    )
    return render(request, "backoffice/run_move.html", context)
