"""Sign-in throttling (django-axes): three counts, each with its own limit, and the client address.

Failed sign-ins are counted over `AXES_COOLOFF_TIME` (then forgotten) in three ways:

- one account from one address: `AXES_FAILURE_LIMIT` (someone mistyping, or guessing one password);
- one address, whatever the accounts: `LOGIN_FAILURE_LIMIT_PER_ADDRESS` (password spraying: one
  password tried over many accounts);
- one account, whatever the addresses: `LOGIN_FAILURE_LIMIT_PER_ACCOUNT`, higher (guessing spread
  over many addresses).

Reaching any of them blocks sign-in (429 and the lockout page) until the cool-off ends; a
successful sign-in clears the account's own failures, never its address's; a completed password
reset clears the account's failures (`account_failures_clear`).

The client address is the proxy's `X-Forwarded-For` entry only when `BEHIND_PROXY` is set:
otherwise anyone could write that header and be counted under any address.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind the proxy the entry the proxy itself added.

    Each proxy appends the address it received the request from to `X-Forwarded-For`: with
    `PROXY_COUNT` trusted proxies in front of the application, the client is the
    `PROXY_COUNT`-th entry from the right. Entries further left were written by the client and
    are ignored.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    count = max(1, int(getattr(settings, "PROXY_COUNT", 1)))
    if len(hops) < count:
        return remote
    return _valid_ip(hops[-count]) or remote


def username_normalise(request, credentials) -> str | None:
    """The account as counted: an e-mail address, in any case, is one account."""
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        data = getattr(request, "data", None) or request.POST
        username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        return None
    return str(username).strip().lower()


def _group_limit(parameter) -> int:
    """The limit of one lockout group of AXES_LOCKOUT_PARAMETERS."""
    names = {parameter} if isinstance(parameter, str) else set(parameter)
    if names == {"ip_address"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    if names == {"username"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
    return settings.AXES_FAILURE_LIMIT


class ThrottlingHandler(AxesDatabaseHandler):
    """Axes' database handler, with one limit per lockout group instead of one for all."""

    def get_failures(self, request, credentials=None) -> int:
        """The worst group, scaled to AXES_FAILURE_LIMIT: it reaches that limit exactly when the
        group reaches its own (axes compares this number with AXES_FAILURE_LIMIT)."""
        limit = settings.AXES_FAILURE_LIMIT
        parameters = get_lockout_parameters(request, credentials)
        username = get_client_username(request, credentials)
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            names = {parameter} if isinstance(parameter, str) else set(parameter)
            if "username" in names and not username:
                continue
            if "ip_address" in names and not request.axes_ip_address:
                continue
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures * limit // _group_limit(parameter))
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in: the account's failures only, never the whole address's
        (an attacker with an account of their own must not clear their address's count)."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        return account_failures_clear(username)


def account_failures_clear(username: str) -> int:
    """Forget the failed sign-ins of one account (any address); the number of records removed."""
    count, _ = AccessAttempt.objects.filter(username=username.strip().lower()).delete()
    return count
