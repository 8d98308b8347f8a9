"""Security headers that Django does not set itself (Content-Security-Policy, permissions)."""

from django.conf import settings

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
