"""Portal pages for offers: see the packs offered, accept or decline each one, give one back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from billetterie.core import clock
from billetterie.offers.boards import offer_board, offer_of_association
from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.deadlines import can_be_given_back, days_left, give_back_deadline
from billetterie.offers.models import Offer
from billetterie.offers.services import offer_accept, offer_decline, offer_give_back
from billetterie.portal.forms_offers import AcceptForm, GiveBackForm
from billetterie.portal.permissions import referent_required


def _own_offer(request, offer_id: int) -> Offer:
    try:
        return offer_of_association(association=request.association, offer_id=offer_id)
    except Offer.DoesNotExist:
        raise Http404("proposition introuvable") from None


def _error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _report(request, outcome, *, done: str, already: str) -> None:
    """Say what happened; a replayed form (nothing changed) says so instead of acting twice."""
    if outcome.changed:
        messages.success(request, done)
    else:
        messages.info(request, already)


@referent_required
def offers(request):
    board = offer_board(association=request.association, now=clock.now(), today=clock.today())
    return render(
        request, "portal/offers.html", {"association": request.association, "board": board}
    )


@referent_required
def offer_accept_view(request, offer_id: int):
    offer = _own_offer(request, offer_id)
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = offer_accept(
                offer_id=offer.pk,
                association=request.association,
                actor=request.user,
                commitment=form.cleaned_data["engagement"],
            )
        except Offer.DoesNotExist:
            raise Http404("proposition introuvable") from None
        except ValidationError as exc:
            if getattr(exc, "code", None) != "commitment_required":
                messages.error(request, _error(exc))
                return redirect("portal:offers")
            form.add_error("engagement", exc)
        else:
            reference = offer.pack.reference
            _report(
                request,
                outcome,
                done=f"Le lot {reference} est accepté. Pensez à nommer les bénéficiaires "
                "avant l'échéance des attributions nominatives.",
                already=f"Le lot {reference} était déjà accepté : rien n'a changé.",
            )
            return redirect("portal:offers")
    now = clock.now()
    context = {
        "offer": offer,
        "form": form,
        "conditions": conditions_of_use(campaign=offer.campaign),
        "answerable": offer.can_be_answered(now),
        "days_left": days_left(offer=offer, at=now),
    }
    return render(request, "portal/offer_accept.html", context)


@referent_required
def offer_decline_view(request, offer_id: int):
    offer = _own_offer(request, offer_id)
    if request.method == "POST":
        try:
            outcome = offer_decline(
                offer_id=offer.pk, association=request.association, actor=request.user
            )
        except Offer.DoesNotExist:
            raise Http404("proposition introuvable") from None
        except ValidationError as exc:
            messages.error(request, _error(exc))
        else:
            reference = offer.pack.reference
            _report(
                request,
                outcome,
                done=f"Vous vous êtes désisté du lot {reference} : il est proposé à d'autres "
                "associations.",
                already=f"Le lot {reference} était déjà décliné : rien n'a changé.",
            )
        return redirect("portal:offers")
    now = clock.now()
    context = {
        "offer": offer,
        "answerable": offer.can_be_answered(now),
        "days_left": days_left(offer=offer, at=now),
    }
    return render(request, "portal/offer_decline.html", context)


@referent_required
def offer_give_back_view(request, offer_id: int):
    offer = _own_offer(request, offer_id)
    form = GiveBackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = offer_give_back(
                offer_id=offer.pk,
                association=request.association,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except Offer.DoesNotExist:
            raise Http404("proposition introuvable") from None
        except ValidationError as exc:
            if getattr(exc, "code", None) != "reason_required":
                messages.error(request, _error(exc))
                return redirect("portal:offers")
            form.add_error("reason", exc)
        else:
            reference = offer.pack.reference
            _report(
                request,
                outcome,
                done=f"Le lot {reference} est rendu : il retourne aux autres associations.",
                already=f"Le lot {reference} était déjà rendu : rien n'a changé.",
            )
            return redirect("portal:offers")
    deadline = give_back_deadline(offer=offer)
    context = {
        "offer": offer,
        "form": form,
        "deadline": deadline,
        "allowed": can_be_given_back(offer=offer, today=clock.today(), deadline=deadline),
    }
    return render(request, "portal/offer_give_back.html", context)
