"""Portal pages for offers: see the packs offered with the totals per Games, accept or decline
one pack or several at once (one commitment, one confirmation), give one back."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from billetterie.core import clock
from billetterie.core.web import form_add_errors, messages_add_errors
from billetterie.offers.answers import (
    answerable_in_games,
    answers_preview,
    games_totals,
    offers_answer,
    to_answer_by_games,
)
from billetterie.offers.boards import offer_board, offer_of_association
from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.continuous import released_pack_fate
from billetterie.offers.deadlines import can_be_given_back, days_left, give_back_deadline
from billetterie.offers.services import offer_accept, offer_decline, offer_give_back
from billetterie.portal.forms.offers import (
    UNREADABLE,
    AcceptForm,
    AnswersForm,
    GiveBackForm,
    SelectionForm,
)
from billetterie.portal.permissions import referent_required
from billetterie.reporting.explanation import explanation_campaigns


def _answer(request, write, *, done: str, already: str, form=None, form_error: str = ""):
    """Run the offer service and say what happened; None to show the form again with its error.

    A replayed form (nothing changed) says so instead of acting twice. The service's error coded
    `form_error` belongs to the form; any other goes back to the offers as a message.
    """
    try:
        outcome = write()
    except ValidationError as exc:
        if form is None or getattr(exc, "code", None) != form_error:
            messages_add_errors(request, exc)
            return redirect("portal:offers")
        form_add_errors(form, exc)
        return None
    if outcome.changed:
        messages.success(request, done)
    else:
        messages.info(request, already)
    return redirect("portal:offers")


def _answerable(offer) -> dict:
    now = clock.now()
    return {"answerable": offer.can_be_answered(now), "days_left": days_left(offer=offer, at=now)}


@referent_required
def offers(request):
    now = clock.now()
    board = offer_board(association=request.association, now=now, today=clock.today())
    held = [card.offer for card in board["to_answer"] + board["accepted"]]
    totals = games_totals(association=request.association, offers=held, now=now)
    context = {
        "association": request.association,
        "board": board,
        "totals": totals,
        "groups": to_answer_by_games(board=board, totals=totals),
        "several_campaigns": len({t.campaign.pk for t in totals}) > 1,
        "explained_campaigns": explanation_campaigns(association=request.association),
    }
    return render(request, "portal/offers.html", context)


# Several offers at once: the offers page sends the packs ticked (GET), this page shows what will
# be accepted and declined with the totals, and its one form confirms (POST).

SELECTION_ERRORS = ("empty", "both_answers", "too_many")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _packs(offers) -> str:
    """« 2 lots (8 billets) : JO-0001, JO-0002 » — the packs named, as the referent knows them."""
    tickets = sum(offer.pack.size for offer in offers)
    references = ", ".join(offer.pack.reference for offer in offers)
    packs, tickets = _plural(len(offers), "lot", "lots"), _plural(tickets, "billet", "billets")
    return f"{packs} ({tickets}) : {references}"


def _selection(request, data, now) -> tuple[list[int], list[int]]:
    """The keys to accept and to decline: the packs ticked, those of each Games ticked whole (the
    ones still open to an answer, read now), and keys sent back by the confirmation page."""
    ticked = list(data["lot"])
    for campaign_id, games_id in data["tous"]:
        ticked += answerable_in_games(
            association=request.association, campaign_id=campaign_id, games_id=games_id, now=now
        )
    accept, decline = list(data["accepter"]), list(data["desister"])
    if data["reponse"] == "desister":
        decline += ticked
    elif data["reponse"] == "accepter" or ticked:
        accept += ticked
    return accept, decline


def _confirmation(request, *, accept, decline, form=None, error=None):
    """The confirmation page for this selection, read now; `error`: why the last confirmation
    changed nothing (on the commitment box when it is about it)."""
    now = clock.now()
    try:
        preview = answers_preview(
            association=request.association, accept_ids=accept, decline_ids=decline, now=now
        )
    except ValidationError as exc:
        messages_add_errors(request, exc)
        return redirect("portal:offers")
    commitment_required = getattr(error, "code", None) == "commitment_required"
    decline_the_rest = ""
    if preview.left_to_answer:
        query = [("accepter", o.pk) for o in preview.to_accept]
        query += [("desister", o.pk) for o in preview.to_decline + preview.left_to_answer]
        decline_the_rest = f"{reverse('portal:offers_answer')}?{urlencode(query)}"
    context = {
        "preview": preview,
        "commitment_errors": error.messages if commitment_required else [],
        "page_errors": error.messages if error is not None and not commitment_required else [],
        "commitment_given": bool(form is not None and form.cleaned_data.get("engagement")),
        "decline_the_rest": decline_the_rest,
    }
    return render(request, "portal/offers_answer.html", context)


@referent_required
def offers_answer_view(request):
    if request.method != "POST":
        selection = SelectionForm(request.GET)
        if not selection.is_valid():
            messages.error(request, UNREADABLE)
            return redirect("portal:offers")
        accept, decline = _selection(request, selection.cleaned_data, clock.now())
        return _confirmation(request, accept=accept, decline=decline)
    form = AnswersForm(request.POST)
    if not form.is_valid():
        messages.error(request, UNREADABLE)
        return redirect("portal:offers")
    accept, decline = form.cleaned_data["accepter"], form.cleaned_data["desister"]
    try:
        outcome = offers_answer(
            association=request.association,
            accept_ids=accept,
            decline_ids=decline,
            actor=request.user,
            commitment=form.cleaned_data["engagement"],
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) in SELECTION_ERRORS:
            messages_add_errors(request, exc)
            return redirect("portal:offers")
        # Nothing was written: the page again, read now (a pack that expired meanwhile is listed
        # with why), and the reason on top or on the commitment box.
        return _confirmation(request, accept=accept, decline=decline, form=form, error=exc)
    if outcome.accepted:
        messages.success(
            request,
            f"Acceptés : {_packs(outcome.accepted)}. Pensez à nommer les bénéficiaires avant "
            "l'échéance des attributions nominatives.",
        )
    if outcome.declined:
        messages.success(request, f"Désistements enregistrés : {_packs(outcome.declined)}.")
    if outcome.unchanged:
        messages.info(
            request,
            f"Réponses déjà enregistrées, rien n'a changé : {_packs(outcome.unchanged)}.",
        )
    return redirect("portal:offers")


@referent_required
def offer_accept_view(request, offer_id: int):
    offer = offer_of_association(association=request.association, offer_id=offer_id)
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = offer.pack.reference
        answered = _answer(
            request,
            lambda: offer_accept(
                offer_id=offer.pk,
                association=request.association,
                actor=request.user,
                commitment=form.cleaned_data["engagement"],
            ),
            done=f"Le lot {reference} est accepté. Pensez à nommer les bénéficiaires "
            "avant l'échéance des attributions nominatives.",
            already=f"Le lot {reference} était déjà accepté : rien n'a changé.",
            form=form,
            form_error="commitment_required",
        )
        if answered:
            return answered
    context = {
        "offer": offer,
        "form": form,
        "conditions": conditions_of_use(campaign=offer.campaign),
        **_answerable(offer),
    }
    return render(request, "portal/offer_accept.html", context)


@referent_required
def offer_decline_view(request, offer_id: int):
    offer = offer_of_association(association=request.association, offer_id=offer_id)
    if request.method == "POST":
        reference = offer.pack.reference
        return _answer(
            request,
            lambda: offer_decline(
                offer_id=offer.pk, association=request.association, actor=request.user
            ),
            done=f"Vous vous êtes désisté du lot {reference} : "
            f"{released_pack_fate(campaign=offer.campaign)}.",
            already=f"Le lot {reference} était déjà décliné : rien n'a changé.",
        )
    context = {"offer": offer, "fate": released_pack_fate(campaign=offer.campaign)}
    return render(request, "portal/offer_decline.html", {**context, **_answerable(offer)})


@referent_required
def offer_give_back_view(request, offer_id: int):
    offer = offer_of_association(association=request.association, offer_id=offer_id)
    form = GiveBackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = offer.pack.reference
        answered = _answer(
            request,
            lambda: offer_give_back(
                offer_id=offer.pk,
                association=request.association,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            ),
            done=f"Le lot {reference} est rendu : {released_pack_fate(campaign=offer.campaign)}.",
            already=f"Le lot {reference} était déjà rendu : rien n'a changé.",
            form=form,
            form_error="reason_required",
        )
        if answered:
            return answered
    deadline = give_back_deadline(offer=offer)
    context = {
        "offer": offer,
        "form": form,
        "deadline": deadline,
        "allowed": can_be_given_back(offer=offer, today=clock.today(), deadline=deadline),
        "fate": released_pack_fate(campaign=offer.campaign),
    }
    return render(request, "portal/offer_give_back.html", context)
