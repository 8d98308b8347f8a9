"""The back office's one permission rule: operator staff (or a platform administrator).

The rule also resolves the campaign named in the URL (`request.campaign`): another operator's
campaign, like any object a view's selectors do not find, answers 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from billetterie.campaigns.selectors import campaign_visible_to


def operator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_operator_staff or user.is_platform_admin):
            raise PermissionDenied
        try:
            if "campaign_slug" in kwargs:
                request.campaign = campaign_visible_to(user, kwargs["campaign_slug"])
            return view(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("introuvable") from exc

    wrapper.permission_rule = "operator"
    return wrapper
