"""Real audio files for the contest's tests: a sine WAV written with Python's `wave`, MP3 and Ogg
files encoded by sox (Debian: sox, libsox-fmt-mp3; scripts/ensure-audio-tools.sh), and WebM files
built by a tiny EBML writer — with or without the Duration element, as MediaRecorder writes them.

A test that needs sox fails when it is missing under CI (CI=true), and is skipped elsewhere."""

import io
import math
import os
import shutil
import struct
import subprocess
import tempfile
import wave
from pathlib import Path

import pytest

RATE = 8000


def wav_bytes(seconds: float, *, rate: int = RATE, frequency: int = 440) -> bytes:
    frames = int(seconds * rate)
    samples = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
        for i in range(frames)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples)
    return buffer.getvalue()


def sox_required() -> str:
    sox = shutil.which("sox")
    if sox is None:
        if os.environ.get("CI") == "true":
            pytest.fail("sox est absent : lancez scripts/ensure-audio-tools.sh (make test le fait)")
        pytest.skip("sox est absent (apt-get install sox libsox-fmt-mp3)")
    return sox


def sox_encode(seconds: float, suffix: str, *extra: str) -> bytes:
    """A sine of `seconds` encoded by sox into the format of `suffix` (".mp3", ".ogg", ".opus")."""
    sox = sox_required()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"son{suffix}"
        command = [sox, "-n", "-r", "16000", "-c", "1", *extra, str(target)]
        subprocess.run(
            [*command, "synth", str(seconds), "sine", "440"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return target.read_bytes()


# --- a tiny EBML (WebM) writer -----------------------------------------------------------------


def vint_size(value: int) -> bytes:
    for length in range(1, 9):
        if value < (1 << (7 * length)) - 1:
            return (value | (1 << (7 * length))).to_bytes(length, "big")
    raise ValueError(value)


UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def element(element_id: int, payload: bytes, *, unknown: bool = False) -> bytes:
    ident = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return ident + (UNKNOWN_SIZE if unknown else vint_size(len(payload))) + payload


def uint(element_id: int, value: int) -> bytes:
    return element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def webm_bytes(
    *,
    duration_ms: float | None,
    block_times_ms: list[int] | None = None,
    live: bool = False,
    video: bool = False,
    doctype: bytes = b"webm",
) -> bytes:
    """A WebM file with one Opus audio track (and a video track if asked), blocks at these times
    (ms, in clusters of 1 s), with Info/Duration or without it (as MediaRecorder writes it);
    `live`: the Segment and Clusters have the unknown size of a live recording."""
    header = element(0x1A45DFA3, uint(0x4286, 1) + element(0x4282, doctype))
    info = uint(0x2AD7B1, 1_000_000) + element(0x4D80, b"tests")
    if duration_ms is not None:
        info += element(0x4489, struct.pack(">d", duration_ms))
    tracks = element(0xAE, uint(0xD7, 1) + uint(0x83, 2) + element(0x86, b"A_OPUS"))
    if video:
        tracks += element(0xAE, uint(0xD7, 2) + uint(0x83, 1) + element(0x86, b"V_VP8"))
    body = element(0x1549A966, info) + element(0x1654AE6B, tracks)
    clusters: dict[int, list[int]] = {}
    for time in block_times_ms or []:
        clusters.setdefault(time // 1000 * 1000, []).append(time)
    for start, times in sorted(clusters.items()):
        blocks = b"".join(
            element(0xA3, b"\x81" + struct.pack(">h", t - start) + b"\x80" + b"\xfc\x00\x00")
            for t in times
        )
        body += element(0x1F43B675, uint(0xE7, start) + blocks, unknown=live)
    return header + element(0x18538067, body, unknown=live)


def recorder_times(seconds: float, frame_ms: int = 20) -> list[int]:
    """The block timestamps of a recording of `seconds` in frames of `frame_ms`."""
    return list(range(0, int(seconds * 1000), frame_ms))


def speech_encode(text: str, suffix: str) -> bytes:
    """`text` spoken in French by espeak-ng (a real voice, a few seconds), then encoded by sox into
    the format of `suffix` (".mp3", ".ogg" or ".wav"); both tools from Debian."""
    sox = sox_required()
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        if os.environ.get("CI") == "true":
            pytest.fail("espeak-ng est absent : lancez scripts/ensure-audio-tools.sh")
        pytest.skip("espeak-ng est absent (apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory() as folder:
        spoken, target = Path(folder) / "voix.wav", Path(folder) / f"souvenir{suffix}"
        subprocess.run(
            [espeak, "-v", "fr", "-w", str(spoken), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        subprocess.run(
            [sox, str(spoken), "-r", "16000", str(target)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return target.read_bytes()
