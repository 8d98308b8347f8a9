"""An audio file is known by its content: format and real duration, whatever its name says."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.contest.audio import (
    AudioUnreadable,
    audio_probe,
    duration_words,
    too_long,
    webm_duration,
)
from tests.contest.audio_samples import recorder_times, sox_encode, wav_bytes, webm_bytes


def test_a_ten_second_wav_measures_ten_seconds():
    audio = audio_probe(wav_bytes(10))
    assert audio.content_type == "audio/wav"
    assert audio.duration == Decimal("10.00")


def test_a_seventy_five_second_wav_is_too_long_for_sixty():
    audio = audio_probe(wav_bytes(75))
    assert audio.duration == Decimal("75.00")
    assert too_long(audio.duration, 60)
    assert duration_words(audio.duration) == "1 min 15 s"


def test_an_mp3_encoded_by_sox():
    audio = audio_probe(sox_encode(12, ".mp3"))
    assert audio.content_type == "audio/mpeg"
    assert Decimal("11.8") <= audio.duration <= Decimal("12.2")


def test_an_ogg_vorbis_encoded_by_sox():
    audio = audio_probe(sox_encode(7, ".ogg"))
    assert audio.content_type == "audio/ogg"
    assert Decimal("6.9") <= audio.duration <= Decimal("7.1")


@pytest.mark.parametrize(
    "content",
    [
        b"Je me souviens de la finale.\n" * 20,  # a text file named .mp3
        b"",
        b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 400,  # an ID3 tag and nothing after it
        b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 10,  # a cut WAV header
        b"OggS" + b"\x00" * 200,
        b"\x00\x00\x00\x18ftypM4A " + b"\x00" * 100,
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_what_is_not_readable_audio_is_refused(content):
    with pytest.raises(AudioUnreadable):
        audio_probe(content)


def test_a_webm_with_its_duration_element():
    audio = audio_probe(webm_bytes(duration_ms=42_500.0, block_times_ms=recorder_times(2)))
    assert audio.content_type == "audio/webm"
    assert audio.duration == Decimal("42.50")


def test_a_live_webm_without_duration_measures_its_blocks():
    """MediaRecorder writes no Duration and unknown sizes: the last block plus one frame."""
    content = webm_bytes(duration_ms=None, block_times_ms=recorder_times(30), live=True)
    assert audio_probe(content).duration == Decimal("30.00")


def test_a_webm_with_a_video_track_or_of_another_doctype_is_refused():
    with pytest.raises(AudioUnreadable):
        webm_duration(webm_bytes(duration_ms=1000.0, video=True))
    with pytest.raises(AudioUnreadable):
        webm_duration(webm_bytes(duration_ms=1000.0, doctype=b"matroskx"))


def test_a_webm_without_duration_nor_blocks_is_refused():
    with pytest.raises(AudioUnreadable):
        audio_probe(webm_bytes(duration_ms=None, block_times_ms=[]))


@settings(max_examples=60, deadline=None)
@given(
    frames=st.integers(min_value=2, max_value=3000),
    frame=st.sampled_from([10, 20, 40, 60]),
    live=st.booleans(),
)
def test_webm_block_timestamps_give_the_recording_length(frames, frame, live):
    """The last block starts at (frames - 1) × frame and lasts one frame."""
    times = [i * frame for i in range(frames)]
    content = webm_bytes(duration_ms=None, block_times_ms=times, live=live)
    assert webm_duration(content) == pytest.approx(frames * frame / 1000)


@given(content=st.binary(max_size=400))
def test_random_bytes_never_crash_the_probe(content):
    """Whatever arrives, the answer is a measured audio or AudioUnreadable, nothing else."""
    for prefix in (b"", b"\x1a\x45\xdf\xa3", b"OggS", b"RIFF\x00\x00\x00\x00WAVE", b"\xff\xfb"):
        try:
            audio = audio_probe(prefix + content)
        except AudioUnreadable:
            continue
        assert audio.duration > 0


@pytest.mark.parametrize(
    ("seconds", "words"), [(42, "42 s"), (60, "1 min"), (75, "1 min 15 s"), (59.6, "1 min")]
)
def test_duration_words(seconds, words):
    assert duration_words(seconds) == words


def test_a_little_encoder_padding_is_tolerated_not_more():
    assert not too_long(Decimal("60.40"), 60)
    assert too_long(Decimal("60.60"), 60)
