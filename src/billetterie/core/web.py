"""Web plumbing shared by the audience apps (back office, portal…): no rule lives here.

- `private_file_response`: a download of private data, never cached, never sniffed;
- `form_add_errors` / `messages_add_errors`: the one way a service's ValidationError reaches the
  person — on the form's fields when it names them, otherwise at the top of the form or as a
  message;
- `safe_next_url`: a "come back to" address, only if it is on this site.
"""

import unicodedata

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def private_file_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def error_messages(exc: ValidationError) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


def form_add_errors(form, exc: ValidationError) -> None:
    """Put a service's errors on the form: on a field it names, else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error_messages(exc))


def form_service_call(request, form, call) -> bool:
    """On a valid POST, run `call` (a service); a refusal goes on the form. True when it went through."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        call()
    except ValidationError as exc:
        form_add_errors(form, exc)
        return False
    return True


def messages_add_errors(request, exc: ValidationError) -> None:
    """A service's errors as one message, for actions that have no form to show them on."""
    messages.error(request, " ".join(error_messages(exc)))


MAX_NEXT_URL = 2000


def safe_next_url(request, default: str) -> str:
    """The `next` of the request if it is a plain path of this site ("/…"), else `default`.

    Anything else is refused rather than repaired: a bare word (which `redirect()` would take for
    a URL name, and fail), another site ("//host", "http://…", "/\\host"), a scheme
    ("javascript:…"), spaces or control characters (a header split), or an absurd length.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and len(target) <= MAX_NEXT_URL
        and not any(c.isspace() or unicodedata.category(c)[0] == "C" for c in target)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=set())
    ):
        return target
    return default
