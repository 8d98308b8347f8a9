"""No page past the sign-in for someone who must pass a second factor and has not yet."""

import time

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from billetterie.accounts.second_factor import has_second_factor, second_factor_required

# Pages reachable with the password alone: signing in and out, the second factor itself, password
# reset, the health check, the language switch and the static files.
OPEN_PREFIXES = ("/compte/", "/sante/", "/i18n/", "/static/")
# Whether a person must pass a second factor takes five queries (their association, its operator,
# their devices): the answer is kept in the session and asked again after a minute (real time), so
# that a rule turned on by the operator, or a device added elsewhere, applies within a minute.
CHECKED = "second_factor_checked"
RECHECK_SECONDS = 60


def _required(request, user) -> bool:
    now = time.time()
    cached = request.session.get(CHECKED)
    if cached and cached[0] == user.pk and now - cached[1] < RECHECK_SECONDS:
        return cached[2]
    required = second_factor_required(user)
    request.session[CHECKED] = [user.pk, now, required]
    return required


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and _required(request, user)
        ):
            target = (
                "accounts:second_factor"
                if has_second_factor(user)
                else "accounts:second_factor_setup"
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
