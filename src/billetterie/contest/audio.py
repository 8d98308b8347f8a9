"""What an uploaded audio really is, read from its bytes: its format and its measured duration.

The name of the file and the type the browser announced are never trusted. The first bytes say
which parser to run (MP3, AAC in ADTS, MP4/M4A, Ogg Vorbis or Opus, WAV, WebM); the parser must
read the whole structure and measure a positive duration, else the file is refused as unreadable.
mutagen measures every format but WebM, whose duration is read here from its EBML structure:
Segment › Info › Duration when the recorder wrote it, otherwise (MediaRecorder writes no duration)
the timestamp of the last audio block plus the length of one block (the gap between the last two).
"""

import io
import struct
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mutagen import MutagenError
from mutagen.aac import AAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

FORMATS_WORDS = "MP3, M4A ou AAC, OGG ou Opus, WAV, WebM"
# Encoders pad the last frame: a recording stopped at 60 s may measure 60.05 s once encoded.
TOLERANCE_SECONDS = Decimal("0.5")


class AudioUnreadable(Exception):
    """The bytes are not an audio recording this platform reads."""


@dataclass(frozen=True)
class Audio:
    content_type: str
    duration: Decimal  # seconds, two decimals

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


EXTENSIONS = {
    "audio/mpeg": ".mp3",
    "audio/aac": ".aac",
    "audio/mp4": ".m4a",
    "audio/ogg": ".ogg",
    "audio/wav": ".wav",
    "audio/webm": ".webm",
}


def _sniff(content: bytes) -> str | None:
    head = content[:12]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "audio/webm"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # A frame sync: the layer bits are 00 for AAC in ADTS, anything else for MPEG audio.
        return "audio/aac" if head[1] & 0x06 == 0 else "audio/mpeg"
    return None


def _mutagen_length(content_type: str, content: bytes) -> float:
    stream = io.BytesIO(content)
    if content_type == "audio/ogg":
        for reader in (OggOpus, OggVorbis):
            stream.seek(0)
            try:
                return reader(stream).info.length
            except MutagenError:
                continue
        raise AudioUnreadable("ogg")
    reader = {"audio/mpeg": MP3, "audio/aac": AAC, "audio/mp4": MP4, "audio/wav": WAVE}
    return reader[content_type](stream).info.length


def audio_probe(content: bytes) -> Audio:
    """The format and duration of an audio file, from its content only; AudioUnreadable else."""
    content_type = _sniff(content)
    if content_type is None:
        raise AudioUnreadable("unknown format")
    try:
        if content_type == "audio/webm":
            seconds = webm_duration(content)
        else:
            seconds = _mutagen_length(content_type, content)
    except AudioUnreadable:
        raise
    except (MutagenError, ValueError, struct.error, EOFError, IndexError, KeyError):
        raise AudioUnreadable("parse error") from None
    if seconds is None or not seconds > 0 or seconds > 24 * 3600:
        raise AudioUnreadable("no duration")
    duration = Decimal(str(seconds)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Audio(content_type, duration)


def duration_words(seconds: Decimal | float) -> str:
    """75 → « 1 min 15 s » ; 42 → « 42 s » ; 120 → « 2 min » (rounded to the second)."""
    total = int(Decimal(str(seconds)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    minutes, rest = divmod(total, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def too_long(duration: Decimal, max_seconds: int) -> bool:
    return duration > Decimal(max_seconds) + TOLERANCE_SECONDS


# --- WebM (Matroska) --------------------------------------------------------------------------

EBML, DOCTYPE = 0x1A45DFA3, 0x4282
SEGMENT, INFO, TIMECODE_SCALE, DURATION = 0x18538067, 0x1549A966, 0x2AD7B1, 0x4489
TRACKS, TRACK_ENTRY, TRACK_NUMBER, TRACK_TYPE = 0x1654AE6B, 0xAE, 0xD7, 0x83
CLUSTER, CLUSTER_TIMECODE, SIMPLE_BLOCK, BLOCK_GROUP, BLOCK = 0x1F43B675, 0xE7, 0xA3, 0xA0, 0xA1
# Master elements whose children are read in place (their size may be "unknown" in live output).
MASTERS = {SEGMENT, INFO, TRACKS, TRACK_ENTRY, CLUSTER, BLOCK_GROUP}
AUDIO_TRACK, VIDEO_TRACK = 2, 1
MAX_ELEMENTS = 1_000_000


def _vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length integer at `pos`: (value, new position, all value bits set)."""
    if pos >= len(data):
        raise AudioUnreadable("truncated")
    first = data[pos]
    if first == 0:
        raise AudioUnreadable("bad vint")
    length = 8 - first.bit_length() + 1
    if pos + length > len(data):
        raise AudioUnreadable("truncated")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, pos + length, unknown


def _uint(payload: bytes) -> int:
    return int.from_bytes(payload, "big") if payload else 0


def _float(payload: bytes) -> float:
    if len(payload) == 4:
        return struct.unpack(">f", payload)[0]
    if len(payload) == 8:
        return struct.unpack(">d", payload)[0]
    raise AudioUnreadable("bad float")


def webm_duration(data: bytes) -> float | None:
    """Seconds of a WebM audio file: its Info/Duration, else the timestamps of its audio blocks.

    Refuses (AudioUnreadable) what is not WebM, has no audio track or has a video track."""
    pos, count = 0, 0
    element, pos, _ = _vint(data, pos, keep_marker=True)
    if element != EBML:
        raise AudioUnreadable("not ebml")
    size, pos, unknown = _vint(data, pos, keep_marker=False)
    if unknown or pos + size > len(data):
        raise AudioUnreadable("bad header")
    header, pos = data[pos : pos + size], pos + size
    doctype = _ebml_child(header, DOCTYPE)
    if doctype is None or doctype.rstrip(b"\x00") != b"webm":
        raise AudioUnreadable("not webm")

    scale, duration = 1_000_000, None
    track_types: dict[int, int] = {}
    current_track: dict[str, int] = {}
    cluster_time = 0
    audio_times: list[int] = []
    while pos < len(data):
        count += 1
        if count > MAX_ELEMENTS:
            raise AudioUnreadable("too many elements")
        element, pos, _ = _vint(data, pos, keep_marker=True)
        size, pos, unknown = _vint(data, pos, keep_marker=False)
        if element in MASTERS:
            if element == TRACK_ENTRY:
                _track_close(current_track, track_types)
            if element == CLUSTER:
                _track_close(current_track, track_types)
            continue  # read its children in place
        if unknown or pos + size > len(data):
            if pos + size > len(data) and element in (SIMPLE_BLOCK, BLOCK):
                break  # a recording cut in its last block: what came before still counts
            raise AudioUnreadable("bad element size")
        payload, pos = data[pos : pos + size], pos + size
        if element == TIMECODE_SCALE:
            scale = _uint(payload) or 1_000_000
        elif element == DURATION:
            duration = _float(payload)
        elif element == TRACK_NUMBER:
            current_track["number"] = _uint(payload)
        elif element == TRACK_TYPE:
            current_track["type"] = _uint(payload)
        elif element == CLUSTER_TIMECODE:
            cluster_time = _uint(payload)
        elif element in (SIMPLE_BLOCK, BLOCK):
            _track_close(current_track, track_types)
            track, at, _ = _vint(payload, 0, keep_marker=False)
            if at + 2 > len(payload):
                raise AudioUnreadable("bad block")
            relative = struct.unpack(">h", payload[at : at + 2])[0]
            if track_types.get(track) == AUDIO_TRACK:
                audio_times.append(cluster_time + relative)
    _track_close(current_track, track_types)
    if AUDIO_TRACK not in track_types.values() or VIDEO_TRACK in track_types.values():
        raise AudioUnreadable("no audio track")
    if duration is not None and duration > 0:
        return duration * scale / 1e9
    if not audio_times:
        return None
    times = sorted(audio_times)
    frame = times[-1] - times[-2] if len(times) > 1 else 0
    return (times[-1] + frame) * scale / 1e9


def _track_close(current: dict[str, int], types: dict[int, int]) -> None:
    if "number" in current:
        types[current["number"]] = current.get("type", 0)
    current.clear()


def _ebml_child(data: bytes, wanted: int) -> bytes | None:
    pos = 0
    while pos < len(data):
        element, pos, _ = _vint(data, pos, keep_marker=True)
        size, pos, unknown = _vint(data, pos, keep_marker=False)
        if unknown or pos + size > len(data):
            raise AudioUnreadable("bad header")
        if element == wanted:
            return data[pos : pos + size]
        pos += size
    return None
