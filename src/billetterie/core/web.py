"""Web plumbing shared by the audience apps (back office, portal…): no rule lives here.

- `private_file_response`: a download of private data, never cached, never sniffed;
- `private_ranged_response`: a private file played in the page (an audio entry), with HTTP range
  requests so that the browser's player can seek; inline, without the file's original name;
- `form_add_errors` / `messages_add_errors`: the one way a service's ValidationError reaches the
  person — on the form's fields when it names them, otherwise at the top of the form or as a
  message;
- `safe_next_url`: a "come back to" address, only if it is on this site.
"""

import re
import unicodedata

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def private_file_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The (first, last) bytes asked by a `Range` header, inclusive, within a file of `size` bytes.

    None: no range asked, or one this helper does not serve (another unit, several ranges) — the
    whole file is sent, as RFC 9110 allows. False: a bytes range that cannot be served (malformed,
    reversed, or starting past the end) — the answer is 416.
    """
    header = (header or "").strip()
    if not header.startswith("bytes="):
        return None
    if "," in header:
        return None
    match = RANGE.match(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return False
    start, end = match.groups()
    if start == "":  # the last N bytes
        length = int(end)
        if length == 0 or size == 0:
            return False
        return max(0, size - length), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if first > last or first >= size:
        return False
    return first, min(last, size - 1)


def _chunks(stream, first: int, length: int):
    try:
        stream.seek(first)
        while length > 0:
            data = stream.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        stream.close()


def private_ranged_response(request, stream, *, size: int, content_type: str):
    """Serve an open private binary file (seekable; closed once sent) inline, honouring a single
    `Range: bytes=…` request: 206 with `Content-Range`, 416 when it cannot be served. Never
    cached by a shared cache, never sniffed, never named after what the user uploaded."""
    asked = byte_range(request.headers.get("Range", ""), size)
    if asked is False:
        stream.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        first, last = asked if asked else (0, size - 1)
        length = max(0, last - first + 1)
        status = 206 if asked else 200
        if request.method == "HEAD":  # the headers only: nothing read
            stream.close()
            response = HttpResponse(status=status, content_type=content_type)
        else:
            response = StreamingHttpResponse(
                _chunks(stream, first, length), status=status, content_type=content_type
            )
        response["Content-Length"] = str(length)
        if asked:
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = "inline"
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


def form_post_with_messages(request, form, call, *, success, invalid: str) -> None:
    """An action whose page redirects after the POST: on a valid form run `call` (a service) and
    say `success(result)`; a refusal, or an invalid form (`invalid`), is said as an error."""
    if not form.is_valid():
        messages.error(request, invalid)
        return
    try:
        result = call()
    except ValidationError as exc:
        messages_add_errors(request, exc)
    else:
        messages.success(request, success(result))


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
