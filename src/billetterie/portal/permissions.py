"""The portal's one permission rule: a referent, acting for their own association only."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def referent_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_referent:
            raise PermissionDenied
        request.association = user.association
        return view(request, *args, **kwargs)

    wrapper.permission_rule = "referent"
    return wrapper
