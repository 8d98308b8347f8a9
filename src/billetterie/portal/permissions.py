"""The portal's one permission rule: a referent, acting for their own association only.

The rule resolves the association (`request.association`) and the campaign named in the URL
(`request.campaign`, one of the association's operator's campaigns); another association's object,
like any object a view's selectors do not find among the association's own, answers 404. The
attendee pages narrow the campaign further (`attendees_referent_required`): only a campaign in which
the association holds accepted packs.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from billetterie.attendees.selectors.association import campaign_with_accepted_packs
from billetterie.campaigns.selectors import campaign_of_association


def referent_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_referent:
            raise PermissionDenied
        request.association = user.association
        try:
            if "campaign_slug" in kwargs:
                request.campaign = campaign_of_association(
                    association=request.association, slug=kwargs["campaign_slug"]
                )
            return view(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("introuvable") from exc

    wrapper.permission_rule = "referent"
    return wrapper


def attendees_referent_required(view):
    """`referent_required`, and `request.campaign` is one where the association holds accepted packs."""

    @wraps(view)
    def with_accepted_packs(request, *args, **kwargs):
        request.campaign = campaign_with_accepted_packs(
            association=request.association, slug=kwargs["campaign_slug"]
        )
        return view(request, *args, **kwargs)

    return referent_required(with_accepted_packs)
