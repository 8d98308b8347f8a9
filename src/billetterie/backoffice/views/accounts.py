"""Back-office « Comptes » page of a campaign: who may sign in (operator staff, the campaign's jury,
the referents of the operator's associations), who never did, their invitations; invite again,
open an account for a staff member or a jury member."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from billetterie.accounts.invitations import invitation_days, invitation_expires_at
from billetterie.accounts.models import Role
from billetterie.accounts.selectors import (
    account_of_campaign,
    accounts_of_campaign,
    invitation_state,
    never_signed_in_count,
    referents_of_campaign,
)
from billetterie.backoffice.forms.accounts import (
    AccountCreateForm,
    AccountFilterForm,
    InvitationRenewForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import paginate
from billetterie.core.web import form_service_call, messages_add_errors
from billetterie.outbox.invitations import account_create, invitation_renew


def _rows(users, now) -> list[dict]:
    return [
        {
            "user": user,
            "state": invitation_state(user, now=now),
            "expires_at": invitation_expires_at(user),
            "renew": InvitationRenewForm(initial={"seen": user.invitations_sent}),
        }
        for user in users
    ]


@operator_required
def accounts(request, campaign_slug):
    campaign = request.campaign
    now = timezone.now()
    others = accounts_of_campaign(campaign=campaign).exclude(role=Role.REFERENT)
    form = AccountFilterForm(request.GET or None)
    page, query = paginate(request, referents_of_campaign(campaign=campaign, **form.filters()))
    context = {
        "campaign": campaign,
        "staff": _rows(others.filter(role=Role.OPERATOR_STAFF).order_by("email"), now),
        "jury": _rows(others.filter(role=Role.JURY).order_by("email"), now),
        "referents": _rows(page.object_list, now),
        "page": page,
        "query": query,
        "form": form,
        "never_signed_in": never_signed_in_count(campaign=campaign),
        "days": invitation_days(),
    }
    return render(request, "backoffice/accounts.html", context)


@operator_required
@require_POST
def account_invite(request, campaign_slug, user_id: int):
    campaign = request.campaign
    user = account_of_campaign(campaign=campaign, user_id=user_id)
    form = InvitationRenewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cette demande d'invitation est illisible : rien n'a été envoyé.")
        return redirect("backoffice:accounts", campaign_slug=campaign.slug)
    try:
        message = invitation_renew(
            user_id=user.pk, seen=form.cleaned_data["seen"], campaign=campaign, actor=request.user
        )
    except ValidationError as exc:
        messages_add_errors(request, exc)
    else:
        if message is None:
            messages.info(
                request,
                f"Une invitation plus récente est déjà partie à {user.email} : rien de plus.",
            )
        else:
            messages.success(
                request,
                f"Une nouvelle invitation part à {user.email} ; son lien est valable "
                f"{invitation_days()} jours et remplace le précédent.",
            )
    return redirect("backoffice:accounts", campaign_slug=campaign.slug)


@operator_required
def account_new(request, campaign_slug):
    campaign = request.campaign
    form = AccountCreateForm(request.POST if request.method == "POST" else None)
    if form_service_call(
        request,
        form,
        lambda: account_create(campaign=campaign, actor=request.user, **form.values()),
    ):
        values = form.values()
        messages.success(
            request,
            f"Le compte de {values['first_name']} {values['last_name']} est ouvert : une "
            f"invitation à choisir son mot de passe part à {values['email'].lower()}.",
        )
        return redirect("backoffice:accounts", campaign_slug=campaign.slug)
    return render(request, "backoffice/account_new.html", {"campaign": campaign, "form": form})
