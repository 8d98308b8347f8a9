"""No page past the sign-in for someone who must pass a second factor and has not yet."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from billetterie.accounts.second_factor import has_second_factor, second_factor_required

# Pages reachable with the password alone: signing in and out, the second factor itself, password
# reset, the health check, the language switch and the static files.
OPEN_PREFIXES = ("/compte/", "/sante/", "/i18n/", "/static/")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and second_factor_required(user)
        ):
            target = (
                "accounts:second_factor"
                if has_second_factor(user)
                else "accounts:second_factor_setup"
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
