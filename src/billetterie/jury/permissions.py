"""The jury's one permission rule: a member of the jury of the campaign, and no one else.

The campaign is the member's own (`request.campaign`, from `User.jury_campaign`): jury URLs carry
no campaign. Anyone else signed in — a referent, the operator's staff, an administrator — gets 404,
as does any object the selectors do not find in the member's campaign (an entry of another
campaign, an entry before the submission window closes). The president's pages add
`president_required`: a member who is not the president gets 404 too.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from billetterie.contest.deliberation import is_president


def jury_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_jury and user.jury_campaign_id):
            raise Http404("introuvable")
        request.campaign = user.jury_campaign
        request.is_president = is_president(request.campaign, user)
        try:
            return view(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("introuvable") from exc

    wrapper.permission_rule = "jury"
    return wrapper


def president_required(view):
    """`jury_required`, and the member is the president of the jury."""

    @wraps(view)
    def only_president(request, *args, **kwargs):
        if not request.is_president:
            raise Http404("introuvable")
        return view(request, *args, **kwargs)

    return jury_required(only_president)
