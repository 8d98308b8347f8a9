"""The back office's one permission rule: operator staff (or a platform administrator)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def operator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_operator_staff or user.is_platform_admin):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.permission_rule = "operator"
    return wrapper
