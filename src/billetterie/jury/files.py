"""Serving a private file with HTTP range requests, so that an <audio> player can seek in it.

Self-contained on purpose (the back office and the portal may get a shared helper in core/web.py;
this one can then give way to it). One range only (`bytes=a-b`, `bytes=a-`, `bytes=-n`); a request
with several ranges, or a malformed one, gets the whole file (RFC 9110 lets a server ignore Range);
a range past the end gets 416. Never cached, never sniffed, never offered as a download.
"""

import re

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def byte_range(header: str | None, size: int) -> tuple[int, int] | None | bool:
    """(first, last) inclusive for a satisfiable single range; None to send the whole file;
    False when the range cannot be satisfied (416)."""
    if not header:
        return None
    match = RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    if start >= size:
        return False
    end = int(last) if last else size - 1
    if end < start:
        return None
    return start, min(end, size - 1)


def _chunks(handle, start: int, length: int):
    try:
        handle.seek(start)
        left = length
        while left > 0:
            data = handle.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            yield data
    finally:
        handle.close()


def _private(response, content_type: str):
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Content-Type"] = content_type
    return response


def range_file_response(request, field_file, *, content_type: str):
    """The stored file (a FieldFile) in full (200) or the asked range (206), or 416."""
    size = field_file.size
    wanted = byte_range(request.headers.get("Range"), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _private(response, content_type)
    start, end = wanted if wanted else (0, size - 1)
    length = max(end - start + 1, 0)
    handle = field_file.storage.open(field_file.name, "rb")
    if request.method == "HEAD":
        handle.close()
        response = HttpResponse(status=206 if wanted else 200)
    else:
        response = StreamingHttpResponse(
            _chunks(handle, start, length), status=206 if wanted else 200
        )
    response["Content-Length"] = str(length)
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return _private(response, content_type)
