"""Web plumbing shared by the audience apps (back office, portal…): no rule lives here.

- `private_file_response`: a download of private data, never cached, never sniffed;
- `form_add_errors` / `messages_add_errors`: the one way a service's ValidationError reaches the
  person — on the form's fields when it names them, otherwise at the top of the form or as a
  message;
- `safe_next_url`: a "come back to" address, only if it is on this site.
"""

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


def messages_add_errors(request, exc: ValidationError) -> None:
    """A service's errors as one message, for actions that have no form to show them on."""
    messages.error(request, " ".join(error_messages(exc)))


def safe_next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
