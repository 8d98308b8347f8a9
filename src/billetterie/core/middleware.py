"""Security at the door: headers Django does not set itself (Content-Security-Policy, permissions,
no caching of private pages), the idle session timeout, and requests refused before any view
(NUL characters, bodies too big for any upload)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from billetterie.core import clock
from billetterie.core.views import bad_request, request_too_large

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in a query string or form is never legitimate, and PostgreSQL refuses it.

    Answer 400 at the door instead of letting a raw filter value reach the database as a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values)
            for source in sources
            for key, values in source.lists()
        ):
            return bad_request(request)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A body announced bigger than any upload (REQUEST_MAX_BYTES) is refused (413) unread.

    Placed before anything that reads the body (CSRF, forms). A body without a valid
    Content-Length is read by Django as empty, so it needs no check here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            return request_too_large(request, limit)
        return self.get_response(request)


# The audience spaces: every page there carries an association's or a campaign's data.
PRIVATE_PREFIXES = ("/association/", "/gestion/")


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in user and on every
    response of the audience spaces, unless the view chose its own; static files (served earlier
    by WhiteNoise) are not concerned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or path.startswith(PRIVATE_PREFIXES):
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


LAST_ACTIVITY = "billetterie_last_activity"
# The last activity is written at most once a minute: a session is not saved on every request.
ACTIVITY_PRECISION = 60


class IdleSessionMiddleware:
    """A session unused for SESSION_IDLE_TIMEOUT seconds ends: the person is signed out and sent
    to the sign-in page, which says why; what they were doing is not carried out.

    Real time, never the platform clock (which a demo or a test may freeze)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY)
            timeout = settings.SESSION_IDLE_TIMEOUT
            if last is not None and now - last > timeout:
                logout(request)
                messages.info(
                    request,
                    f"Votre session a expiré après {round(timeout / 60)} minutes d'inactivité : "
                    "reconnectez-vous pour continuer.",
                )
                back = request.get_full_path() if request.method == "GET" else None
                return redirect_to_login(back)
            if last is None or now - last >= ACTIVITY_PRECISION:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


class ClockReadingMiddleware:
    """The platform clock's stored setting read once per request, not at each `clock.now()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with clock.one_reading():
            return self.get_response(request)
