"""The jury's audio: served with range requests, so that the browser's player can seek (the
range rule itself is tested with core.web in tests/core/test_ranged_response.py)."""

import pytest
from django.urls import reverse


@pytest.fixture
def member_client(client, world, after_window):
    client.force_login(world["jury"][1])
    return client


def _audio(world, n=0):
    return reverse("jury:entry_audio", kwargs={"entry_id": world["entries"][n].pk})


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_whole_file_then_a_range_then_past_the_end(member_client, world):
    entry = world["entries"][0]
    entry.file.open("rb")
    whole = entry.file.read()
    entry.file.close()
    response = member_client.get(_audio(world))
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/wav"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(whole))
    assert "filename" not in response["Content-Disposition"]
    assert _body(response) == whole and whole[:4] == b"RIFF"

    part = member_client.get(_audio(world), HTTP_RANGE="bytes=100-1123")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-1123/{len(whole)}"
    assert part["Content-Length"] == "1024"
    assert _body(part) == whole[100:1124]

    tail = member_client.get(_audio(world), HTTP_RANGE="bytes=-16")
    assert tail.status_code == 206 and _body(tail) == whole[-16:]

    past = member_client.get(_audio(world), HTTP_RANGE=f"bytes={len(whole)}-")
    assert past.status_code == 416
    assert past["Content-Range"] == f"bytes */{len(whole)}"


def test_head_answers_without_a_body(member_client, world):
    response = member_client.head(_audio(world), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206 and response["Content-Length"] == "10"
    assert response.content == b""


def test_no_audio_before_the_submission_window_closes(client, world):
    """During the window an association may still replace its entry: the jury waits."""
    from billetterie.core import clock
    from tests.jury.world import DURING

    client.force_login(world["jury"][1])
    with clock.frozen_at(DURING):
        assert client.get(_audio(world)).status_code == 404
