"""Portal pages for offers: see the packs offered, accept or decline each one, give one back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.core import clock
from billetterie.core.web import form_add_errors, messages_add_errors
from billetterie.offers.boards import offer_board, offer_of_association
from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.continuous import released_pack_fate
from billetterie.offers.deadlines import can_be_given_back, days_left, give_back_deadline
from billetterie.offers.services import offer_accept, offer_decline, offer_give_back
from billetterie.portal.forms.offers import AcceptForm, GiveBackForm
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
    board = offer_board(association=request.association, now=clock.now(), today=clock.today())
    context = {
        "association": request.association,
        "board": board,
        "explained_campaigns": explanation_campaigns(association=request.association),
    }
    return render(request, "portal/offers.html", context)


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
