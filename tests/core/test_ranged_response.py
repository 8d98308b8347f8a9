"""The private file served with range requests (core.web.private_ranged_response): what a browser's
audio player needs to seek, and nothing that leaks the file or lets a cache keep it."""

import io

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from billetterie.core.web import byte_range, private_ranged_response

DATA = bytes(range(256)) * 4  # 1 024 bytes, each position recognisable


class Tracked(io.BytesIO):
    closed_by_us = False

    def close(self):
        self.closed_by_us = True
        super().close()


def _get(range_header: str | None = None, data: bytes = DATA):
    headers = {"HTTP_RANGE": range_header} if range_header is not None else {}
    request = RequestFactory().get("/audio/", **headers)
    stream = Tracked(data)
    response = private_ranged_response(request, stream, size=len(data), content_type="audio/ogg")
    body = b"".join(response.streaming_content) if hasattr(response, "streaming_content") else b""
    return response, body, stream


def test_without_range_the_whole_file_inline_private_and_not_sniffed():
    response, body, stream = _get()
    assert response.status_code == 200
    assert body == DATA
    assert response["Content-Length"] == "1024"
    assert response["Content-Type"] == "audio/ogg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"] == "inline"
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert stream.closed_by_us


def test_first_hundred_bytes():
    response, body, _ = _get("bytes=0-99")
    assert response.status_code == 206
    assert body == DATA[:100]
    assert response["Content-Range"] == "bytes 0-99/1024"
    assert response["Content-Length"] == "100"


def test_from_an_offset_to_the_end():
    response, body, _ = _get("bytes=100-")
    assert response.status_code == 206
    assert body == DATA[100:]
    assert response["Content-Range"] == "bytes 100-1023/1024"


def test_the_last_bytes():
    response, body, _ = _get("bytes=-24")
    assert response.status_code == 206
    assert body == DATA[-24:]
    assert response["Content-Range"] == "bytes 1000-1023/1024"


def test_an_end_past_the_file_is_cut_at_its_end():
    response, body, _ = _get("bytes=1000-5000")
    assert response.status_code == 206
    assert body == DATA[1000:]
    assert response["Content-Range"] == "bytes 1000-1023/1024"


@pytest.mark.parametrize(
    "header", ["bytes=2000-", "bytes=50-10", "bytes=abc", "bytes=-", "bytes=-0"]
)
def test_a_range_that_cannot_be_served_is_416(header):
    response, body, stream = _get(header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert body == b""
    assert stream.closed_by_us


@pytest.mark.parametrize("header", ["items=0-10", "bytes=0-1,5-9"])
def test_another_unit_or_several_ranges_send_the_whole_file(header):
    response, body, _ = _get(header)
    assert response.status_code == 200
    assert body == DATA


@given(
    size=st.integers(min_value=1, max_value=3000),
    a=st.integers(min_value=0, max_value=3000),
    b=st.integers(min_value=0, max_value=3000),
)
def test_any_satisfiable_range_gives_exactly_those_bytes(size, a, b):
    data = bytes(i % 251 for i in range(size))
    first, last = min(a, b), max(a, b)
    response, body, _ = _get(f"bytes={first}-{last}", data)
    if first >= size:
        assert response.status_code == 416
        return
    assert response.status_code == 206
    assert body == data[first : last + 1]
    assert int(response["Content-Length"]) == len(body)
    assert response["Content-Range"] == f"bytes {first}-{min(last, size - 1)}/{size}"


def test_byte_range_of_an_empty_file_is_never_satisfiable():
    assert byte_range("bytes=0-", 0) is False
    assert byte_range("bytes=-5", 0) is False
    assert byte_range("", 0) is None
